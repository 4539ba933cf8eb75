package mfa

import (
	"context"
	"fmt"
	"slices"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/oathtokens/terraform-provider-pingone/internal/pingone"
	"github.com/oathtokens/terraform-provider-pingone/internal/validators"
)

// ValidateConfig checks every rule of oath_token_values.go in one pass over the raw
// configuration, at plan time, so that an invalid configuration never reaches PingOne: allowed
// values, the secret's form, which of secret and secret_wo, and what goes with the token's type.
// A value not known yet is checked when it is (Terraform validates again before applying).
func (r *oathTokenResource) ValidateConfig(_ context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	config, err := readTokenAttrs(req.Config.Raw)
	if err != nil {
		resp.Diagnostics.AddError("Read the configuration failed", err.Error())
		return
	}
	resp.Diagnostics.Append(tokenConfigProblems(config)...)
}

func tokenConfigProblems(c tokenAttrs) (diags diag.Diagnostics) {
	if env := c.str("environment_id"); env != "" && !pingone.IsID(env) {
		diags.AddAttributeError(path.Root("environment_id"), "Invalid PingOne ID",
			fmt.Sprintf("Attribute environment_id must be a PingOne ID (a UUID such as 11111111-2222-3333-4444-555555555555), got %q.", env))
	}
	if serial, known, _ := stringOf(c["serial_number"]); known && !c.isNull("serial_number") && !serialPattern.MatchString(serial) {
		diags.AddAttributeError(pathSerialNumber, "Invalid serial number",
			fmt.Sprintf("Attribute serial_number %s, got %q.", serialRule, serial))
	}
	tokenType := c.str("type")
	if tokenType != "" && !slices.Contains(tokenTypes, tokenType) {
		diags.Append(notOneOf(path.Root("type"), quotedList(tokenTypes), strconv.Quote(tokenType)))
	}
	if n := c.num("otp_length"); n != nil && !slices.Contains(otpLengths, *n) {
		diags.Append(notOneOf(path.Root("otp_length"), int64sText(otpLengths), strconv.FormatInt(*n, 10)))
	}
	hash := c.str("hash_algorithm")
	if hash != "" && !slices.Contains(hashAlgorithms, hash) {
		diags.Append(notOneOf(path.Root("hash_algorithm"), quotedList(hashAlgorithms), strconv.Quote(hash)))
	}
	diags.Append(secretProblems(c)...)

	counter, counterKnown, _ := nestedInt64(c["hotp"], "counter")
	if counterKnown && counter != nil && *counter < 0 {
		diags.AddAttributeError(pathHOTPCounter, "Invalid HOTP counter",
			fmt.Sprintf("Attribute hotp.counter must be at least 0, got %d.", *counter))
	}
	step, stepKnown, _ := nestedInt64(c["totp"], "time_step")
	if stepKnown && step != nil && !slices.Contains(timeSteps, *step) {
		diags.Append(notOneOf(path.Root("totp").AtName("time_step"), int64sText(timeSteps)+" (seconds)", strconv.FormatInt(*step, 10)))
	}
	if tokenType != "" && c.known("hotp") && c.known("totp") {
		if !c.known("hash_algorithm") {
			hash = ""
		}
		diags.Append(tokenTypeRules(path.Empty(), tokenType, c.isNull("hotp"), c.isNull("totp"), hash)...)
	}
	return diags
}

