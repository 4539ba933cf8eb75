package emulator

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/oathtokens/terraform-provider-pingone/internal/otp"
)

// ctl calls the control API, which needs no access token.
func (h *harness) ctl(method, path string, body any) response {
	h.t.Helper()
	req := h.request(method, "/_emulator"+path, ctJSON, body)
	req.Header.Del("Authorization")
	return h.send(req)
}

func TestControlEnvironmentsAndRoles(t *testing.T) {
	h := start(t, Options{})
	r := h.ctl("POST", "/environments", map[string]any{"role": false})
	if r.status != http.StatusCreated {
		t.Fatalf("create: %d %s", r.status, r.body)
	}
	env := r.object(t)["id"].(string)
	checkError(t, h.do("GET", "/v1/environments/"+env+"/oathTokens", "", nil), want{403, "ACCESS_FAILED", nil})
	if r := h.ctl("PUT", "/environments/"+env+"/role", nil); r.status != http.StatusNoContent {
		t.Fatalf("grant: %d %s", r.status, r.body)
	}
	if r := h.do("GET", "/v1/environments/"+env+"/oathTokens", "", nil); r.status != 200 {
		t.Fatalf("after grant: %d", r.status)
	}
	if r := h.ctl("DELETE", "/environments/"+env+"/role", nil); r.status != http.StatusNoContent {
		t.Fatalf("revoke role: %d", r.status)
	}
	checkError(t, h.do("GET", "/v1/environments/"+env+"/oathTokens", "", nil), want{403, "ACCESS_FAILED", nil})
	if r := h.ctl("DELETE", "/environments/"+env, nil); r.status != http.StatusNoContent {
		t.Fatalf("delete: %d %s", r.status, r.body)
	}
	checkError(t, h.do("GET", "/v1/environments/"+env+"/oathTokens", "", nil), want{404, "NOT_FOUND", nil})
	for _, c := range []struct {
		method, path string
		status       int
	}{
		{"DELETE", "/environments/" + env, 404},
		{"PUT", "/environments/" + env + "/role", 404},
		{"DELETE", "/environments/" + h.info.AdminEnvironmentID, 400},
		{"GET", "/environments/" + env + "/serials", 404},
		{"GET", "/nothing", 404},
		{"PATCH", "/faults", 405},
	} {
		r := h.ctl(c.method, c.path, nil)
		if r.status != c.status || r.object(t)["error"] == "" {
			t.Errorf("%s %s: %d %s, want %d with an error", c.method, c.path, r.status, r.body, c.status)
		}
	}
	// Role defaults to true; an empty body is fine.
	r = h.ctl("POST", "/environments", nil)
	env = r.object(t)["id"].(string)
	if r := h.do("GET", "/v1/environments/"+env+"/oathTokens", "", nil); r.status != 200 {
		t.Errorf("environment created without a body: %d", r.status)
	}
	if r := h.ctl("POST", "/environments", map[string]any{"rol": true}); r.status != 400 {
		t.Errorf("unknown field: %d", r.status)
	}
}

