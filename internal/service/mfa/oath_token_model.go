package mfa

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/oathtokens/terraform-provider-pingone/internal/pingone"
)

// oathTokenModel is the resource's state and plan.
type oathTokenModel struct {
	ID                    types.String   `tfsdk:"id"`
	EnvironmentID         types.String   `tfsdk:"environment_id"`
	SerialNumber          types.String   `tfsdk:"serial_number"`
	Type                  types.String   `tfsdk:"type"`
	OTPLength             types.Int64    `tfsdk:"otp_length"`
	Secret                types.String   `tfsdk:"secret"`
	SecretWO              types.String   `tfsdk:"secret_wo"`
	SecretWOVersion       types.Int64    `tfsdk:"secret_wo_version"`
	HashAlgorithm         types.String   `tfsdk:"hash_algorithm"`
	HOTP                  types.Object   `tfsdk:"hotp"`
	TOTP                  types.Object   `tfsdk:"totp"`
	CreatedAt             types.String   `tfsdk:"created_at"`
	UpdatedAt             types.String   `tfsdk:"updated_at"`
	PairedDevices         types.List     `tfsdk:"paired_devices"`
	AllowRevokeWhenPaired types.Bool     `tfsdk:"allow_revoke_when_paired"`
	Timeouts              timeouts.Value `tfsdk:"timeouts"`
}

var (
	hotpAttrTypes         = map[string]attr.Type{"counter": types.Int64Type}
	totpAttrTypes         = map[string]attr.Type{"time_step": types.Int64Type, "drift": types.Int64Type}
	pairedDeviceAttrTypes = map[string]attr.Type{"device_id": types.StringType, "user_id": types.StringType}
	pairedDeviceType      = types.ObjectType{AttrTypes: pairedDeviceAttrTypes}
)

type hotpModel struct {
	Counter types.Int64 `tfsdk:"counter"`
}

type totpModel struct {
	TimeStep types.Int64 `tfsdk:"time_step"`
	Drift    types.Int64 `tfsdk:"drift"`
}

// tokenFields are the attributes PingOne returns, shared by the resource and the data sources so
// that the mapping from the API is written once.
type tokenFields struct {
	ID            types.String
	EnvironmentID types.String
	SerialNumber  types.String
	Type          types.String
	OTPLength     types.Int64
	HashAlgorithm types.String
	HOTP          types.Object
	TOTP          types.Object
	CreatedAt     types.String
	UpdatedAt     types.String
	PairedDevices types.List
}

// fieldsFromAPI maps a token as PingOne returns it. The HOTP counter is the server's, which moves
// forward with every use; the resource decides separately whether to keep it.
func fieldsFromAPI(t *pingone.OATHToken) tokenFields {
	f := tokenFields{
		ID:            types.StringValue(t.ID),
		EnvironmentID: types.StringValue(t.EnvironmentID),
		SerialNumber:  types.StringValue(t.SerialNumber),
		Type:          types.StringValue(t.Type),
		OTPLength:     types.Int64Value(int64(t.OTPLength)),
		HashAlgorithm: types.StringValue(t.HashAlgorithm),
		HOTP:          types.ObjectNull(hotpAttrTypes),
		TOTP:          types.ObjectNull(totpAttrTypes),
		CreatedAt:     timestampValue(t.CreatedAt),
		UpdatedAt:     timestampValue(t.UpdatedAt),
		PairedDevices: pairedDevicesValue(t.Devices),
	}
	if t.HashAlgorithm == "" {
		// PingOne documents HmacSHA1 as the default; an answer that leaves it out means that.
		f.HashAlgorithm = types.StringValue(hashSHA1)
	}
	if t.HOTP != nil {
		f.HOTP = hotpValue(t.HOTP.Counter)
	}
	if t.TOTP != nil {
		f.TOTP = totpValue(int64(t.TOTP.TimeStep), int64(t.TOTP.Drift))
	}
	return f
}

func hotpValue(counter int64) types.Object {
	return types.ObjectValueMust(hotpAttrTypes, map[string]attr.Value{"counter": types.Int64Value(counter)})
}

func totpValue(timeStep, drift int64) types.Object {
	return types.ObjectValueMust(totpAttrTypes, map[string]attr.Value{
		"time_step": types.Int64Value(timeStep),
		"drift":     types.Int64Value(drift),
	})
}

func timestampValue(t time.Time) types.String {
	if t.IsZero() {
		return types.StringNull()
	}
	return types.StringValue(t.UTC().Format(time.RFC3339Nano))
}

// pairedDevicesValue is never null, so that "not paired" reads as an empty list in conditions.
func pairedDevicesValue(devices []pingone.PairedDevice) types.List {
	values := make([]attr.Value, 0, len(devices))
	for _, d := range devices {
		values = append(values, types.ObjectValueMust(pairedDeviceAttrTypes, map[string]attr.Value{
			"device_id": types.StringValue(d.DeviceID),
			"user_id":   types.StringValue(d.UserID),
		}))
	}
	return types.ListValueMust(pairedDeviceType, values)
}

// hotpCounter returns the configured counter, or nil when the configuration leaves it to PingOne.
func hotpCounter(ctx context.Context, o types.Object) (*int64, diag.Diagnostics) {
	if o.IsNull() || o.IsUnknown() {
		return nil, nil
	}
	var h hotpModel
	diags := o.As(ctx, &h, objectAsOptions)
	if diags.HasError() || h.Counter.IsNull() || h.Counter.IsUnknown() {
		return nil, diags
	}
	v := h.Counter.ValueInt64()
	return &v, diags
}

func totpTimeStep(ctx context.Context, o types.Object) (*int64, diag.Diagnostics) {
	if o.IsNull() || o.IsUnknown() {
		return nil, nil
	}
	var t totpModel
	diags := o.As(ctx, &t, objectAsOptions)
	if diags.HasError() || t.TimeStep.IsNull() || t.TimeStep.IsUnknown() {
		return nil, diags
	}
	v := t.TimeStep.ValueInt64()
	return &v, diags
}

// objectAsOptions reads a nested object whose parts may not be known yet without failing.
var objectAsOptions = basetypes.ObjectAsOptions{UnhandledNullAsEmpty: true, UnhandledUnknownAsEmpty: true}