// secretProblems checks the secret's form and that exactly one of secret and secret_wo is set,
// secret_wo with secret_wo_version. Secrets are never quoted.
func secretProblems(c tokenAttrs) (diags diag.Diagnostics) {
	for _, name := range []string{"secret", "secret_wo"} {
		if s, known, _ := stringOf(c[name]); known && !c.isNull(name) {
			if problem := validators.HexSecretProblem(s, maxSecretLength); problem != "" {
				diags.AddAttributeError(path.Root(name), "Invalid OATH token secret",
					fmt.Sprintf("Attribute %s must be %s: %s. The value is not shown because it is a secret.",
						name, validators.HexSecretRule(maxSecretLength), problem))
			}
		}
	}
	if !c.known("secret") || !c.known("secret_wo") || !c.known("secret_wo_version") {
		return diags
	}
	secret, wo, version := !c.isNull("secret"), !c.isNull("secret_wo"), !c.isNull("secret_wo_version")
	switch {
	case secret && wo:
		diags.AddAttributeError(pathSecretWO, "Secret given twice", "Set exactly one of secret and secret_wo, not both: "+
			"secret_wo keeps the seed out of the state (Terraform 1.11+, OpenTofu 1.11+), secret is for older engines.")
	case !secret && !wo:
		diags.AddAttributeError(pathSecret, "Secret missing", "Set exactly one of secret and secret_wo: the token's seed in "+
			"hexadecimal. secret_wo (with secret_wo_version) keeps it out of the state on Terraform 1.11+ and OpenTofu 1.11+.")
	}
	switch {
	case wo && !version:
		diags.AddAttributeError(pathSecretWOVersion, "secret_wo needs secret_wo_version",
			"Attribute secret_wo_version must be set with secret_wo: Terraform cannot see a write-only value, so "+
				"secret_wo_version is what you change to replace the token with a new secret. Start with 1.")
	case version && !wo:
		diags.AddAttributeError(pathSecretWOVersion, "secret_wo_version without secret_wo",
			"Attribute secret_wo_version only goes with secret_wo; remove it, or move the seed from secret to secret_wo.")
	}
	return diags
}

func notOneOf(p path.Path, allowed, got string) diag.Diagnostic {
	return diag.NewAttributeErrorDiagnostic(p, "Invalid attribute value",
		fmt.Sprintf("Attribute %s must be one of %s, got %s.", p, allowed, got))
}

func quotedList(values []string) string {
	quoted := make([]string, len(values))
	for i, v := range values {
		quoted[i] = strconv.Quote(v)
	}
	return fmt.Sprint(joinOr(quoted))
}

func joinOr(values []string) string {
	text := ""
	for i, v := range values {
		switch {
		case i == 0:
		case i == len(values)-1:
			text += " or "
		default:
			text += ", "
		}
		text += v
	}
	return text
}

// tokenTypeRules checks the attributes that go with a token's type, for the token at base (the
// resource itself, or one token of a set). hash is "" when it is left out or not known yet.
func tokenTypeRules(base path.Path, tokenType string, hotpNull, totpNull bool, hash string) (diags diag.Diagnostics) {
	switch tokenType {
	case tokenTypeHOTP:
		if !totpNull {
			diags.AddAttributeError(base.AtName("totp"), "totp is only for TOTP tokens",
				fmt.Sprintf(`Attribute %s may only be set when type is "TOTP"; this token's type is "HOTP". Use hotp = { counter = ... } instead, or remove totp.`,
					base.AtName("totp")))
		}
		if hash != "" && hash != hashSHA1 {
			diags.AddAttributeError(base.AtName("hash_algorithm"), "HOTP tokens support only HmacSHA1",
				fmt.Sprintf(`Attribute %s must be "HmacSHA1" (or left out) when type is "HOTP"; got %q. `+
					`HmacSHA256 and HmacSHA512 are for TOTP tokens.`, base.AtName("hash_algorithm"), hash))
		}
	case tokenTypeTOTP:
		if !hotpNull {
			diags.AddAttributeError(base.AtName("hotp"), "hotp is only for HOTP tokens",
				fmt.Sprintf(`Attribute %s may only be set when type is "HOTP"; this token's type is "TOTP". Remove hotp.`, base.AtName("hotp")))
		}
		if totpNull {
			diags.AddAttributeError(base.AtName("totp"), "TOTP tokens need totp",
				fmt.Sprintf(`Attribute %s is required when type is "TOTP": set totp = { time_step = 30 } (time_step is %s seconds).`,
					base.AtName("totp"), int64sText(timeSteps)))
		}
	}
	return diags
}
