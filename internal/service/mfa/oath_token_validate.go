package mfa

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// ValidateConfig checks the rules that tie attributes to the token type, at plan time, so that
// an invalid configuration never reaches PingOne.
func (r *oathTokenResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m oathTokenModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() || m.Type.IsNull() || m.Type.IsUnknown() {
		return
	}
	hash := ""
	if !m.HashAlgorithm.IsUnknown() {
		hash = m.HashAlgorithm.ValueString()
	}
	resp.Diagnostics.Append(tokenTypeRules(path.Empty(), m.Type.ValueString(), m.HOTP.IsNull(), m.TOTP.IsNull(), hash)...)
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
