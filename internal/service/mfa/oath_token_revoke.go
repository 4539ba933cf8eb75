package mfa

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/oathtokens/terraform-provider-pingone/internal/diagnostics"
	"github.com/oathtokens/terraform-provider-pingone/internal/pingone"
)

// revoke revokes the token, unless it is paired with a user's device and the configuration does
// not allow that: revoking a paired token takes MFA away from the person holding it. The pairing
// is read fresh from PingOne, because the state may be older than the last pairing.
func (r *oathTokenResource) revoke(ctx context.Context, ref tokenRef) diag.Diagnostics {
	var diags diag.Diagnostics
	envID, id := ref.EnvID, ref.ID

	if !ref.AllowPaired {
		current, gone, lookupDiags := r.lookup(ctx, ref)
		diags.Append(lookupDiags...)
		if diags.HasError() {
			return diags
		}
		if gone != "" {
			tflog.Info(ctx, "OATH token already gone; nothing to revoke", map[string]any{"reason": gone})
			return diags
		}
		if len(current.Devices) > 0 {
			diags.AddError("OATH token is paired with a user",
				fmt.Sprintf("The OATH token %s (serial number %s) is paired with %s. Revoking it would take MFA away from "+
					"that user, so it was left in place.\n\nUnpair it in PingOne first, or set allow_revoke_when_paired = true "+
					"(and apply that) to revoke it anyway; PingOne then unpairs the device.",
					id, current.SerialNumber, describeDevices(current.Devices)))
			return diags
		}
	}

	err := r.client.RevokeOATHToken(ctx, envID, id)
	if err != nil && !pingone.IsNotFound(err) {
		diags.Append(diagnostics.APIError("Revoke OATH token failed", err, readHint(err, envID)))
	}
	return diags
}

func describeDevices(devices []pingone.PairedDevice) string {
	parts := make([]string, len(devices))
	for i, d := range devices {
		parts[i] = fmt.Sprintf("user %s (device %s)", d.UserID, d.DeviceID)
	}
	return strings.Join(parts, ", ")
}
