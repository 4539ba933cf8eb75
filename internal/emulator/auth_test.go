package emulator

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

func (h *harness) tokenRequest(envID string, form url.Values, basicID, basicSecret, contentType string) response {
	h.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, h.e.URL()+"/"+envID+"/as/token", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", contentType)
	if basicID != "" {
		req.SetBasicAuth(basicID, basicSecret)
	}
	return h.send(req)
}

func TestTokenEndpointClientAuthMethods(t *testing.T) {
	h := start(t, Options{TokenTTL: 90 * time.Second})
	admin := h.info.AdminEnvironmentID
	basic := h.tokenRequest(admin, url.Values{"grant_type": {"client_credentials"}}, h.info.ClientID, h.info.ClientSecret, ctForm)
	post := h.tokenRequest(admin, url.Values{"grant_type": {"client_credentials"},
		"client_id": {h.info.ClientID}, "client_secret": {h.info.ClientSecret}}, "", "", ctForm+"; charset=UTF-8")
	for name, r := range map[string]response{"CLIENT_SECRET_BASIC": basic, "CLIENT_SECRET_POST": post} {
		if r.status != http.StatusOK {
			t.Fatalf("%s: %d %s", name, r.status, r.body)
		}
		m := r.object(t)
		if len(m) != 3 || m["token_type"] != "Bearer" || m["expires_in"] != float64(90) || m["access_token"] == "" {
			t.Errorf("%s: body %s", name, r.body)
		}
		if r.header.Get("Cache-Control") != "no-store" {
			t.Errorf("%s: Cache-Control %q", name, r.header.Get("Cache-Control"))
		}
		// The token works on the API.
		h.token = m["access_token"].(string)
		if got := h.api("GET", "/oathTokens", "", nil); got.status != http.StatusOK {
			t.Errorf("%s: list with the new token: %d", name, got.status)
		}
	}
}

func TestTokenEndpointErrors(t *testing.T) {
	h := start(t, Options{})
	admin, id, secret := h.info.AdminEnvironmentID, h.info.ClientID, h.info.ClientSecret
	grant := url.Values{"grant_type": {"client_credentials"}}
	cases := []struct {
		name   string
		r      response
		status int
		code   string
	}{
		{"wrong secret basic", h.tokenRequest(admin, grant, id, secret+"x", ctForm), 401, "invalid_client"},
		{"wrong secret post", h.tokenRequest(admin, url.Values{"grant_type": {"client_credentials"}, "client_id": {id}, "client_secret": {"nope"}}, "", "", ctForm), 401, "invalid_client"},
		{"unknown client", h.tokenRequest(admin, grant, "f0c4a5c1-0000-4000-8000-000000000000", secret, ctForm), 401, "invalid_client"},
		{"no credentials", h.tokenRequest(admin, grant, "", "", ctForm), 401, "invalid_client"},
		{"target environment", h.tokenRequest(h.env, grant, id, secret, ctForm), 401, "invalid_client"},
		{"unknown environment", h.tokenRequest("c0ffee00-0000-4000-8000-000000000000", grant, id, secret, ctForm), 401, "invalid_client"},
		{"unsupported grant", h.tokenRequest(admin, url.Values{"grant_type": {"password"}}, id, secret, ctForm), 400, "unsupported_grant_type"},
		{"missing grant", h.tokenRequest(admin, url.Values{}, id, secret, ctForm), 400, "invalid_request"},
		{"JSON body", h.tokenRequest(admin, grant, id, secret, ctJSON), 400, "invalid_request"},
		{"two auth methods", h.tokenRequest(admin, url.Values{"grant_type": {"client_credentials"}, "client_secret": {secret}}, id, secret, ctForm), 400, "invalid_request"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.r.status != c.status {
				t.Fatalf("status %d, want %d: %s", c.r.status, c.status, c.r.body)
			}
			m := c.r.object(t)
			if m["error"] != c.code || m["error_description"] == "" || len(m) != 2 {
				t.Fatalf("body %s, want error %s with a description", c.r.body, c.code)
			}
		})
	}
	if got := cases[0].r.header.Get("WWW-Authenticate"); !strings.HasPrefix(got, "Basic") {
		t.Errorf("401 to Basic auth: WWW-Authenticate %q", got)
	}
	// Credentials are checked before the grant type, as RFC 6749 orders it.
	r := h.tokenRequest(admin, url.Values{"grant_type": {"password"}}, id, "bad", ctForm)
	if r.status != 401 {
		t.Errorf("bad credentials and bad grant: %d, want 401", r.status)
	}
}

