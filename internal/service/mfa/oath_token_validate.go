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
	resp.Diagnostics.Append(tokenTypeRules(m.Type.ValueString(), m.HOTP.IsNull(), m.TOTP.IsNull(), m.HashAlgorithm)...)
}

func tokenTypeRules(tokenType string, hotpNull, totpNull bool, hash interface {
	IsNull() bool
	IsUnknown() bool
	ValueString() string
}) (diags diag.Diagnostics) {
	switch tokenType {
	case tokenTypeHOTP:
		if !totpNull {
			diags.AddAttributeError(path.Root("totp"), "totp is only for TOTP tokens",
				`Attribute totp may only be set when type is "TOTP"; this token's type is "HOTP". Use hotp = { counter = ... } instead, or remove totp.`)
		}
		if !hash.IsNull() && !hash.IsUnknown() && hash.ValueString() != hashSHA1 {
			diags.AddAttributeError(path.Root("hash_algorithm"), "HOTP tokens support only HmacSHA1",
				fmt.Sprintf(`Attribute hash_algorithm must be "HmacSHA1" (or left out) when type is "HOTP"; got %q. `+
					`HmacSHA256 and HmacSHA512 are for TOTP tokens.`, hash.ValueString()))
		}
	case tokenTypeTOTP:
		if !hotpNull {
			diags.AddAttributeError(path.Root("hotp"), "hotp is only for HOTP tokens",
				`Attribute hotp may only be set when type is "HOTP"; this token's type is "TOTP". Remove hotp.`)
		}
		if totpNull {
			diags.AddAttributeError(path.Root("totp"), "TOTP tokens need totp",
				fmt.Sprintf(`Attribute totp is required when type is "TOTP": set totp = { time_step = 30 } (time_step is %s seconds).`,
					int64sText(timeSteps)))
		}
	}
	return diags
}
