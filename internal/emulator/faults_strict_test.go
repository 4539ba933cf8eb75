package emulator

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

const tokenEndpointRoute = "POST /{envID}/as/token"

// TestFaultRefusesUnknownKeys: a misspelled key fails the request that wrote it, naming the key,
// instead of leaving a fault that does something else (a one-shot 429 made permanent).
func TestFaultRefusesUnknownKeys(t *testing.T) {
	h := start(t, Options{})
	for key, body := range map[string]string{
		"retryAfter": `{"route":"*","status":429,"retryAfter":1,"count":1}`,
		"cnt":        `{"route":"*","status":429,"cnt":1}`,
		"Status":     `{"route":"*","Statuss":500}`,
	} {
		r := h.ctl("POST", "/faults", body)
		msg, _ := r.object(t)["error"].(string)
		if r.status != http.StatusBadRequest || !strings.Contains(msg, key) {
			t.Errorf("%s: %d %s, want 400 naming %q", body, r.status, r.body, key)
		}
	}
	if faults := h.e.Faults(); len(faults) != 0 {
		t.Fatalf("refused faults were added: %+v", faults)
	}
	if r := h.api("GET", "/oathTokens", "", nil); r.status != http.StatusOK {
		t.Errorf("a refused fault acted: %d", r.status)
	}
	var f Fault
	if err := json.Unmarshal([]byte(`{"route":"*","status":503,"count":1,"retry":2}`), &f); err == nil || !strings.Contains(err.Error(), "retry") {
		t.Errorf("json.Unmarshal took an unknown key: %v", err)
	}
}

// TestFaultRefusesRoutesThatMatchNothing: a route no request can match is refused, in the
// control API and in AddFault, naming the route; routes that name one resource are fine.
func TestFaultRefusesRoutesThatMatchNothing(t *testing.T) {
	h := start(t, Options{})
	id := h.createToken(hotpBody("RM1"))
	for _, route := range []string{
		"POST /v1/environments/{envID}/oathToken",                     // Misspelled collection.
		"GET /v1/environments/{envID}/oathTokens/{tokenID}",           // Another parameter name.
		"PATCH /v1/environments/{envID}/oathTokens/{oathTokenID}",     // No such method there.
		"post /v1/environments/{envID}/oathTokens",                    // Methods are upper case.
		"POST /environments/{envID}/oathTokens",                       // No /v1.
		"POST /v1/environments/{envID}/oathJobs/{jobID}",              // Jobs are read, not posted to.
		"GET /v1/environments/{envID}/oathTokens/{oathTokenID}/extra", // Too long.
	} {
		r := h.ctl("POST", "/faults", map[string]any{"route": route, "status": 500})
		msg, _ := r.object(t)["error"].(string)
		if r.status != http.StatusBadRequest || !strings.Contains(msg, route) || !strings.Contains(msg, "matches no endpoint") {
			t.Errorf("%s: %d %s", route, r.status, r.body)
		}
		func() {
			defer func() {
				if p := recover(); p == nil || !strings.Contains(fmt.Sprint(p), route) {
					t.Errorf("AddFault(%s) panicked with %v, want the route named", route, p)
				}
			}()
			h.e.AddFault(Fault{Route: route, Status: 500})
		}()
	}
	for _, route := range []string{
		"*",
		"* /v1/environments/*/oathTokens/*",
		"GET /v1/environments/" + h.env + "/oathTokens/" + id,
		"POST /" + h.info.AdminEnvironmentID + "/as/token",
		"GET /v1/environments/{envID}/oathJobs/{jobID}",
	} {
		if r := h.ctl("POST", "/faults", map[string]any{"route": route, "status": 500}); r.status != http.StatusCreated {
			t.Errorf("%s: %d %s", route, r.status, r.body)
		}
	}
}

// TestFaultReportsFired: each fault counts the requests it acted on, in Go and in the control
// API, and keeps the count after it is used up or cleared.
func TestFaultReportsFired(t *testing.T) {
	h := start(t, Options{})
	limited := h.e.AddFault(Fault{Route: createRoute, Status: 429, Count: 2})
	slow := h.e.AddFault(Fault{Route: "GET /v1/environments/{envID}/oathTokens", Latency: time.Millisecond})
	never := h.e.AddFault(Fault{Route: "DELETE /v1/environments/{envID}/oathTokens/{oathTokenID}", Status: 500})
	for range 3 {
		h.api("POST", "/oathTokens", ctJSON, hotpBody("FR1"))
		h.api("GET", "/oathTokens", "", nil)
	}
	if limited.Fired() != 2 || slow.Fired() != 3 || never.Fired() != 0 {
		t.Errorf("fired: limited %d, slow %d, never %d; want 2, 3, 0", limited.Fired(), slow.Fired(), never.Fired())
	}
	var list struct{ Faults []FaultReport }
	h.ctl("GET", "/faults", nil).decode(t, &list)
	if len(list.Faults) != 3 || list.Faults[0].Fired != 2 || list.Faults[0].Active || list.Faults[1].Fired != 3 ||
		!list.Faults[1].Active || list.Faults[2].Fired != 0 || list.Faults[0].Fault.Route != createRoute {
		t.Errorf("GET /faults: %+v", list.Faults)
	}
	var one FaultReport
	if r := h.ctl("GET", fmt.Sprintf("/faults/%d", slow.ID()), nil); r.status != 200 {
		t.Fatalf("GET /faults/%d: %d", slow.ID(), r.status)
	} else if r.decode(t, &one); one.ID != slow.ID() || one.Fired != 3 {
		t.Errorf("GET /faults/%d: %+v", slow.ID(), one)
	}
	r := h.ctl("POST", "/faults", `{"route":"*","status":503,"count":1}`)
	var added FaultReport
	r.decode(t, &added)
	if r.status != http.StatusCreated || added.ID == 0 || added.Fired != 0 || !added.Active || added.Fault.Status != 503 {
		t.Errorf("POST /faults answered %d %s", r.status, r.body)
	}
	h.e.ClearFaults()
	if limited.Fired() != 2 {
		t.Errorf("the handle forgot its count on ClearFaults")
	}
	if r := h.ctl("GET", fmt.Sprintf("/faults/%d", slow.ID()), nil); r.status != http.StatusNotFound {
		t.Errorf("a cleared fault is still listed: %d", r.status)
	}
}

