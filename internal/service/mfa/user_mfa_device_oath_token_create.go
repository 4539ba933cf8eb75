package mfa

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var pathActivationSecretWO = path.Root("activation_secret_wo")

// Create pairs the token with the user and, when the configuration asks for it, activates the
// device. An activation that fails undoes the pairing, so a failed apply leaves the token as it
// found it; only when the undo fails too is the device kept in the state, for the next apply to
// replace.
func (r *userMFADeviceOATHTokenResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan userMFADeviceOATHTokenModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	// The write-only secret is only in the configuration: plans and state never hold it.
	var secretWO types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, pathActivationSecretWO, &secretWO)...)
	if resp.Diagnostics.HasError() || !requireClient(r.client, &resp.Diagnostics) {
		return
	}
	timeout, diags := plan.Timeouts.Create(ctx, defaultCreateTimeout)
	resp.Diagnostics.Append(diags...)
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	secret, diags := activationSecretFrom(plan, secretWO)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	envID := plan.EnvironmentID.ValueString()
	device, diags := r.pair(ctx, envID, plan.UserID.ValueString(), plan.SerialNumber.ValueString())
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	if secret.use && device.Status != deviceStatusActive {
		active, undo, err := activateOrUndo(ctx, r.client, envID, device, secret.seed)
		if err != nil {
			resp.Diagnostics.Append(activationFailed(err, *device, secret, undo)...)
			if undo != nil {
				plan.applyDevice(device)
				resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
			}
			return
		}
		device = active
	}
	plan.applyDevice(device)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}
