package emulator

import (
	"net/http"
	"strings"
	"testing"
)

func TestUnknownRoutesAndMethods(t *testing.T) {
	h := start(t, Options{})
	id := h.createToken(hotpBody("R1"))
	for _, path := range []string{
		"/", "/v1", "/v1/environments", "/v1/environments/" + h.env, "/v1/environments/" + h.env + "/oathTokens/",
		"/v1/environments/" + h.env + "/nothing", "/v2/environments/" + h.env + "/oathTokens", "/as/token",
		"/v1/environments/" + h.env + "/oathTokens/" + id + "/extra",
	} {
		checkError(t, h.do("GET", path, "", nil), want{404, "NOT_FOUND", nil})
	}
	cases := map[string]string{
		"PUT " + "/v1/environments/" + h.env + "/oathTokens/" + id:   "GET, DELETE, POST",
		"PATCH " + "/v1/environments/" + h.env + "/oathTokens/" + id: "GET, DELETE, POST",
		"DELETE " + "/v1/environments/" + h.env + "/oathTokens":      "POST, GET",
		"GET " + "/" + h.info.AdminEnvironmentID + "/as/token":       "POST",
		"PUT " + "/v1/environments/" + h.env + "/oathJobs":           "POST",
	}
	for req, allow := range cases {
		method, path, _ := strings.Cut(req, " ")
		r := h.do(method, path, ctJSON, "{}")
		checkError(t, r, want{405, "METHOD_NOT_ALLOWED", nil})
		if r.header.Get("Allow") != allow {
			t.Errorf("%s: Allow %q, want %q", req, r.header.Get("Allow"), allow)
		}
	}
	// Unknown routes are not counted: they are not API routes.
	if c := h.e.Counters(); c.Total != 2 { // The token and the create.
		t.Errorf("counters %+v", c)
	}
}

func TestUnsupportedMediaTypeEverywhere(t *testing.T) {
	h := start(t, Options{})
	id := h.createToken(hotpBody("M1"))
	user := h.createUser("grace")
	dev := h.pair(user, "M1")
	cases := []struct {
		path   string
		wrong  []string
		accept []string
	}{
		{"/oathTokens", []string{"", "text/plain", ctResync, "application/xml"}, []string{ctJSON}},
		{"/oathTokens/" + id, []string{"", ctJSON}, []string{ctResync}},
		{"/oathJobs", []string{"", ctJSON}, []string{ctJobCreate, ctJobRevoke}},
		{"/users", []string{"", "text/json"}, []string{ctJSON}},
		{"/users/" + user + "/devices", []string{"", ctActivate}, []string{ctJSON}},
		{"/users/" + user + "/devices/" + dev, []string{"", ctJSON}, []string{ctActivate}},
	}
	for _, c := range cases {
		for _, ct := range c.wrong {
			e := checkError(t, h.api("POST", c.path, ct, "{}"), want{415, "INVALID_REQUEST", []string{"INVALID_VALUE Content-Type"}})
			if got := e.Details[0].InnerError; got == nil || strings.Join(got.AllowedValues, ",") != strings.Join(c.accept, ",") {
				t.Errorf("%s with %q: allowed %+v, want %q", c.path, ct, got, c.accept)
			}
		}
	}
	// Parameters and case in the media type do not matter.
	r := h.api("POST", "/oathTokens", "Application/JSON; charset=utf-8", hotpBody("M2"))
	if r.status != http.StatusCreated {
		t.Errorf("media type with charset: %d %s", r.status, r.body)
	}
}

// TestErrorTable walks the reference's error table row by row, each through the emulator.
func TestErrorTable(t *testing.T) {
	h := start(t, Options{})
	noRole := h.e.CreateEnvironment(false)
	tokens := "POST /v1/environments/{envID}/oathTokens"

	t.Run("400 INVALID_DATA", func(t *testing.T) {
		b := hotpBody("E1")
		b["otpLength"] = 7
		checkError(t, h.api("POST", "/oathTokens", ctJSON, b), want{400, "INVALID_DATA", []string{"INVALID_VALUE otpLength"}})
	})
	t.Run("400 INVALID_REQUEST", func(t *testing.T) {
		checkError(t, h.api("POST", "/oathTokens", ctJSON, "{"), want{400, "INVALID_REQUEST", []string{"INVALID_VALUE body"}})
	})
	t.Run("401 ACCESS_FAILED", func(t *testing.T) {
		req := h.request("GET", "/v1/environments/"+h.env+"/oathTokens", "", nil)
		req.Header.Del("Authorization")
		checkError(t, h.send(req), want{401, "ACCESS_FAILED", []string{"INVALID_TOKEN"}})
	})
	t.Run("403 ACCESS_FAILED", func(t *testing.T) {
		checkError(t, h.do("GET", "/v1/environments/"+noRole+"/oathTokens", "", nil), want{403, "ACCESS_FAILED", []string{"INSUFFICIENT_PERMISSIONS"}})
	})
	t.Run("404 NOT_FOUND", func(t *testing.T) {
		checkError(t, h.api("GET", "/oathTokens/nope", "", nil), want{404, "NOT_FOUND", nil})
	})
	t.Run("415 INVALID_REQUEST", func(t *testing.T) {
		checkError(t, h.api("POST", "/oathTokens", "text/plain", "{}"), want{415, "INVALID_REQUEST", nil})
	})
	t.Run("429 REQUEST_LIMITED", func(t *testing.T) {
		h.e.AddFault(Fault{Route: tokens, Status: 429, RetryAfter: 7, Count: 1})
		r := h.api("POST", "/oathTokens", ctJSON, hotpBody("E429"))
		checkError(t, r, want{429, "REQUEST_LIMITED", []string{"LIMIT_EXCEEDED"}})
		if r.header.Get("Retry-After") != "7" {
			t.Errorf("Retry-After %q", r.header.Get("Retry-After"))
		}
	})
	t.Run("500 UNEXPECTED_ERROR", func(t *testing.T) {
		h.e.AddFault(Fault{Route: tokens, Status: 500, Count: 1})
		r := h.api("POST", "/oathTokens", ctJSON, hotpBody("E500"))
		checkError(t, r, want{500, "UNEXPECTED_ERROR", nil})
		if r.header.Get("Retry-After") != "" {
			t.Errorf("500 with Retry-After %q", r.header.Get("Retry-After"))
		}
	})
	for _, status := range []int{502, 503, 504} {
		t.Run(http.StatusText(status), func(t *testing.T) {
			h.e.AddFault(Fault{Route: tokens, Status: status, Count: 1})
			r := h.api("POST", "/oathTokens", ctJSON, hotpBody("EGW"))
			if r.status != status || !strings.HasPrefix(r.header.Get("Content-Type"), "text/plain") || !strings.Contains(string(r.body), http.StatusText(status)) {
				t.Errorf("%d: got %d %q %q", status, r.status, r.header.Get("Content-Type"), r.body)
			}
			if got, wantRA := r.header.Get("Retry-After"), map[int]string{503: "1"}[status]; got != wantRA {
				t.Errorf("%d: Retry-After %q, want %q", status, got, wantRA)
			}
		})
	}
	// No faulted request took effect.
	if got := h.e.TokenSerials(h.env); len(got) != 0 {
		t.Errorf("faulted requests created %q", got)
	}
}
