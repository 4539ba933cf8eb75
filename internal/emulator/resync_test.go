package emulator

import (
	"net/http"
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
	checkError(t, h.api("POST", path, ctResync, map[string]any{"otps": []string{hotpAt(t, 144), hotpAt(t, 145), hotpAt(t, 146)}}), want{400, "INVALID_DATA", []string{"INVALID_VALUE otps"}})
	checkError(t, h.api("POST", path, ctResync, map[string]any{"otps": []string{}}), want{400, "INVALID_DATA", []string{"INVALID_VALUE otps"}})
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

// TestResyncOneOTPPerRequest is PingOne's second documented form: two requests with one OTP
// each. The first is checked and remembered, leaving the token as it is; the second, the very
// next OTP, completes the resync. A second that does not follow drops the first.
func TestResyncOneOTPPerRequest(t *testing.T) {
	clock := newFakeClock()
	h := start(t, Options{now: clock.Now})
	id := h.createToken(hotpBody("R1OTP"))
	path := "/oathTokens/" + id
	one := func(code string) response {
		return h.api("POST", path, ctResync, map[string]any{"otps": []string{code}})
	}
	counter := func(r response) any { return r.object(t)["hotp"].(map[string]any)["counter"] }

	if r := one(hotpAt(t, 40)); r.status != 200 || counter(r) != float64(0) {
		t.Fatalf("first OTP: %d %s", r.status, r.body)
	}
	if r := one(hotpAt(t, 41)); r.status != 200 || counter(r) != float64(42) {
		t.Fatalf("second OTP: %d %s", r.status, r.body)
	}
	bad := want{400, "INVALID_DATA", []string{"INVALID_OTP otps"}}
	// Not the next OTP: refused, and the first is forgotten.
	if r := one(hotpAt(t, 50)); r.status != 200 {
		t.Fatalf("first OTP: %d %s", r.status, r.body)
	}
	checkError(t, one(hotpAt(t, 52)), bad)
	if r := one(hotpAt(t, 51)); r.status != 200 || counter(r) != float64(42) {
		t.Fatalf("after a refused second OTP, 51 is a new first: %d %s", r.status, r.body)
	}
	// A first OTP outside the window is refused at once.
	checkError(t, one(hotpAt(t, 42+101)), bad)
	// A first OTP waits five minutes for its second.
	if r := one(hotpAt(t, 60)); r.status != 200 {
		t.Fatalf("first OTP: %d", r.status)
	}
	clock.Advance(5*time.Minute + time.Second)
	if r := one(hotpAt(t, 61)); r.status != 200 || counter(r) != float64(42) {
		t.Fatalf("a second OTP after five minutes is a new first: %d %s", r.status, r.body)
	}
	if r := one(hotpAt(t, 62)); r.status != 200 || counter(r) != float64(63) {
		t.Fatalf("second OTP: %d %s", r.status, r.body)
	}
}

// TestResyncOneOTPPerRequestTOTP learns the drift from two requests a step apart, as a user
// typing the code shown now and then the next one would send them.
func TestResyncOneOTPPerRequestTOTP(t *testing.T) {
	clock := newFakeClock()
	h := start(t, Options{now: clock.Now})
	id := h.createToken(totpBody("R1TOTP", 30))
	key, _ := otp.DecodeSecret(rfcSecret)
	shown := func(steps int) string { // What a token 5 steps behind shows, steps later.
		code, err := otp.TOTP(key, clock.Now().Add(time.Duration(steps-5)*30*time.Second), 30*time.Second, 8, otp.HmacSHA1)
		if err != nil {
			t.Fatal(err)
		}
		return code
	}
	path := "/oathTokens/" + id
	if r := h.api("POST", path, ctResync, map[string]any{"otps": []string{shown(0)}}); r.status != 200 {
		t.Fatalf("first OTP: %d %s", r.status, r.body)
	}
	clock.Advance(30 * time.Second)
	r := h.api("POST", path, ctResync, map[string]any{"otps": []string{shown(0)}})
	if r.status != 200 || !jsonEqual(r.object(t)["totp"], map[string]any{"timeStep": 30, "drift": -5}) {
		t.Fatalf("second OTP: %d %s", r.status, r.body)
	}
}

// TestResyncEmptyAnswer: with resync_answer "empty" a resync answers 204 without a body (the
// documentation does not promise one) and still resyncs.
func TestResyncEmptyAnswer(t *testing.T) {
	h := start(t, Options{})
	id := h.createToken(hotpBody("REMPTY"))
	if r := h.ctl("PUT", "/settings", `{"resync_answer":"empty"}`); r.status != 200 || r.object(t)["resync_answer"] != "empty" {
		t.Fatalf("settings: %d %s", r.status, r.body)
	}
	r := h.api("POST", "/oathTokens/"+id, ctResync, map[string]any{"otps": []string{hotpAt(t, 3), hotpAt(t, 4)}})
	if r.status != http.StatusNoContent || len(r.body) != 0 {
		t.Fatalf("resync: %d %q", r.status, r.body)
	}
	if got, _ := h.e.CurrentOTP(h.env, id, 0); got != hotpAt(t, 5) {
		t.Errorf("the empty answer did not resync: OTP %s", got)
	}
	if r := h.ctl("PUT", "/settings", `{"resync_answer":"nothing"}`); r.status != http.StatusBadRequest {
		t.Errorf("bad resync_answer: %d", r.status)
	}
}