// TestFaultRetryAfterForms: a 429 or 503 carries Retry-After as seconds (default 1), as an
// HTTP date at least that far ahead, or not at all.
func TestFaultRetryAfterForms(t *testing.T) {
	h := start(t, Options{})
	list := "GET /v1/environments/{envID}/oathTokens"
	h.e.AddFault(Fault{Route: list, Status: 429, Count: 1})
	h.e.AddFault(Fault{Route: list, Status: 503, RetryAfter: 4, Count: 1})
	h.e.AddFault(Fault{Route: list, Status: 429, RetryAfterForm: RetryAfterAbsent, Count: 1})
	h.e.AddFault(Fault{Route: list, Status: 503, RetryAfterForm: RetryAfterAbsent, Count: 1})
	h.e.AddFault(Fault{Route: list, Status: 503, RetryAfter: 3, RetryAfterForm: RetryAfterDate, Count: 1})
	for i, want := range []string{"1", "4", "", ""} {
		r := h.api("GET", "/oathTokens", "", nil)
		if got, ok := r.header["Retry-After"]; r.status < 429 || want == "" && ok || want != "" && (len(got) != 1 || got[0] != want) {
			t.Errorf("answer %d: %d Retry-After %q, want %q", i, r.status, got, want)
		}
	}
	sent := time.Now()
	r := h.api("GET", "/oathTokens", "", nil)
	when, err := http.ParseTime(r.header.Get("Retry-After"))
	if r.status != 503 || err != nil || when.Before(sent.Add(3*time.Second).Truncate(time.Second)) || when.After(sent.Add(5*time.Second)) {
		t.Errorf("date form: %d %q (%v), sent at %s", r.status, r.header.Get("Retry-After"), err, sent.UTC())
	}
	for _, bad := range []Fault{
		{Route: "*", Status: 500, RetryAfter: 2},
		{Route: "*", Statuses: []int{500, 502}, RetryAfterForm: RetryAfterDate},
		{Route: "*", Status: 429, RetryAfter: 2, RetryAfterForm: RetryAfterAbsent},
		{Route: "*", Status: 429, RetryAfterForm: "never"},
	} {
		if err := h.e.checkFault(bad); err == nil {
			t.Errorf("%+v: accepted", bad)
		}
	}
}

// TestFault408 answers 408 as a gateway would, a status PingOne's retry advice names.
func TestFault408(t *testing.T) {
	h := start(t, Options{})
	h.e.AddFault(Fault{Route: createRoute, Status: 408, Count: 1})
	r := h.api("POST", "/oathTokens", ctJSON, hotpBody("T408"))
	if r.status != http.StatusRequestTimeout || !strings.HasPrefix(r.header.Get("Content-Type"), "text/plain") {
		t.Fatalf("408 fault: %d %q %s", r.status, r.header.Get("Content-Type"), r.body)
	}
	if got := h.e.TokenSerials(h.env); len(got) != 0 {
		t.Errorf("a 408 carried the request out: %q", got)
	}
}

// TestTokenEndpointErrorsInOAuthShape: the token endpoint's 429 and 500, from a fault or the
// rate limit, are RFC 6749 errors like its other errors, not the API's shape.
func TestTokenEndpointErrorsInOAuthShape(t *testing.T) {
	h := start(t, Options{})
	grant := url.Values{"grant_type": {"client_credentials"}}
	signIn := func() response {
		return h.tokenRequest(h.info.AdminEnvironmentID, grant, h.info.ClientID, h.info.ClientSecret, ctForm)
	}
	check := func(what string, r response, status int, code string) {
		t.Helper()
		var body map[string]any
		r.decode(t, &body)
		if r.status != status || body["error"] != code || body["error_description"] == "" || body["code"] != nil {
			t.Errorf("%s: %d %s, want %d with error %q", what, r.status, r.body, status, code)
		}
	}
	h.e.AddFault(Fault{Route: tokenEndpointRoute, Status: 429, RetryAfter: 2, Count: 1})
	r := signIn()
	check("429 fault", r, 429, "temporarily_unavailable")
	if r.header.Get("Retry-After") != "2" {
		t.Errorf("429 fault Retry-After %q", r.header.Get("Retry-After"))
	}
	h.e.AddFault(Fault{Route: tokenEndpointRoute, Status: 500, Count: 1})
	check("500 fault", signIn(), 500, "server_error")

	clock := newFakeClock()
	limited := start(t, Options{RateLimit: 1, now: clock.Now}) // Its own sign-in took the one request.
	r = limited.tokenRequest(limited.info.AdminEnvironmentID, grant, limited.info.ClientID, limited.info.ClientSecret, ctForm)
	check("rate limit", r, 429, "temporarily_unavailable")
	if r.header.Get("Retry-After") != "1" {
		t.Errorf("rate limit Retry-After %q", r.header.Get("Retry-After"))
	}
}
