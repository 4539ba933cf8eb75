package pingone

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

const contentTypeActivate = "application/vnd.pingidentity.device.activate+json"

// maxActivationOTPs bounds the one-time passwords one activation sends. Each is computed afresh
// from what PingOne reports; a second is only sent when the first was refused and PingOne's
// counter (HOTP) or the time step (TOTP) has moved since, and a third covers a step boundary
// crossed once more on a slow link. More would only repeat a refusal.
const maxActivationOTPs = 3

// ActivateOATHDevice activates a paired OATH token device with a one-time password computed from
// the token's secret, as the token itself would show it: for HOTP at PingOne's current counter,
// for TOTP at the current time step shifted by the drift PingOne knows (user_device_activation_otp.go).
//
// It never burns more than the one counter step PingOne accepts. The client may send the same
// request again after a failure (PingOne's retry advice), but the same OTP can be accepted only
// once: then the device is ACTIVE and any repeat is refused. After any failure the device is
// read first, and ACTIVE means an attempt whose answer was lost succeeded. Only when PingOne
// refused the OTP and the device is still waiting is a new one computed, from the counter and
// drift PingOne reports then, never from a guess ahead of them; when that gives the moving
// factor just refused, the secret does not match and the error satisfies IsInvalidOTP.
func (c *Client) ActivateOATHDevice(ctx context.Context, envID string, device UserDevice, secret []byte) (*UserDevice, error) {
	ctx = withLogger(ctx)
	op := fmt.Sprintf("activate MFA device %s of user %s", device.ID, device.UserID)
	if err := requireDeviceIDs(op, envID, device.UserID, device.ID); err != nil {
		return nil, err
	}
	if device.Status == DeviceStatusActive {
		return &device, nil
	}
	var refused error
	var refusedFactor uint64
	for sent := 0; ; sent++ {
		token, err := c.activationToken(ctx, envID, device)
		if err != nil {
			return nil, fmt.Errorf("%s: read the token's counter: %w", op, err)
		}
		code, factor, err := activationOTP(token, secret, time.Now())
		if err != nil {
			return nil, fmt.Errorf("%s: %w", op, err)
		}
		if refused != nil && (factor == refusedFactor || sent == maxActivationOTPs) {
			return nil, refused
		}
		activated, err := c.activateDevice(ctx, op, envID, device, code)
		if err == nil {
			return activated, nil
		}
		current, readErr := c.readUserDevice(ctx, envID, device.UserID, device.ID)
		if readErr != nil {
			return nil, errors.Join(err, fmt.Errorf("reading the device afterwards failed too: %w", readErr))
		}
		if current.Status == DeviceStatusActive {
			tflog.SubsystemInfo(ctx, subsystem, "the device is active: an activation whose answer was lost had succeeded",
				map[string]any{"device_id": device.ID, "user_id": device.UserID, "error": err.Error()})
			return current, nil
		}
		if !IsInvalidOTP(err) {
			return nil, err
		}
		refused, refusedFactor = err, factor
	}
}

// activationToken reads the device's token for its counter or drift: by ID when the device names
// it, otherwise by serial number.
func (c *Client) activationToken(ctx context.Context, envID string, device UserDevice) (*OATHToken, error) {
	if device.OATHTokenID != "" {
		return c.readOATHToken(ctx, envID, device.OATHTokenID, false)
	}
	return c.FindOATHTokenBySerial(ctx, envID, device.SerialNumber, false)
}

// activateDevice sends one activation. oathResync is false on purpose: the OTP is computed at
// exactly PingOne's counter and drift, which the narrow activation check accepts, while a resync
// would let PingOne learn a new TOTP drift from this machine's clock instead of the token's, and
// may answer that it needs a second OTP, which would burn a second counter step.
func (c *Client) activateDevice(ctx context.Context, op, envID string, device UserDevice, code string) (*UserDevice, error) {
	body, err := json.Marshal(struct {
		OTP        string `json:"otp"`
		OATHResync bool   `json:"oathResync"`
	}{OTP: code})
	if err != nil {
		return nil, fmt.Errorf("%s: encode request: %w", op, err)
	}
	resp, err := c.do(ctx, apiCall{
		op:          op,
		method:      http.MethodPost,
		url:         c.envURL(envID, "users", device.UserID, "devices", device.ID),
		contentType: contentTypeActivate,
		body:        body,
		secrets:     []string{code},
	})
	if err != nil {
		return nil, err
	}
	if len(resp.body) == 0 {
		// The documentation shows a body, but the device's state is read rather than guessed.
		return c.readUserDevice(ctx, envID, device.UserID, device.ID)
	}
	return decodeDevice(op, resp)
}

// IsInvalidOTP reports an OTP PingOne refused (400 with an INVALID_OTP detail).
func IsInvalidOTP(err error) bool {
	e, ok := asError(err)
	return ok && e.HTTPStatus == http.StatusBadRequest && e.hasDetail("INVALID_OTP")
}
