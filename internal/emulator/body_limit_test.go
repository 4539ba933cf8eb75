package emulator

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestRequestBodyLimit: a body over the limit is refused with 413 in PingOne's error shape
// (the OAuth shape on the token endpoint) before anything else reads it; one at the limit
// passes.
func TestRequestBodyLimit(t *testing.T) {
	h := start(t, Options{MaxRequestBodyBytes: 1000})
	body := fmt.Sprintf(`{"serialNumber":"BL1","secret":%q,"type":"HOTP","otpLength":6}`, rfcSecret)
	atLimit := body + strings.Repeat(" ", 1000-len(body))
	if r := h.api("POST", "/oathTokens", ctJSON, atLimit); r.status != http.StatusCreated {
		t.Fatalf("a body of exactly the limit: %d %s", r.status, r.body)
	}
	r := h.api("POST", "/oathTokens", ctJSON, atLimit+" ")
	e := checkError(t, r, want{413, "INVALID_REQUEST", []string{"SIZE_LIMIT_EXCEEDED body"}})
	if !strings.Contains(e.Details[0].Message, "1000 bytes") {
		t.Errorf("the 413 does not say the limit: %s", r.body)
	}
	form := url.Values{"grant_type": {"client_credentials"}, "padding": {strings.Repeat("x", 1000)}}
	r = h.tokenRequest(h.info.AdminEnvironmentID, form, h.info.ClientID, h.info.ClientSecret, ctForm)
	if r.status != http.StatusRequestEntityTooLarge || r.object(t)["error"] != "invalid_request" {
		t.Errorf("token endpoint: %d %s", r.status, r.body)
	}
	if r := h.ctl("PUT", "/settings", `{"max_request_body_bytes":2000}`); r.status != http.StatusOK {
		t.Fatalf("settings: %d %s", r.status, r.body)
	}
	if r := h.api("POST", "/oathTokens", ctJSON, strings.Replace(atLimit, "BL1", "BL2", 1)+" "); r.status != http.StatusCreated {
		t.Errorf("after raising the limit: %d %s", r.status, r.body)
	}
}

// TestDefaultBodyLimitFitsABigJob: the default limit takes a create job of 10,000 tokens at
// the largest sizes PingOne allows (the batch a token set may send), and refuses 4 MiB + 1.
func TestDefaultBodyLimitFitsABigJob(t *testing.T) {
	h := start(t, Options{})
	tokens := make([]any, 10000)
	for i := range tokens {
		tokens[i] = map[string]any{
			"serialNumber": fmt.Sprintf("%050d", i), "secret": strings.Repeat("ab", 100), "type": "TOTP",
			"otpLength": 8, "hashAlgorithm": "HmacSHA512", "totp": map[string]any{"timeStep": 60}, "rowNumber": 100000 + i,
		}
	}
	r := h.api("POST", "/oathJobs", ctJobCreate, map[string]any{"type": "CREATE_OATH_TOKENS", "tokens": tokens})
	if r.status != http.StatusAccepted {
		t.Fatalf("a job of 10,000 tokens: %d %.300s", r.status, r.body)
	}
	huge := `{"type":"CREATE_OATH_TOKENS","tokens":[]}` + strings.Repeat(" ", 4<<20)
	checkError(t, h.api("POST", "/oathJobs", ctJobCreate, huge), want{413, "INVALID_REQUEST", []string{"SIZE_LIMIT_EXCEEDED body"}})
}
