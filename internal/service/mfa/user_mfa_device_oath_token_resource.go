package mfa

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/oathtokens/terraform-provider-pingone/internal/diagnostics"
	"github.com/oathtokens/terraform-provider-pingone/internal/pingone"
)

var (
	_ resource.ResourceWithConfigure      = (*userMFADeviceOATHTokenResource)(nil)
	_ resource.ResourceWithImportState    = (*userMFADeviceOATHTokenResource)(nil)
	_ resource.ResourceWithValidateConfig = (*userMFADeviceOATHTokenResource)(nil)
)

// NewUserMFADeviceOATHTokenResource returns the pingone_user_mfa_device_oath_token resource: one
// OATH token paired with one user. The official provider names what belongs to a user
// pingone_user_*, and the MFA device it would manage pingone_user_mfa_device; this is that
// device for an OATH token.
func NewUserMFADeviceOATHTokenResource() resource.Resource {
	return &userMFADeviceOATHTokenResource{}
}

type userMFADeviceOATHTokenResource struct {
	client *pingone.Client
}

func (r *userMFADeviceOATHTokenResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_user_mfa_device_oath_token"
}

func (r *userMFADeviceOATHTokenResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = userMFADeviceOATHTokenSchema(ctx)
}

func (r *userMFADeviceOATHTokenResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

// Read reads the device. A device that is gone (unpaired, or its user or environment deleted
// outside Terraform) leaves the state with a warning, so the next plan pairs the token again.
// The status is read back as it is: a user activating the device is never a change.
func (r *userMFADeviceOATHTokenResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state userMFADeviceOATHTokenModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || !requireClient(r.client, &resp.Diagnostics) {
		return
	}
	timeout, diags := state.Timeouts.Read(ctx, defaultReadTimeout)
	resp.Diagnostics.Append(diags...)
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	envID, userID, deviceID := state.EnvironmentID.ValueString(), state.UserID.ValueString(), state.ID.ValueString()
	device, err := r.client.ReadUserDevice(ctx, envID, userID, deviceID)
	if pingone.IsNotFound(err) {
		resp.Diagnostics.AddWarning("OATH token pairing no longer exists in PingOne",
			fmt.Sprintf("PingOne has no MFA device %s of user %s in environment %s (serial number %s): the token was "+
				"unpaired or revoked, or the user or the environment was deleted, outside Terraform. It is removed from "+
				"the state, and the next plan pairs the token again.", deviceID, userID, envID, state.SerialNumber.ValueString()))
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		resp.Diagnostics.Append(diagnostics.APIError("Read MFA device failed", err, readHint(err, envID)))
		return
	}
	if device.Type != pingone.DeviceTypeOATHToken {
		resp.Diagnostics.AddError("Not an OATH token device",
			fmt.Sprintf("MFA device %s of user %s is of type %s, not %s; pingone_user_mfa_device_oath_token manages "+
				"OATH token pairings only. Check the import ID.", deviceID, userID, device.Type, pingone.DeviceTypeOATHToken))
		return
	}
	state.applyDevice(device)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Update never calls PingOne: the user and the serial number replace the pairing, and what else
// changes (activate, the activation secret, timeouts, the letter case of an ID) matters to
// Terraform only.
func (r *userMFADeviceOATHTokenResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state userMFADeviceOATHTokenModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	plan.keepComputed(state)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// Delete unpairs the device; the token stays in the environment, free to pair again. A device
// already gone is fine.
func (r *userMFADeviceOATHTokenResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state userMFADeviceOATHTokenModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || !requireClient(r.client, &resp.Diagnostics) {
		return
	}
	timeout, diags := state.Timeouts.Delete(ctx, defaultDeleteTimeout)
	resp.Diagnostics.Append(diags...)
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	envID := state.EnvironmentID.ValueString()
	err := r.client.UnpairUserDevice(ctx, envID, state.UserID.ValueString(), state.ID.ValueString())
	if err != nil && !pingone.IsNotFound(err) {
		resp.Diagnostics.Append(diagnostics.APIError("Unpair OATH token failed", err, readHint(err, envID)))
	}
}
