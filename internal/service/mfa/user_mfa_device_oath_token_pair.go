package mfa

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/oathtokens/terraform-provider-pingone/internal/diagnostics"
	"github.com/oathtokens/terraform-provider-pingone/internal/pingone"
)

var pathUserID = path.Root("user_id")

// pair pairs the token with the user (pairOATHToken: a pairing whose answer was lost is adopted,
// one that existed before is not). Failures name what to fix: the user, the serial number, or
// who holds the token.
func (r *userMFADeviceOATHTokenResource) pair(ctx context.Context, envID, userID, serial string) (*pingone.UserDevice, diag.Diagnostics) {
	var diags diag.Diagnostics
	device, failure := pairOATHToken(ctx, r.client, envID, userID, serial)
	if failure == nil {
		return device, diags
	}
	err := failure.err
	switch failure.kind {
	case pairingUserNotFound:
		diags.AddAttributeError(pathUserID, "User not found", diagnostics.Detail(err,
			fmt.Sprintf("PingOne has no user %s in environment %s, so the OATH token %s was not paired. Check user_id "+
				"(and environment_id): the user may have been deleted.", userID, envID, serial)))
	case pairingTokenNotFound:
		diags.AddAttributeError(pathSerialNumber, "OATH token not found", diagnostics.Detail(err,
			fmt.Sprintf("PingOne has no OATH token with serial number %s in environment %s. Create it first, for "+
				"example with a pingone_oath_token resource whose serial_number this pairing references, so that "+
				"Terraform creates the token before the pairing.", serial, envID)))
	case pairingHeld:
		diags.AddAttributeError(pathSerialNumber, "OATH token already paired", alreadyPaired(envID, userID, serial, failure.holder))
	default:
		hint := readHint(err, envID)
		if failure.lookupErr != nil {
			hint = fmt.Sprintf("Looking up the token with serial number %s to explain the refusal failed too: %s", serial, failure.lookupErr)
		} else if pingone.IsInvalidValue(err) {
			hint = ""
		}
		diags.Append(diagnostics.APIError("Pair OATH token failed", err, hint))
	}
	return nil, diags
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
