package mfa

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/oathtokens/terraform-provider-pingone/internal/pingone"
)

// createRequest maps the plan (and the write-only secret, which only the configuration holds)
// onto PingOne's create call.
func createRequest(ctx context.Context, plan oathTokenModel, secretWO types.String) (pingone.OATHTokenCreate, diag.Diagnostics) {
	var diags diag.Diagnostics
	in := pingone.OATHTokenCreate{
		SerialNumber:  plan.SerialNumber.ValueString(),
		Secret:        plan.Secret.ValueString(),
		Type:          plan.Type.ValueString(),
		OTPLength:     int(plan.OTPLength.ValueInt64()),
		HashAlgorithm: plan.HashAlgorithm.ValueString(),
	}
	if plan.Secret.IsNull() {
		in.Secret = secretWO.ValueString()
	}
	switch in.Type {
	case tokenTypeHOTP:
		counter, d := hotpCounter(ctx, plan.HOTP)
		diags.Append(d...)
		if counter != nil {
			in.HOTP = &pingone.HOTPSettings{Counter: *counter}
		}
	case tokenTypeTOTP:
		step, d := totpTimeStep(ctx, plan.TOTP)
		diags.Append(d...)
		if step != nil {
			in.TOTP = &pingone.TOTPSettings{TimeStep: int(*step)}
		}
	}
	return in, diags
}
