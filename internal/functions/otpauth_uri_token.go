package functions

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/oathtokens/terraform-provider-pingone/internal/otp"
)

// The attributes of otpauth_uri's token argument: those of pingone_oath_token and of
// pskc_decode's tokens, so that either can be merged with an account and an issuer.
const (
	uriType          = "type"
	uriSecret        = "secret"
	uriAccount       = "account"
	uriIssuer        = "issuer"
	uriOTPLength     = "otp_length"
	uriHashAlgorithm = "hash_algorithm"
	uriTimeStep      = "time_step"
	uriCounter       = "counter"
)

var uriAttributes = []string{uriType, uriSecret, uriAccount, uriIssuer, uriOTPLength, uriHashAlgorithm, uriTimeStep, uriCounter}

// tokenAttributesText is the part of otpauth_uri's description that lists the token's attributes.
const tokenAttributesText = "The `token` argument is an object with the attribute names of `pingone_oath_token` and of " +
	"`pskc_decode`'s results, so that a decoded token can be `merge`d with an account and an issuer:\n\n" +
	"- `type` (required): `HOTP` or `TOTP`.\n" +
	"- `secret` (required): the secret in hexadecimal.\n" +
	"- `account` (required): the account name the app shows, usually the user's e-mail address. No colon.\n" +
	"- `issuer` (optional): the organization the app shows above the account. No colon.\n" +
	"- `otp_length` (optional, default 6): 6 to 8 digits.\n" +
	"- `hash_algorithm` (optional, default `HmacSHA1`): `HmacSHA1`, `HmacSHA256` or `HmacSHA512`.\n" +
	"- `time_step` (optional, TOTP, default 30): seconds.\n" +
	"- `counter` (optional, HOTP, default 0): the next counter value.\n\n" +
	"Any other attribute is an error, so that a misspelled one is not silently ignored."

const tokenDescription = "The token: an object with `type`, `secret` (hexadecimal) and `account`, and optionally " +
	"`issuer`, `otp_length`, `hash_algorithm`, `time_step` or `counter`. See the description above."

// keyURIArgument reads the token argument. Its errors name the attribute and never quote the secret.
func keyURIArgument(v types.Dynamic) (otp.KeyURI, *function.FuncError) {
	fail := func(format string, args ...any) (otp.KeyURI, *function.FuncError) {
		return otp.KeyURI{}, function.NewArgumentFuncError(0, fmt.Sprintf(format, args...))
	}
	if v.IsNull() || v.IsUnderlyingValueNull() {
		return fail("the token must be an object with at least type, secret and account")
	}
	values, ok := fields(v.UnderlyingValue())
	if !ok {
		return fail("the token must be an object with at least type, secret and account, not a %s", typeName(v.UnderlyingValue()))
	}
	if name := unknownField(values, uriAttributes); name != "" {
		return fail("the token has an attribute %q; it takes %v", name, uriAttributes)
	}
	k := otp.KeyURI{Digits: 6, Algorithm: otp.HmacSHA1, Period: 30}
	for _, name := range []string{uriType, uriSecret, uriAccount} {
		if isNull(values[name]) {
			return fail("the token has no %s", name)
		}
	}
	for _, text := range []struct {
		name   string
		target *string
	}{{uriType, &k.Type}, {uriAccount, &k.Account}, {uriIssuer, &k.Issuer}} {
		s, ok := optionalString(values[text.name])
		if !ok {
			return fail("the token's %s must be a string", text.name)
		}
		*text.target = s
	}
	if k.Type != otp.TypeHOTP && k.Type != otp.TypeTOTP {
		return fail("the token's type must be %s or %s, not %q", otp.TypeHOTP, otp.TypeTOTP, k.Type)
	}
	secretHex, ok := stringField(values[uriSecret])
	if !ok {
		return fail("the token's secret must be a string of hexadecimal digits")
	}
	secret, funcErr := parseSecret(0, secretHex)
	if funcErr != nil {
		return otp.KeyURI{}, funcErr
	}
	k.Secret = secret
	if s, ok := optionalString(values[uriHashAlgorithm]); !ok {
		return fail("the token's %s must be a string", uriHashAlgorithm)
	} else if s != "" {
		k.Algorithm = otp.Algorithm(s)
	}
	digits, ok := optionalInt(values[uriOTPLength], int64(k.Digits))
	if !ok {
		return fail("the token's %s must be a whole number", uriOTPLength)
	}
	k.Digits = int(digits)
	if k.Type == otp.TypeTOTP {
		if k.Period, ok = optionalInt(values[uriTimeStep], k.Period); !ok {
			return fail("the token's %s must be a whole number of seconds", uriTimeStep)
		}
	} else {
		counter, ok := optionalInt(values[uriCounter], 0)
		if !ok || counter < 0 {
			return fail("the token's %s must be a whole number from 0", uriCounter)
		}
		k.Counter = uint64(counter)
	}
	return k, nil
}

// optionalString reads an optional string attribute: "" when it is absent or null.
func optionalString(v attr.Value) (string, bool) {
	if isNull(v) {
		return "", true
	}
	return stringField(v)
}

// optionalInt reads an optional whole-number attribute, def when it is absent or null.
func optionalInt(v attr.Value, def int64) (int64, bool) {
	if isNull(v) {
		return def, true
	}
	return intField(v)
}
