package mfa

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// ModifyPlan makes the plan exact where the schema alone cannot: the hotp block follows the type
// and the configured counter, a new token shows its default hash algorithm and empty pairing
// instead of "known after apply", and a changed counter replaces the token unless it is being
// adopted after an import.
func (r *oathTokenResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	var plan, config oathTokenModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() || plan.Type.IsUnknown() {
		return
	}

	plannedCounter := int64(0)
	switch plan.Type.ValueString() {
	case tokenTypeHOTP:
		counter, diags := hotpCounter(ctx, config.HOTP)
		resp.Diagnostics.Append(diags...)
		if counter != nil {
			plannedCounter = *counter
		} else if !config.HOTP.IsNull() && config.HOTP.IsUnknown() {
			return
		}
		plan.HOTP = hotpValue(plannedCounter)
	default:
		plan.HOTP = types.ObjectNull(hotpAttrTypes)
	}

	if req.State.Raw.IsNull() {
		if plan.HashAlgorithm.IsUnknown() {
			plan.HashAlgorithm = types.StringValue(hashSHA1)
		}
		plan.PairedDevices = pairedDevicesValue(nil)
	} else if plan.Type.ValueString() == tokenTypeHOTP {
		var state oathTokenModel
		resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
		stateCounter, diags := hotpCounter(ctx, state.HOTP)
		resp.Diagnostics.Append(diags...)
		if stateCounter != nil && *stateCounter != plannedCounter && !adoptMarksFrom(ctx, req.Private).Counter {
			resp.RequiresReplace = append(resp.RequiresReplace, path.Root("hotp").AtName("counter"))
		}
	}
	resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
}
