package mfa

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/oathtokens/terraform-provider-pingone/internal/diagnostics"
	"github.com/oathtokens/terraform-provider-pingone/internal/pingone"
)

var pathUserID = path.Root("user_id")

// pair pairs the token with the user, and makes the pairing safe to retry: when a pairing's answer
// is lost after PingOne carried it out, the client's retry finds the token paired, and the device
// this very request made for this user is adopted. A pairing that existed before this apply is
// never adopted silently. Failures name what to fix: the user, the serial number, or who holds
// the token.
func (r *userMFADeviceOATHTokenResource) pair(ctx context.Context, envID, userID, serial string) (*pingone.UserDevice, diag.Diagnostics) {
	var diags diag.Diagnostics
	started := time.Now()
	device, err := r.client.PairOATHToken(ctx, envID, userID, serial)
	switch {
	case err == nil:
		return device, diags
	case pingone.IsNotFound(err):
		diags.AddAttributeError(pathUserID, "User not found", diagnostics.Detail(err,
			fmt.Sprintf("PingOne has no user %s in environment %s, so the OATH token %s was not paired. Check user_id "+
				"(and environment_id): the user may have been deleted.", userID, envID, serial)))
		return nil, diags
	case !pingone.IsInvalidValue(err):
		diags.Append(diagnostics.APIError("Pair OATH token failed", err, readHint(err, envID)))
		return nil, diags
	}

	// PingOne refuses a serial number that names no token and a token paired already alike; the
	// token says which it is.
	token, findErr := r.client.FindOATHTokenBySerial(ctx, envID, serial, true)
	switch {
	case pingone.IsNotFound(findErr):
		diags.AddAttributeError(pathSerialNumber, "OATH token not found", diagnostics.Detail(err,
			fmt.Sprintf("PingOne has no OATH token with serial number %s in environment %s. Create it first, for "+
				"example with a pingone_oath_token resource whose serial_number this pairing references, so that "+
				"Terraform creates the token before the pairing.", serial, envID)))
		return nil, diags
	case findErr != nil:
		diags.Append(diagnostics.APIError("Pair OATH token failed", err,
			fmt.Sprintf("Looking up the token with serial number %s to explain the refusal failed too: %s", serial, findErr)))
		return nil, diags
	case len(token.Devices) == 0:
		diags.Append(diagnostics.APIError("Pair OATH token failed", err, ""))
		return nil, diags
	}

	holder := token.Devices[0]
	if pingone.SameID(holder.UserID, userID) && pingone.RetriedAfterAmbiguousFailure(err) {
		if adopted := r.ownPairing(ctx, envID, userID, holder.DeviceID, started); adopted != nil {
			return adopted, diags
		}
	}
	diags.AddAttributeError(pathSerialNumber, "OATH token already paired", alreadyPaired(envID, userID, serial, holder))
	return nil, diags
}

// ownPairing returns the device when it is the one this apply's request made: created after the
// request started, allowing for clock skew. Otherwise it returns nil.
func (r *userMFADeviceOATHTokenResource) ownPairing(ctx context.Context, envID, userID, deviceID string, started time.Time) *pingone.UserDevice {
	device, err := r.client.ReadUserDevice(ctx, envID, userID, deviceID)
	if err != nil || device.CreatedAt.Before(started.Add(-clockSkew)) {
		return nil
	}
	tflog.Info(ctx, "adopted the MFA device made by a pairing request whose answer was lost", map[string]any{
		"environment_id": envID, "user_id": userID, "device_id": deviceID, "serial_number": device.SerialNumber,
	})
	return device
}

// alreadyPaired explains who holds the token, and what to do: import a pairing of the same user,
// unpair another user's first.
func alreadyPaired(envID, userID, serial string, holder pingone.PairedDevice) string {
	text := fmt.Sprintf("The OATH token %s is already paired with user %s (device %s). ", serial, holder.UserID, holder.DeviceID)
	if pingone.SameID(holder.UserID, userID) {
		return text + fmt.Sprintf("That pairing was not made by this apply, so it is not taken over silently. To manage "+
			"it with Terraform, import it:\n  terraform import pingone_user_mfa_device_oath_token.<name> %s/%s/%s",
			pingone.CanonicalID(envID), pingone.CanonicalID(holder.UserID), pingone.CanonicalID(holder.DeviceID))
	}
	return text + "A token is paired with one user at a time: unpair it from that user first (destroy the pairing " +
		"that holds it, or delete the device in PingOne), then apply again."
}