func TestControlFaultsSettingsCounters(t *testing.T) {
	h := start(t, Options{})
	r := h.ctl("POST", "/faults", `{"route":"POST /v1/environments/{envID}/oathTokens","status":429,"retry_after":4,"count":1}`)
	if r.status != http.StatusCreated {
		t.Fatalf("add fault: %d %s", r.status, r.body)
	}
	if r := h.api("POST", "/oathTokens", ctJSON, hotpBody("CF1")); r.status != 429 || r.header.Get("Retry-After") != "4" {
		t.Errorf("faulted: %d %q", r.status, r.header.Get("Retry-After"))
	}
	for _, bad := range []string{`{"route":"*","status":418}`, `{"route":"*","status":500,"mode":"x"}`, `{"route":`, `{"status":500}`} {
		if r := h.ctl("POST", "/faults", bad); r.status != 400 || r.object(t)["error"] == "" {
			t.Errorf("bad fault %s: %d %s", bad, r.status, r.body)
		}
	}
	h.ctl("POST", "/faults", `{"route":"*","status":500}`)
	if r := h.ctl("DELETE", "/faults", nil); r.status != http.StatusNoContent {
		t.Fatalf("clear faults: %d", r.status)
	}
	if r := h.api("GET", "/oathTokens", "", nil); r.status != 200 {
		t.Errorf("after clearing faults: %d", r.status)
	}

	r = h.ctl("PUT", "/settings", `{"page_size":1,"latency_ms":0,"token_ttl_seconds":5}`)
	if r.status != 200 {
		t.Fatalf("settings: %d %s", r.status, r.body)
	}
	s := r.object(t)
	if s["page_size"] != float64(1) || s["token_ttl_seconds"] != float64(5) || s["rate_limit"] != float64(0) || s["max_tokens_per_environment"] != float64(100000) {
		t.Errorf("settings %s", r.body)
	}
	tok := h.tokenRequest(h.info.AdminEnvironmentID, map[string][]string{"grant_type": {"client_credentials"}}, h.info.ClientID, h.info.ClientSecret, ctForm)
	if tok.object(t)["expires_in"] != float64(5) {
		t.Errorf("token after token_ttl_seconds=5: %s", tok.body)
	}
	for _, bad := range []string{`{"page_size":0}`, `{"rate_limit":-1}`, `{"latency":5}`, `{"token_ttl_seconds":0}`} {
		if r := h.ctl("PUT", "/settings", bad); r.status != 400 {
			t.Errorf("bad settings %s: %d", bad, r.status)
		}
	}
	if r := h.ctl("PUT", "/settings", `{"rate_limit":1000,"max_tokens_per_environment":1}`); r.status != 200 {
		t.Fatalf("settings: %d", r.status)
	}
	if got := h.ctl("GET", "/settings", nil).object(t); got["rate_limit"] != float64(1000) || got["page_size"] != float64(1) {
		t.Errorf("GET settings %v", got)
	}
	h.createToken(hotpBody("CF2"))
	checkError(t, h.api("POST", "/oathTokens", ctJSON, hotpBody("CF3")), want{400, "INVALID_DATA", []string{"SIZE_LIMIT_EXCEEDED"}})

	r = h.ctl("GET", "/counters", nil)
	var c Counters
	r.decode(t, &c)
	if c.Requests["POST /v1/environments/{envID}/oathTokens"] != 3 || c.Requests["POST /{envID}/as/token"] != 2 || c.Total != 6 {
		t.Errorf("counters %s", r.body)
	}
	if r := h.ctl("DELETE", "/counters", nil); r.status != http.StatusNoContent {
		t.Fatalf("reset: %d", r.status)
	}
	if c := h.e.Counters(); c.Total != 0 || len(c.Requests) != 0 {
		t.Errorf("after reset %+v", c)
	}
	if r := h.ctl("GET", "/counters", nil); string(r.body) != "{\"requests\":{},\"total\":0,\"protocols\":{},\"job_rows_failed\":0}\n" {
		t.Errorf("empty counters %s", r.body)
	}
}

