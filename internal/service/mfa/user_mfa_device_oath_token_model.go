package mfa

import (
	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/oathtokens/terraform-provider-pingone/internal/pingone"
)

// userMFADeviceOATHTokenModel is the pairing resource's state and plan.
type userMFADeviceOATHTokenModel struct {
	ID                 types.String   `tfsdk:"id"`
	EnvironmentID      types.String   `tfsdk:"environment_id"`
	UserID             types.String   `tfsdk:"user_id"`
	SerialNumber       types.String   `tfsdk:"serial_number"`
	OATHTokenID        types.String   `tfsdk:"oath_token_id"`
	Status             types.String   `tfsdk:"status"`
	CreatedAt          types.String   `tfsdk:"created_at"`
	Activate           types.Bool     `tfsdk:"activate"`
	ActivationSecret   types.String   `tfsdk:"activation_secret"`
	ActivationSecretWO types.String   `tfsdk:"activation_secret_wo"`
	Timeouts           timeouts.Value `tfsdk:"timeouts"`
}

// applyDevice copies what PingOne reports about the device. The environment and user IDs stay as
// configured: PingOne writes them in lowercase, and a configuration in upper case names the same
// objects. The token's ID is kept when PingOne's answer leaves it out.
func (m *userMFADeviceOATHTokenModel) applyDevice(d *pingone.UserDevice) {
	m.ID = types.StringValue(d.ID)
	m.Status = types.StringValue(d.Status)
	m.CreatedAt = timestampValue(d.CreatedAt)
	if d.SerialNumber != "" {
		m.SerialNumber = types.StringValue(d.SerialNumber)
	}
	if d.OATHTokenID != "" {
		m.OATHTokenID = types.StringValue(d.OATHTokenID)
	} else if m.OATHTokenID.IsUnknown() {
		m.OATHTokenID = types.StringNull()
	}
}

// keepComputed carries what only PingOne decides from the state into a plan that changes
// Terraform-side settings only.
func (m *userMFADeviceOATHTokenModel) keepComputed(state userMFADeviceOATHTokenModel) {
	m.ID = state.ID
	m.OATHTokenID = state.OATHTokenID
	m.Status = state.Status
	m.CreatedAt = state.CreatedAt
}