func TestBearerTokenChecks(t *testing.T) {
	clock := newFakeClock()
	h := start(t, Options{TokenTTL: time.Minute, now: clock.Now})
	valid := h.token
	invalid := want{401, "ACCESS_FAILED", []string{"INVALID_TOKEN"}}
	cases := map[string]string{
		"missing":         "",
		"not bearer":      "Basic " + valid,
		"forged":          "Bearer " + valid[:len(valid)-2] + "AA",
		"garbage":         "Bearer abc",
		"other signature": "Bearer " + strings.Split(valid, ".")[0] + "." + strings.Split(h.accessToken(), ".")[1],
	}
	for name, header := range cases {
		t.Run(name, func(t *testing.T) {
			req := h.request("GET", "/v1/environments/"+h.env+"/oathTokens", "", nil)
			req.Header.Set("Authorization", header)
			r := h.send(req)
			checkError(t, r, invalid)
			if !strings.HasPrefix(r.header.Get("WWW-Authenticate"), "Bearer") {
				t.Errorf("WWW-Authenticate %q", r.header.Get("WWW-Authenticate"))
			}
		})
	}
	if r := h.api("GET", "/oathTokens", "", nil); r.status != 200 {
		t.Fatalf("valid token: %d", r.status)
	}
	clock.Advance(time.Minute)
	checkError(t, h.api("GET", "/oathTokens", "", nil), invalid)
	// A new token lives for the TTL set now.
	h.e.SetTokenTTL(2 * time.Minute)
	h.token = h.accessToken()
	clock.Advance(119 * time.Second)
	if r := h.api("GET", "/oathTokens", "", nil); r.status != 200 {
		t.Fatalf("fresh token: %d", r.status)
	}
	clock.Advance(time.Second)
	checkError(t, h.api("GET", "/oathTokens", "", nil), invalid)
}

func TestEnvironmentAccess(t *testing.T) {
	h := start(t, Options{})
	noRole := h.e.CreateEnvironment(false)
	withRole := h.e.CreateEnvironment(true)
	forbidden := want{403, "ACCESS_FAILED", []string{"INSUFFICIENT_PERMISSIONS"}}
	checkError(t, h.do("GET", "/v1/environments/"+noRole+"/oathTokens", "", nil), forbidden)
	checkError(t, h.do("POST", "/v1/environments/"+noRole+"/oathTokens", ctJSON, hotpBody("A1")), forbidden)
	if r := h.do("GET", "/v1/environments/"+withRole+"/oathTokens", "", nil); r.status != 200 {
		t.Fatalf("environment with role: %d %s", r.status, r.body)
	}
	// The admin environment is one the worker manages too.
	if r := h.do("GET", "/v1/environments/"+h.info.AdminEnvironmentID+"/oathTokens", "", nil); r.status != 200 {
		t.Fatalf("admin environment: %d %s", r.status, r.body)
	}

	h.e.SetRole(noRole, true)
	if r := h.do("GET", "/v1/environments/"+noRole+"/oathTokens", "", nil); r.status != 200 {
		t.Fatalf("after granting the role: %d", r.status)
	}
	h.e.SetRole(withRole, false)
	checkError(t, h.do("GET", "/v1/environments/"+withRole+"/oathTokens", "", nil), forbidden)

	// A deleted environment reads as gone, not as forbidden.
	env := h.e.CreateEnvironment(true)
	id := h.createTokenIn(env, hotpBody("GONE1"))
	if !h.e.DeleteEnvironment(env) {
		t.Fatal("DeleteEnvironment returned false")
	}
	gone := want{404, "NOT_FOUND", nil}
	checkError(t, h.do("GET", "/v1/environments/"+env+"/oathTokens/"+id, "", nil), gone)
	checkError(t, h.do("GET", "/v1/environments/"+env+"/oathTokens", "", nil), gone)
	checkError(t, h.do("DELETE", "/v1/environments/"+env+"/oathTokens/"+id, "", nil), gone)
	checkError(t, h.do("GET", "/v1/environments/never-existed/oathTokens", "", nil), gone)
	if h.e.DeleteEnvironment(env) {
		t.Error("deleting twice returned true")
	}
	if h.e.DeleteEnvironment(h.info.AdminEnvironmentID) {
		t.Error("the admin environment was deleted")
	}
}

func (h *harness) createTokenIn(env string, body map[string]any) string {
	h.t.Helper()
	r := h.do("POST", "/v1/environments/"+env+"/oathTokens", ctJSON, body)
	if r.status != http.StatusCreated {
		h.t.Fatalf("create token: %d %s", r.status, r.body)
	}
	return r.object(h.t)["id"].(string)
}
