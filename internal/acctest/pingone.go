package acctest

import (
	"net/http"
	"strings"
	"testing"

	"github.com/oathtokens/terraform-provider-pingone/internal/pingone"
)

// Client is a PingOne client signed in as the worker application, for tests that act on PingOne
// outside Terraform: revoking a token, creating one first, resynchronizing one. Against a real
// PingOne it retries as the provider does and the test shares one, so that it signs in once.
func (e *Emulator) Client(t testing.TB) *pingone.Client {
	t.Helper()
	c, err := e.conn.pingoneClient()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// apiURL is the base of the management API: https://{API host}/v1.
func (e *Emulator) apiURL() string { return e.conn.apiURL() }

// AccessToken gets a bearer token with the worker's client credentials. Against a real PingOne
// the test reuses one, which lives an hour.
func (e *Emulator) AccessToken(t testing.TB) string {
	t.Helper()
	token, err := e.conn.accessToken()
	if err != nil {
		t.Fatal(err)
	}
	return token
}

// PairToken pairs the token, whose seed is seedHex, with a new user's MFA device and activates
// the pairing with the OTP the token shows now, as a user enrolling a hardware token would. It
// returns the user and device IDs.
func (e *Emulator) PairToken(t testing.TB, envID, tokenID, serial, seedHex string) (userID, deviceID string) {
	t.Helper()
	userID = e.CreateUser(t, envID, "user-"+strings.ToLower(strings.TrimPrefix(serial, e.namespace)))
	base := e.apiURL() + "/environments/" + envID
	var device struct {
		ID string `json:"id"`
	}
	e.api(t, http.MethodPost, base+"/users/"+userID+"/devices", "application/json",
		map[string]any{"type": "OATH_TOKEN", "serialNumber": serial}, http.StatusCreated, &device)
	e.api(t, http.MethodPost, base+"/users/"+userID+"/devices/"+device.ID,
		"application/vnd.pingidentity.device.activate+json",
		map[string]any{"otp": e.TokenOTP(t, envID, tokenID, seedHex, 0), "oathResync": true}, http.StatusOK, nil)
	return userID, device.ID
}

// api sends one request to the management API with the worker's access token, failing the test
// unless the answer has the status want; out, when not nil, receives the decoded answer.
func (e *Emulator) api(t testing.TB, method, target, contentType string, body any, want int, out any) {
	t.Helper()
	if err := e.conn.call(method, target, contentType, body, out, want); err != nil {
		t.Fatal(err)
	}
}
