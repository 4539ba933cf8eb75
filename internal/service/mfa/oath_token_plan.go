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
	pathHashAlgorithm = path.Root("hash_algorithm")
	pathPairedDevices = path.Root("paired_devices")
)

// ModifyPlan makes the plan exact where the schema alone cannot: the hotp block follows the type
// and the configured counter, a new token shows its default hash algorithm and empty pairing
// instead of "known after apply", and a changed counter replaces the token unless it is being
// adopted after an import.
//
// It runs for every token in every plan, so it reads and writes only the attributes it needs:
// reading the whole model goes through the framework's reflection, which measured as the
// largest part of a plan's CPU time in this provider (see BENCHMARKS.md).
func (r *oathTokenResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	var tokenType types.String
	var configHOTP types.Object
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, pathType, &tokenType)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, pathHOTP, &configHOTP)...)
	if resp.Diagnostics.HasError() || tokenType.IsUnknown() {
		return
	}

	plannedCounter := int64(0)
	plannedHOTP := types.ObjectNull(hotpAttrTypes)
	if tokenType.ValueString() == tokenTypeHOTP {
		counter, diags := hotpCounter(ctx, configHOTP)
		resp.Diagnostics.Append(diags...)
		if counter != nil {
			plannedCounter = *counter
		} else if !configHOTP.IsNull() && configHOTP.IsUnknown() {
			return
		}
		plannedHOTP = hotpValue(plannedCounter)
	}
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, pathHOTP, plannedHOTP)...)

	if req.State.Raw.IsNull() {
		var hash types.String
		resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, pathHashAlgorithm, &hash)...)
		if hash.IsUnknown() {
			resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, pathHashAlgorithm, types.StringValue(hashSHA1))...)
		}
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, pathPairedDevices, pairedDevicesValue(nil))...)
	} else if tokenType.ValueString() == tokenTypeHOTP {
		var stateHOTP types.Object
		resp.Diagnostics.Append(req.State.GetAttribute(ctx, pathHOTP, &stateHOTP)...)
		stateCounter, diags := hotpCounter(ctx, stateHOTP)
		resp.Diagnostics.Append(diags...)
		if stateCounter != nil && *stateCounter != plannedCounter && !adoptMarksFrom(ctx, req.Private).Counter {
			resp.RequiresReplace = append(resp.RequiresReplace, pathHOTP.AtName("counter"))
		}
	}
}
