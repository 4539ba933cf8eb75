package functions

import (
	"context"
	"encoding/hex"
	"errors"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/oathtokens/terraform-provider-pingone/internal/otp"
	"github.com/oathtokens/terraform-provider-pingone/internal/pskc"
)

var _ function.Function = (*pskcDecodeFunction)(nil)

// NewPSKCDecode returns the pskc_decode function.
func NewPSKCDecode() function.Function {
	return &pskcDecodeFunction{}
}

type pskcDecodeFunction struct{}

// tokenAttributes is the type of each token pskc_decode returns: the attributes of
// pingone_oath_token, so that a token's values go straight into the resource.
var tokenAttributes = map[string]attr.Type{
	"secret":         types.StringType,
	"type":           types.StringType,
	"otp_length":     types.Int64Type,
	"hash_algorithm": types.StringType,
	"counter":        types.Int64Type,
	"time_step":      types.Int64Type,
}

var tokenType = types.ObjectType{AttrTypes: tokenAttributes}

func (f *pskcDecodeFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "pskc_decode"
}

func (f *pskcDecodeFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "Decodes a PSKC (RFC 6030) seed file into the tokens it holds, keyed by serial number",
		MarkdownDescription: "Decodes a Portable Symmetric Key Container (RFC 6030), the XML seed file token vendors ship, " +
			"into a map from serial number to an object with the token's `secret` (lower-case hexadecimal, as PingOne " +
			"takes it), `type` (`HOTP` or `TOTP`), `otp_length`, `hash_algorithm` (`HmacSHA1`, `HmacSHA256` or " +
			"`HmacSHA512`), `counter` (HOTP; `null` for TOTP) and `time_step` (TOTP, in seconds; `null` for HOTP).\n\n" +
			"Secrets may be in plain text, encrypted with a pre-shared AES-CBC key (128, 192 or 256 bits; RFC 6030 " +
			"section 6.1), or encrypted with a key derived from a password by PBKDF2 (section 6.2). Every encrypted " +
			"value must pass the file's HMAC check (`MACMethod`), so that a wrong key or an altered file fails instead " +
			"of yielding a wrong secret. Files encrypted to a public key (`ds:X509Data`) are not supported.\n\n" +
			"A token is named by its `DeviceInfo` `SerialNo`, or by its `Key` `Id` when it has none. Two key packages " +
			"with the same name, a key that is neither HOTP nor TOTP (the PIN keys of RFC 6030 figure 5 are skipped), " +
			"a response encoding other than decimal, and a TOTP `Time` (T0) other than 0 are errors that name the key " +
			"package by position, serial number and key Id. When the file leaves them out, `otp_length` is 6, " +
			"`hash_algorithm` `HmacSHA1` (a `Suite` such as `HMAC-SHA256` sets it), `counter` 0 and `time_step` 30.\n\n" +
			keyForms + secretNote + engineNote,
		Parameters: []function.Parameter{
			function.StringParameter{Name: "xml", MarkdownDescription: "The PSKC document, for example `file(\"seeds.pskc\")`."},
			function.DynamicParameter{Name: "key", MarkdownDescription: keyDescription},
		},
		Return: function.MapReturn{ElementType: tokenType},
	}
}

func (f *pskcDecodeFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var doc string
	var keyArg types.Dynamic
	if resp.Error = req.Arguments.Get(ctx, &doc, &keyArg); resp.Error != nil {
		return
	}
	key, funcErr := keyArgumentValue(keyArg)
	if funcErr != nil {
		resp.Error = funcErr
		return
	}
	tokens, err := pskc.Decode([]byte(doc), key)
	if err != nil {
		resp.Error = decodeError(err, key)
		return
	}
	result, funcErr := tokensValue(ctx, tokens)
	if funcErr != nil {
		resp.Error = funcErr
		return
	}
	resp.Error = resp.Result.Set(ctx, result)
}

// decodeError blames the argument that can fix the error: the key for a wrong, missing or
// mismatched key (or a MAC that fails), the document for everything else.
func decodeError(err error, key pskc.Key) *function.FuncError {
	if !errors.Is(err, pskc.ErrKey) {
		return function.NewArgumentFuncError(0, err.Error())
	}
	text := err.Error()
	if key.IsZero() {
		text += "; pass the pre-shared key (hexadecimal) or the password as the second argument"
	}
	return function.NewArgumentFuncError(keyArgument, text)
}

func tokensValue(ctx context.Context, tokens []pskc.Token) (types.Map, *function.FuncError) {
	elements := make(map[string]attr.Value, len(tokens))
	for _, t := range tokens {
		counter, timeStep := types.Int64Null(), types.Int64Null()
		if t.Type == otp.TypeHOTP {
			counter = types.Int64Value(t.Counter)
		} else {
			timeStep = types.Int64Value(t.TimeStep)
		}
		obj, diags := types.ObjectValue(tokenAttributes, map[string]attr.Value{
			"secret":         types.StringValue(hex.EncodeToString(t.Secret)),
			"type":           types.StringValue(t.Type),
			"otp_length":     types.Int64Value(int64(t.OTPLength)),
			"hash_algorithm": types.StringValue(string(t.HashAlgorithm)),
			"counter":        counter,
			"time_step":      timeStep,
		})
		if diags.HasError() {
			return types.Map{}, function.FuncErrorFromDiags(ctx, diags)
		}
		elements[t.Serial] = obj
	}
	m, diags := types.MapValue(tokenType, elements)
	if diags.HasError() {
		return types.Map{}, function.FuncErrorFromDiags(ctx, diags)
	}
	return m, nil
}