func TestControlOTPAndSerials(t *testing.T) {
	clock := newFakeClock()
	h := start(t, Options{now: clock.Now})
	body := hotpBody("OTP1")
	body["hotp"] = map[string]any{"counter": 5}
	hotpID := h.createToken(body)
	totpID := h.createToken(totpBody("OTP2", 60))
	for ahead, want := range map[int]string{0: rfcHOTP[5], 3: rfcHOTP[8], -5: rfcHOTP[0]} {
		r := h.ctl("GET", "/environments/"+h.env+"/oathTokens/"+hotpID+"/otp?ahead="+strconv.Itoa(ahead), nil)
		if r.status != 200 || r.object(t)["otp"] != want {
			t.Errorf("HOTP ahead %d: %d %s, want %s", ahead, r.status, r.body, want)
		}
	}
	if r := h.ctl("GET", "/environments/"+h.env+"/oathTokens/"+hotpID+"/otp", nil); r.object(t)["otp"] != rfcHOTP[5] {
		t.Errorf("no ahead: %s", r.body)
	}
	key, _ := otp.DecodeSecret(rfcSecret)
	wantTOTP, _ := otp.TOTP(key, clock.Now().Add(2*time.Minute), time.Minute, 8, otp.HmacSHA1)
	if got, err := h.e.CurrentOTP(h.env, totpID, 2); err != nil || got != wantTOTP {
		t.Errorf("TOTP ahead 2: %s %v, want %s", got, err, wantTOTP)
	}
	for _, c := range []struct {
		path   string
		status int
	}{
		{"/environments/" + h.env + "/oathTokens/" + hotpID + "/otp?ahead=-6", 400},
		{"/environments/" + h.env + "/oathTokens/" + hotpID + "/otp?ahead=x", 400},
		{"/environments/" + h.env + "/oathTokens/nope/otp", 404},
		{"/environments/nope/oathTokens/" + hotpID + "/otp", 404},
	} {
		if r := h.ctl("GET", c.path, nil); r.status != c.status {
			t.Errorf("%s: %d %s, want %d", c.path, r.status, r.body, c.status)
		}
	}
	// The OTP works on the API: it activates a pairing.
	user := h.createUser("heidi")
	dev := h.pair(user, "OTP1")
	code := h.ctl("GET", "/environments/"+h.env+"/oathTokens/"+hotpID+"/otp", nil).object(t)["otp"]
	if r := h.api("POST", "/users/"+user+"/devices/"+dev, ctActivate, map[string]any{"otp": code}); r.status != 200 {
		t.Errorf("activate with the control OTP: %d %s", r.status, r.body)
	}

	r := h.ctl("GET", "/environments/"+h.env+"/serials", nil)
	var s struct{ Serials []string }
	r.decode(t, &s)
	if !slices.Equal(s.Serials, []string{"OTP1", "OTP2"}) {
		t.Errorf("serials %s", r.body)
	}
	empty := h.e.CreateEnvironment(true)
	if r := h.ctl("GET", "/environments/"+empty+"/serials", nil); string(r.body) != "{\"serials\":[]}\n" {
		t.Errorf("empty environment serials %s", r.body)
	}
	if h.e.TokenSerials("nope") != nil {
		t.Error("TokenSerials of an unknown environment is not nil")
	}
}

func TestControlInfoAndLoopbackOnly(t *testing.T) {
	h := start(t, Options{})
	var info Info
	h.ctl("GET", "/info", nil).decode(t, &info)
	if info != h.info {
		t.Errorf("info %+v, want %+v", info, h.info)
	}
	req := httptest.NewRequest(http.MethodGet, "/_emulator/counters", nil)
	req.RemoteAddr = "192.0.2.10:40000"
	rec := httptest.NewRecorder()
	h.e.ServeHTTP(rec, req)
	if rec.Code != http.StatusForbidden || !strings.Contains(rec.Body.String(), "loopback") {
		t.Errorf("non-loopback control request: %d %s", rec.Code, rec.Body)
	}
	req.RemoteAddr = "[::1]:40000"
	rec = httptest.NewRecorder()
	h.e.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		t.Errorf("IPv6 loopback: %d", rec.Code)
	}
	// The control API is not counted and not subject to faults.
	h.e.AddFault(Fault{Route: "*", Status: 500})
	before := h.e.Counters().Total
	if r := h.ctl("GET", "/counters", nil); r.status != 200 {
		t.Errorf("control under a * fault: %d", r.status)
	}
	if h.e.Counters().Total != before {
		t.Error("a control request was counted")
	}
}
