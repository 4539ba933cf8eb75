package mfa

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var (
	pathType          = path.Root("type")
	pathHOTP          = path.Root("hotp")
	pathHOTPCounter   = pathHOTP.AtName("counter")
	pathPairedDevices = path.Root("paired_devices")
)

// ModifyPlan makes the plan exact where the schema alone cannot: the hotp block follows the type
// and the configured counter, a new token shows its empty pairing instead of "known after apply",
// and a change of the counter or the secret replaces the token unless it is being adopted after
// an import. A value the configuration leaves unknown (it comes from another resource) stays
// unknown, and a known value becoming unknown counts as a change.
//
// It runs for every token in every plan, so it reads and writes only the attributes it needs:
// reading the whole model goes through the framework's reflection, which measured as the
// largest part of a plan's CPU time in this provider (see BENCHMARKS.md).
func (r *oathTokenResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	creating := req.State.Raw.IsNull()
	if creating {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, pathPairedDevices, pairedDevicesValue(nil))...)
	} else {
		r.planSecretReplacement(ctx, req, resp)
	}

	var tokenType types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, pathType, &tokenType)...)
	if resp.Diagnostics.HasError() || tokenType.IsUnknown() {
		return
	}
	if tokenType.ValueString() != tokenTypeHOTP {
		// Only HOTP tokens have a counter; the computed hotp block is null for the others.
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, pathHOTP, types.ObjectNull(hotpAttrTypes))...)
		return
	}

	var configHOTP types.Object
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, pathHOTP, &configHOTP)...)
	planned, known := configuredCounter(ctx, configHOTP)
	if known {
		// Otherwise the configured counter is unknown, and so the planned one stays.
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, pathHOTP, hotpValue(planned))...)
	}
	if creating || adoptMarksFrom(ctx, req.Private).Counter {
		return
	}
	var stateHOTP types.Object
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, pathHOTP, &stateHOTP)...)
	stateCounter, diags := hotpCounter(ctx, stateHOTP)
	resp.Diagnostics.Append(diags...)
	if stateCounter != nil && (!known || *stateCounter != planned) {
		resp.RequiresReplace = append(resp.RequiresReplace, pathHOTPCounter)
	}
}

// configuredCounter returns the HOTP counter the configuration asks for, 0 when it leaves the
// counter out, and known false when the configuration's counter (or the whole hotp block) is not
// known yet.
func configuredCounter(ctx context.Context, configHOTP types.Object) (counter int64, known bool) {
	if configHOTP.IsNull() {
		return 0, true
	}
	if configHOTP.IsUnknown() {
		return 0, false
	}
	c, ok := configHOTP.Attributes()["counter"].(types.Int64)
	switch {
	case !ok || c.IsNull():
		return 0, true
	case c.IsUnknown():
		return 0, false
	}
	return c.ValueInt64(), true
}

// planSecretReplacement applies planSecretChange (oath_token_secret_plan.go) to an update.
func (r *oathTokenResource) planSecretReplacement(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	var state, plan secretValues
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, pathSecret, &state.Secret)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, pathSecretWOVersion, &state.WOVersion)...)
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, pathSecret, &plan.Secret)...)
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, pathSecretWOVersion, &plan.WOVersion)...)
	// The write-only value is never in the plan; the configuration has it during planning.
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, pathSecretWO, &plan.SecretWO)...)
	if resp.Diagnostics.HasError() {
		return
	}
	decision := planSecretChange(state, plan)
	if decision.Replace != nil {
		resp.RequiresReplace = append(resp.RequiresReplace, *decision.Replace)
	}
	if decision.Warning != "" {
		resp.Diagnostics.AddAttributeWarning(pathSecret, "Secret taken on trust", decision.Warning)
	}
}
