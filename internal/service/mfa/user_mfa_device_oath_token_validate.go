package mfa

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// ValidateConfig refuses activate = true without a secret at plan time. Only a secret that is
// null for sure counts as missing: one not known yet may still come.
func (r *userMFADeviceOATHTokenResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var activate types.Bool
	var secret, secretWO types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, pathActivate, &activate)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, pathActivationSecret, &secret)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, pathActivationSecretWO, &secretWO)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if activate.ValueBool() && secret.IsNull() && secretWO.IsNull() {
		resp.Diagnostics.AddAttributeError(pathActivate, "Activation needs the token's secret", activateNeedsSecret)
	}
}
