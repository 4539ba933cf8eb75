package mfa

import "github.com/oathtokens/terraform-provider-pingone/internal/pingone"

// The rules PingOne documents for a user's OATH token devices, in one place, beside the token's
// (oath_token_values.go), so that the pairing resource, the data source and their descriptions
// agree.
const (
	deviceStatusActivationRequired = pingone.DeviceStatusActivationRequired
	deviceStatusActive             = pingone.DeviceStatusActive

	// userDeviceImportFormat is what a pairing's import ID looks like, as the official provider
	// writes the IDs of what belongs to a user (pingone_user_group_assignment and others).
	userDeviceImportFormat = "environment_id/user_id/device_id"
)

// deviceStatuses lists the statuses a paired token's device has.
var deviceStatuses = []string{deviceStatusActivationRequired, deviceStatusActive}
