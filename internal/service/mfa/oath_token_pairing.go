package mfa

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/oathtokens/terraform-provider-pingone/internal/pingone"
)

// Pairing a token with a user and activating it, as pingone_user_mfa_device_oath_token does for
// one token and pingone_oath_token_assignments for many: the calls and the rules are the same
// (DESIGN.md, "Activating a token from its seed"); each resource words the outcome its own way.

// pairingFailureKind says why a pairing failed.
type pairingFailureKind int

const (
	// pairingFailed: the call failed for another reason; err says which, and lookupErr why the
	// token could not be looked up to explain it, when it could not.
	pairingFailed pairingFailureKind = iota
	// pairingUserNotFound: PingOne has no such user in the environment.
	pairingUserNotFound
	// pairingTokenNotFound: PingOne has no token with the serial number in the environment.
	pairingTokenNotFound
	// pairingHeld: the token is paired already, with holder, and not by this apply.
	pairingHeld
)

// pairingFailure is why PingOne did not pair a token with a user.
type pairingFailure struct {
	kind      pairingFailureKind
	err       error
	lookupErr error
	holder    pingone.PairedDevice
}

// pairOATHToken pairs the token with the user, and makes the pairing safe to retry: when a
// pairing's answer is lost after PingOne carried it out, the client's retry finds the token
// paired, and the device this very request made for this user is adopted. A pairing that existed
// before this apply is never adopted silently: it is a failure of kind pairingHeld, naming the
// device that holds the token.
func pairOATHToken(ctx context.Context, client *pingone.Client, envID, userID, serial string) (*pingone.UserDevice, *pairingFailure) {
	started := time.Now()
	device, err := client.PairOATHToken(ctx, envID, userID, serial)
	switch {
	case err == nil:
		return device, nil
	case pingone.IsNotFound(err):
		return nil, &pairingFailure{kind: pairingUserNotFound, err: err}
	case !pingone.IsInvalidValue(err):
		return nil, &pairingFailure{kind: pairingFailed, err: err}
	}

	// PingOne refuses a serial number that names no token and a token paired already alike; the
	// token says which it is.
	token, findErr := client.FindOATHTokenBySerial(ctx, envID, serial, true)
	switch {
	case pingone.IsNotFound(findErr):
		return nil, &pairingFailure{kind: pairingTokenNotFound, err: err}
	case findErr != nil:
		return nil, &pairingFailure{kind: pairingFailed, err: err, lookupErr: findErr}
	case len(token.Devices) == 0:
		return nil, &pairingFailure{kind: pairingFailed, err: err}
	}
	holder := token.Devices[0]
	if pingone.SameID(holder.UserID, userID) && pingone.RetriedAfterAmbiguousFailure(err) {
		if adopted := ownPairing(ctx, client, envID, userID, holder.DeviceID, started); adopted != nil {
			return adopted, nil
		}
	}
	return nil, &pairingFailure{kind: pairingHeld, err: err, holder: holder}
}

// ownPairing returns the device when it is the one this apply's request made: created after the
// request started, allowing for clock skew. Otherwise it returns nil.
func ownPairing(ctx context.Context, client *pingone.Client, envID, userID, deviceID string, started time.Time) *pingone.UserDevice {
	device, err := client.ReadUserDevice(ctx, envID, userID, deviceID)
	if err != nil || device.CreatedAt.Before(started.Add(-clockSkew)) {
		return nil
	}
	tflog.Info(ctx, "adopted the MFA device made by a pairing request whose answer was lost", map[string]any{
		"environment_id": envID, "user_id": userID, "device_id": deviceID, "serial_number": device.SerialNumber,
	})
	return device
}

// activateOrUndo activates a device just paired, with the one-time password computed from the
// token's seed (pingone.Client.ActivateOATHDevice: exactly one counter step, a lost answer
// recognized). When activation fails, it unpairs the device again, so that the token is as it
// was before the apply; undoErr is that unpairing's failure, when it failed too, and the device
// then stays paired, waiting for activation.
func activateOrUndo(ctx context.Context, client *pingone.Client, envID string, device *pingone.UserDevice, seed []byte) (active *pingone.UserDevice, undoErr, err error) {
	active, err = client.ActivateOATHDevice(ctx, envID, *device, seed)
	if err == nil {
		return active, nil, nil
	}
	return nil, client.UnpairUserDevice(ctx, envID, device.UserID, device.ID), err
}
