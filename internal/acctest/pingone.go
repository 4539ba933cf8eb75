package acctest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/oathtokens/terraform-provider-pingone/internal/pingone"
)

// Client is a PingOne client signed in to the emulator, for tests that act on PingOne outside
// Terraform: revoking a token, creating one first, resynchronizing one.
func (e *Emulator) Client(t testing.TB) *pingone.Client {
	t.Helper()
	c, err := pingone.New(pingone.Config{
		ClientID:      e.Info.ClientID,
		ClientSecret:  e.Info.ClientSecret,
		EnvironmentID: e.Info.AdminEnvironmentID,
		APIHostname:   e.Info.APIHostname,
		AuthHostname:  e.Info.AuthHostname,
		UserAgent:     "acctest",
		Retry:         pingone.RetryPolicy{MaxAttempts: 3, MinWait: 10 * time.Millisecond},
	})
	if err != nil {
		t.Fatalf("build a PingOne client for the emulator: %v", err)
	}
	return c
}

// AccessToken gets a bearer token from the emulator with the worker's client credentials.
func (e *Emulator) AccessToken(t testing.TB) string {
	t.Helper()
	form := url.Values{"grant_type": {"client_credentials"}}
	req, err := http.NewRequest(http.MethodPost, e.URL()+"/"+e.Info.AdminEnvironmentID+"/as/token", strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(e.Info.ClientID, e.Info.ClientSecret)
	var out struct {
		AccessToken string `json:"access_token"`
	}
	e.do(t, req, http.StatusOK, &out)
	return out.AccessToken
}

// PairToken pairs the token with a new user's MFA device and activates the pairing with a real
// OTP, as a user enrolling a hardware token would. It returns the user and device IDs.
func (e *Emulator) PairToken(t testing.TB, envID, tokenID, serial string) (userID, deviceID string) {
	t.Helper()
	token := e.AccessToken(t)
	base := e.URL() + "/v1/environments/" + envID

	var user struct {
		ID string `json:"id"`
	}
	e.api(t, token, http.MethodPost, base+"/users", "application/json",
		map[string]any{"username": "user-" + serial}, http.StatusCreated, &user)

	var device struct {
		ID string `json:"id"`
	}
	e.api(t, token, http.MethodPost, base+"/users/"+user.ID+"/devices", "application/json",
		map[string]any{"type": "OATH_TOKEN", "serialNumber": serial}, http.StatusCreated, &device)

	otp, err := e.CurrentOTP(envID, tokenID, 0)
	if err != nil {
		t.Fatalf("current OTP of token %s: %v", tokenID, err)
	}
	e.api(t, token, http.MethodPost, base+"/users/"+user.ID+"/devices/"+device.ID,
		"application/vnd.pingidentity.device.activate+json",
		map[string]any{"otp": otp, "oathResync": true}, http.StatusOK, nil)
	return user.ID, device.ID
}

func (e *Emulator) api(t testing.TB, token, method, target, contentType string, body any, want int, out any) {
	t.Helper()
	raw, err := json.Marshal(body)
	if err != nil {
		t.Fatal(err)
	}
	req, err := http.NewRequest(method, target, bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("Authorization", "Bearer "+token)
	e.do(t, req, want, out)
}

func (e *Emulator) do(t testing.TB, req *http.Request, want int, out any) {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", req.Method, req.URL.Path, err)
	}
	defer func() { _ = resp.Body.Close() }()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != want {
		t.Fatalf("%s %s: HTTP %d, want %d: %s", req.Method, req.URL.Path, resp.StatusCode, want, body)
	}
	if out != nil {
		if err := json.Unmarshal(body, out); err != nil {
			t.Fatalf("%s %s: decode %s: %v", req.Method, req.URL.Path, body, fmt.Sprint(err))
		}
	}
}
