package mfa

import (
	"context"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// The assignments are read and written by hand from the raw Terraform values, as the token set's
// are (oath_token_set_model.go): thousands of pairings through the framework's reflection would
// cost seconds of CPU on every plan and refresh.

var (
	pathAssignments           = path.Root("assignments")
	pathActivationSecrets     = path.Root("activation_secrets")
	pathActivationSecretsWO   = path.Root("activation_secrets_wo")
	pathAssignmentParallelism = path.Root("parallelism")
	pathAssignedDevices       = path.Root("devices")
)

var (
	assignedDeviceType  = tftypes.Object{AttributeTypes: map[string]tftypes.Type{"id": tftypes.String, "status": tftypes.String}}
	assignedDevicesType = tftypes.Map{ElementType: assignedDeviceType}
)

// assignmentsObjectType is the resource's value type, from its schema.
var assignmentsObjectType = sync.OnceValue(func() tftypes.Type {
	ctx := context.Background()
	return oathTokenAssignmentsSchema(ctx).Type().TerraformType(ctx)
})

// assignment is one pairing the resource holds: the user as configured, and PingOne's device.
type assignment struct {
	User   string
	Device assignedDevice
}

// assignedDevice is one element of devices.
type assignedDevice struct {
	ID     string
	Status string
}

// assignmentValues are the resource's attributes as one operation needs them.
type assignmentValues struct {
	raw   tftypes.Value
	attrs map[string]tftypes.Value
	envID string
	// users are the known elements of assignments, by serial number.
	users map[string]string
	// devices are the elements of devices, by serial number.
	devices map[string]assignedDevice
	// seeds are activation_secrets (plan, state) or the configuration's activation_secrets_wo.
	seeds       map[string]string
	parallelism int
}

// readAssignmentValues reads a plan or state; the write-only seeds come from config when it is
// given and sets them.
func readAssignmentValues(raw tftypes.Value, config *tftypes.Value) (assignmentValues, diag.Diagnostics) {
	var v assignmentValues
	var diags diag.Diagnostics
	attrs, err := objectAttrs(raw)
	if err != nil {
		diags.AddError("Read the OATH token assignments failed", err.Error())
		return v, diags
	}
	v.raw, v.attrs = raw, attrs
	v.envID, _, _ = stringOf(attrs["environment_id"])
	if v.users, _, _, err = stringMapOf(attrs["assignments"], "assignments"); err != nil {
		diags.AddAttributeError(pathAssignments, "Read the OATH token assignments failed", err.Error())
	}
	if v.devices, err = assignedDevices(attrs["devices"]); err != nil {
		diags.AddAttributeError(pathAssignedDevices, "Read the OATH token assignments failed", err.Error())
	}
	var seedDiags diag.Diagnostics
	v.seeds, seedDiags = seedsOf(attrs, config, "activation_secrets", "Read the OATH token assignments failed")
	diags.Append(seedDiags...)
	v.parallelism = defaultAssignmentParallelism
	if n, _, _ := int64Of(attrs["parallelism"]); n != nil && *n > 0 {
		v.parallelism = int(*n)
	}
	return v, diags
}

// held is the pairings the values hold: each serial number of assignments with its device.
func (v assignmentValues) held() map[string]assignment {
	out := make(map[string]assignment, len(v.users))
	for serial, user := range v.users {
		out[serial] = assignment{User: user, Device: v.devices[serial]}
	}
	return out
}

// assignedDevices reads devices; a null or unknown map reads as empty, unknown elements are left
// out.
func assignedDevices(v tftypes.Value) (map[string]assignedDevice, error) {
	out := map[string]assignedDevice{}
	if !v.IsKnown() || v.IsNull() {
		return out, nil
	}
	var elems map[string]tftypes.Value
	if err := v.As(&elems); err != nil {
		return nil, err
	}
	for serial, e := range elems {
		if !e.IsKnown() || e.IsNull() {
			continue
		}
		var attrs map[string]tftypes.Value
		if err := e.As(&attrs); err != nil {
			return nil, err
		}
		id, _, _ := stringOf(attrs["id"])
		status, _, _ := stringOf(attrs["status"])
		out[serial] = assignedDevice{ID: id, Status: status}
	}
	return out, nil
}

func assignedDeviceValue(d assignedDevice) tftypes.Value {
	return tftypes.NewValue(assignedDeviceType, map[string]tftypes.Value{
		"id":     tftypes.NewValue(tftypes.String, d.ID),
		"status": tftypes.NewValue(tftypes.String, d.Status),
	})
}

// assignmentsValues writes the pairings as the assignments and devices attributes.
func assignmentsValues(held map[string]assignment) (users, devices tftypes.Value) {
	userElems := make(map[string]tftypes.Value, len(held))
	deviceElems := make(map[string]tftypes.Value, len(held))
	for serial, a := range held {
		userElems[serial] = tftypes.NewValue(tftypes.String, a.User)
		deviceElems[serial] = assignedDeviceValue(a.Device)
	}
	return tftypes.NewValue(tftypes.Map{ElementType: tftypes.String}, userElems), tftypes.NewValue(assignedDevicesType, deviceElems)
}
