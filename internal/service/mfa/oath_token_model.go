package mfa

import (
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/oathtokens/terraform-provider-pingone/internal/pingone"
)

var (
	hotpAttrTypes         = map[string]attr.Type{"counter": types.Int64Type}
	totpAttrTypes         = map[string]attr.Type{"time_step": types.Int64Type, "drift": types.Int64Type}
	pairedDeviceAttrTypes = map[string]attr.Type{"device_id": types.StringType, "user_id": types.StringType}
	pairedDeviceType      = types.ObjectType{AttrTypes: pairedDeviceAttrTypes}
)

// tokenFields are the attributes PingOne returns, as the data sources show them. (The resource
// maps the same answer straight into raw values, oath_token_raw.go, because it runs for every
// token of every plan; the data sources read a token at a time.)
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
// forward with every use.
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
