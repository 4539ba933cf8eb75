package functions

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/function"

	"github.com/oathtokens/terraform-provider-pingone/internal/otp"
)

var _ function.Function = (*hotpFunction)(nil)

// NewHOTP returns the hotp function.
func NewHOTP() function.Function {
	return &hotpFunction{}
}

type hotpFunction struct{}

func (f *hotpFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "hotp"
}

func (f *hotpFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "The HOTP one-time password (RFC 4226) of a secret at a counter",
		MarkdownDescription: "Returns the HMAC-based one-time password (RFC 4226, HMAC-SHA1) that a hardware token with this " +
			"secret shows at `counter`, as a string of `digits` digits with its leading zeros. Use it for smoke tests " +
			"and for activating a pairing, where PingOne asks for an OTP the token would show." + secretNote + engineNote,
		Parameters: []function.Parameter{
			function.StringParameter{Name: "secret", MarkdownDescription: hexDescription},
			function.Int64Parameter{Name: "counter", MarkdownDescription: "The moving factor: the counter value, from 0."},
			function.Int64Parameter{Name: "digits", MarkdownDescription: "The OTP length, 6 to 8. PingOne tokens show 6 or 8."},
		},
		Return: function.StringReturn{},
	}
}

func (f *hotpFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var secretHex string
	var counter, digits int64
	resp.Error = req.Arguments.Get(ctx, &secretHex, &counter, &digits)
	if resp.Error != nil {
		return
	}
	secret, funcErr := parseSecret(0, secretHex)
	if funcErr != nil {
		resp.Error = funcErr
		return
	}
	if counter < 0 {
		resp.Error = function.NewArgumentFuncError(1, "the counter must not be negative")
		return
	}
	if resp.Error = digitsError(2, digits); resp.Error != nil {
		return
	}
	code, err := otp.HOTP(secret, uint64(counter), int(digits), otp.HmacSHA1)
	if err != nil {
		resp.Error = function.NewFuncError(err.Error())
		return
	}
	resp.Error = resp.Result.Set(ctx, code)
}
