package emulator

import (
	"testing"
	"time"

	"github.com/oathtokens/terraform-provider-pingone/internal/otp"
)

func hotpAt(t testing.TB, counter uint64) string {
	t.Helper()
	key, _ := otp.DecodeSecret(rfcSecret)
	code, err := otp.HOTP(key, counter, 6, otp.HmacSHA1)
	if err != nil {
		t.Fatal(err)
	}
	return code
}

func TestResyncHOTP(t *testing.T) {
	h := start(t, Options{})
	id := h.createToken(hotpBody("RS1"))
	path := "/oathTokens/" + id
	// Two consecutive OTPs 40 presses ahead: the counter moves past the second.
	r := h.api("POST", path, ctResync, map[string]any{"otps": []string{hotpAt(t, 40), hotpAt(t, 41)}})
	if r.status != 200 {
		t.Fatalf("resync: %d %s", r.status, r.body)
	}
	if m := r.object(t); m["hotp"].(map[string]any)["counter"] != float64(42) || m["id"] != id {
		t.Errorf("after resync: %s", r.body)
	}
	bad := want{400, "INVALID_DATA", []string{"INVALID_OTP otps"}}
	// The same OTPs again are behind the counter now.
	checkError(t, h.api("POST", path, ctResync, map[string]any{"otps": []string{hotpAt(t, 40), hotpAt(t, 41)}}), bad)
	// Not consecutive.
	checkError(t, h.api("POST", path, ctResync, map[string]any{"otps": []string{hotpAt(t, 50), hotpAt(t, 52)}}), bad)
	// Beyond the window of 100.
	checkError(t, h.api("POST", path, ctResync, map[string]any{"otps": []string{hotpAt(t, 143), hotpAt(t, 144)}}), bad)
	// At the edge of the window.
	if r := h.api("POST", path, ctResync, map[string]any{"otps": []string{hotpAt(t, 142), hotpAt(t, 143)}}); r.status != 200 {
		t.Fatalf("resync at the window's edge: %d %s", r.status, r.body)
	}
	// Malformed requests.
	checkError(t, h.api("POST", path, ctResync, map[string]any{"otps": []string{hotpAt(t, 144)}}), want{400, "INVALID_DATA", []string{"INVALID_VALUE otps"}})
	checkError(t, h.api("POST", path, ctResync, map[string]any{}), want{400, "INVALID_DATA", []string{"REQUIRED_VALUE otps"}})
	checkError(t, h.api("POST", path, ctResync, map[string]any{"otps": []int{1, 2}}), want{400, "INVALID_DATA", []string{"INVALID_VALUE otps[0]"}})
	checkError(t, h.api("POST", path, ctResync, `{"otps": [`), want{400, "INVALID_REQUEST", []string{"INVALID_VALUE body"}})
	checkError(t, h.api("POST", path, ctJSON, map[string]any{"otps": []string{"1", "2"}}), want{415, "INVALID_REQUEST", nil})
	checkError(t, h.api("POST", "/oathTokens/00000000-0000-4000-8000-000000000000", ctResync, map[string]any{"otps": []string{"1", "2"}}), want{404, "NOT_FOUND", nil})
}

func TestResyncTOTPLearnsDrift(t *testing.T) {
	clock := newFakeClock()
	h := start(t, Options{now: clock.Now})
	body := totpBody("RT1", 30)
	body["hashAlgorithm"] = "HmacSHA256"
	id := h.createToken(body)
	key, _ := otp.DecodeSecret(rfcSecret)
	at := func(steps int) string {
		code, err := otp.TOTP(key, clock.Now().Add(time.Duration(steps)*30*time.Second), 30*time.Second, 8, otp.HmacSHA256)
		if err != nil {
			t.Fatal(err)
		}
		return code
	}
	path := "/oathTokens/" + id
	// The token runs 7 steps behind the server.
	r := h.api("POST", path, ctResync, map[string]any{"otps": []string{at(-7), at(-6)}})
	if r.status != 200 {
		t.Fatalf("resync: %d %s", r.status, r.body)
	}
	if m := r.object(t); !jsonEqual(m["totp"], map[string]any{"timeStep": 30, "drift": -7}) {
		t.Errorf("totp after resync: %v", m["totp"])
	}
	// The emulator's idea of the token's OTP follows the drift.
	if got, _ := h.e.CurrentOTP(h.env, id, 0); got != at(-7) {
		t.Errorf("CurrentOTP %s, want %s", got, at(-7))
	}
	// Beyond 10 steps is out of the window.
	checkError(t, h.api("POST", path, ctResync, map[string]any{"otps": []string{at(11), at(12)}}), want{400, "INVALID_DATA", []string{"INVALID_OTP otps"}})
	if r := h.api("POST", path, ctResync, map[string]any{"otps": []string{at(10), at(11)}}); r.status != 200 {
		t.Fatalf("resync at +10: %d %s", r.status, r.body)
	}
	clock.Advance(30 * time.Second)
	if got, _ := h.e.CurrentOTP(h.env, id, 0); got != at(10) {
		t.Errorf("CurrentOTP after a step %s, want %s", got, at(10))
	}
}
