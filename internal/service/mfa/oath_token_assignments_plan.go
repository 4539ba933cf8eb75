package mfa

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/oathtokens/terraform-provider-pingone/internal/pingone"
)

// ModifyPlan plans devices per serial number, so that the plan shows only the serial numbers that
// change, however many there are: a serial number whose user stays (letter case aside) keeps its
// device; one added, or given another user or a user not known yet, gets a device known after
// apply; one removed leaves. Nothing PingOne changes by itself (a user activating at sign-on) is
// ever a change. Everything is read and written as raw values, in one pass.
func (r *oathTokenAssignmentsResource) ModifyPlan(_ context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return // Destroying: Delete unpairs everything.
	}
	attrs, err := objectAttrs(req.Plan.Raw)
	if err != nil {
		resp.Diagnostics.AddError("Plan the OATH token assignments failed", err.Error())
		return
	}
	var priorUsers, priorDevices tftypes.Value
	if !req.State.Raw.IsNull() {
		priorAttrs, err := objectAttrs(req.State.Raw)
		if err != nil {
			resp.Diagnostics.AddError("Plan the OATH token assignments failed", err.Error())
			return
		}
		priorUsers, priorDevices = priorAttrs["assignments"], priorAttrs["devices"]
	}
	if attrs["devices"], err = plannedDevices(attrs["assignments"], priorUsers, priorDevices); err != nil {
		resp.Diagnostics.AddError("Plan the OATH token assignments failed", err.Error())
		return
	}
	resp.Plan.Raw = tftypes.NewValue(req.Plan.Raw.Type(), attrs)
}

// plannedDevices is devices for the planned assignments, given the prior ones (null at create).
func plannedDevices(planned, priorUsers, priorDevices tftypes.Value) (tftypes.Value, error) {
	if !planned.IsKnown() {
		return tftypes.NewValue(assignedDevicesType, tftypes.UnknownValue), nil
	}
	if planned.IsNull() {
		return tftypes.NewValue(assignedDevicesType, nil), nil
	}
	var elems map[string]tftypes.Value
	if err := planned.As(&elems); err != nil {
		return planned, err
	}
	before, _, _, err := stringMapOf(priorUsers, "assignments")
	if err != nil {
		return planned, err
	}
	var beforeDevices map[string]tftypes.Value
	if priorDevices.IsKnown() && !priorDevices.IsNull() {
		if err := priorDevices.As(&beforeDevices); err != nil {
			return planned, err
		}
	}
	unknown := tftypes.NewValue(assignedDeviceType, tftypes.UnknownValue)
	out := make(map[string]tftypes.Value, len(elems))
	for serial, e := range elems {
		out[serial] = unknown
		user, known, err := stringOf(e)
		if err != nil {
			return planned, err
		}
		was, held := before[serial]
		device, hasDevice := beforeDevices[serial]
		if known && held && hasDevice && pingone.SameID(was, user) {
			out[serial] = device
		}
	}
	return tftypes.NewValue(assignedDevicesType, out), nil
}
