package reliability_test

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/oathtokens/terraform-provider-pingone/internal/acctest"
)

// apiCall is one request to the emulator's API, described so it can be sent with any
// Authorization header.
type apiCall struct {
	method, path, contentType, body string
}

// send sends the call with the Authorization header auth ("" for none).
func send(t *testing.T, e *acctest.Emulator, c apiCall, auth string) (int, http.Header, []byte) {
	t.Helper()
	var body io.Reader
	if c.body != "" {
		body = strings.NewReader(c.body)
	}
	req, err := http.NewRequest(c.method, e.URL()+c.path, body)
	if err != nil {
		t.Fatal(err)
	}
	if c.contentType != "" {
		req.Header.Set("Content-Type", c.contentType)
	}
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", c.method, c.path, err)
	}
	defer func() { _ = resp.Body.Close() }()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, data
}

// mustSend sends the call with a valid token and decodes the answer into out.
func mustSend(t *testing.T, e *acctest.Emulator, token string, c apiCall, want int, out any) {
	t.Helper()
	status, _, data := send(t, e, c, "Bearer "+token)
	if status != want {
		t.Fatalf("%s %s: HTTP %d, want %d: %s", c.method, c.path, status, want, data)
	}
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			t.Fatal(err)
		}
	}
}

// everyAPICall fills an environment with one of everything (a token, a user, a device paired
// with the token, a job) and returns a call for every API route that would succeed there with
// a valid token, with real IDs and valid bodies: a refusal can then only come from the
// Authorization header or the worker's role.
func everyAPICall(t *testing.T, e *acctest.Emulator, token, env string) []apiCall {
	t.Helper()
	base := "/v1/environments/" + env
	var tok, user, dev, job struct {
		ID string `json:"id"`
	}
	mustSend(t, e, token, apiCall{"POST", base + "/oathTokens", "application/json",
		`{"serialNumber":"AUTH1","secret":"` + seedSHA1 + `","type":"HOTP","otpLength":6}`}, 201, &tok)
	mustSend(t, e, token, apiCall{"POST", base + "/oathTokens", "application/json",
		`{"serialNumber":"AUTH3","secret":"` + seedSHA1 + `","type":"HOTP","otpLength":6}`}, 201, nil)
	mustSend(t, e, token, apiCall{"POST", base + "/users", "application/json", `{"username":"auth-user"}`}, 201, &user)
	mustSend(t, e, token, apiCall{"POST", base + "/users/" + user.ID + "/devices", "application/json",
		`{"type":"OATH_TOKEN","serialNumber":"AUTH1"}`}, 201, &dev)
	mustSend(t, e, token, apiCall{"POST", base + "/oathJobs", "application/vnd.pingidentity.job.oathtokens.create+json",
		// async false: the job ends before the answer, so that the snapshots taken after it do
		// not see it still running in one and done in the other.
		`{"type":"CREATE_OATH_TOKENS","async":false,"tokens":[{"serialNumber":"JOB1","secret":"` + seedSHA1 + `","type":"HOTP","otpLength":6}]}`},
		202, &job)
	otp, err := e.CurrentOTP(env, tok.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	next, err := e.CurrentOTP(env, tok.ID, 1)
	if err != nil {
		t.Fatal(err)
	}
	return []apiCall{
		{"POST", base + "/oathTokens", "application/json",
			`{"serialNumber":"AUTH2","secret":"` + seedSHA1 + `","type":"HOTP","otpLength":6}`},
		{"GET", base + "/oathTokens?expand=devices", "", ""},
		{"GET", base + "/oathTokens/" + tok.ID, "", ""},
		{"POST", base + "/oathTokens/" + tok.ID, "application/vnd.pingidentity.device.resync+json",
			`{"otps":["` + otp + `","` + next + `"]}`},
		{"DELETE", base + "/oathTokens/" + tok.ID, "", ""},
		{"POST", base + "/oathJobs", "application/vnd.pingidentity.job.oathtokens.revoke+json",
			`{"type":"REVOKE_OATH_TOKENS","async":true,"forceUnpair":true,"tokenIds":["` + tok.ID + `"]}`},
		{"GET", base + "/oathJobs/" + job.ID, "", ""},
		{"POST", base + "/users", "application/json", `{"username":"another-user"}`},
		{"GET", base + "/users/" + user.ID, "", ""},
		{"DELETE", base + "/users/" + user.ID, "", ""},
		{"POST", base + "/users/" + user.ID + "/devices", "application/json", `{"type":"OATH_TOKEN","serialNumber":"AUTH3"}`},
		{"GET", base + "/users/" + user.ID + "/devices", "", ""},
		{"GET", base + "/users/" + user.ID + "/devices/" + dev.ID, "", ""},
		{"POST", base + "/users/" + user.ID + "/devices/" + dev.ID, "application/vnd.pingidentity.device.activate+json",
			`{"otp":"` + otp + `","oathResync":true}`},
		{"DELETE", base + "/users/" + user.ID + "/devices/" + dev.ID, "", ""},
	}
}

// snapshot reads everything the calls can read, to show that refused calls changed nothing.
func snapshot(t *testing.T, e *acctest.Emulator, token string, calls []apiCall) string {
	t.Helper()
	var b strings.Builder
	for _, c := range calls {
		if c.method == "GET" {
			_, _, data := send(t, e, c, "Bearer "+token)
			b.Write(data)
		}
	}
	return b.String()
}

// requireRefused fails unless the answer is PingOne's error with that status and detail code.
func requireRefused(t *testing.T, what string, c apiCall, status int, header http.Header, body []byte, want int, detail string) {
	t.Helper()
	var apiErr struct {
		Code    string `json:"code"`
		Details []struct {
			Code string `json:"code"`
		} `json:"details"`
	}
	_ = json.Unmarshal(body, &apiErr)
	switch {
	case status != want:
		t.Errorf("%s: %s %s answered HTTP %d, want %d: %s", what, c.method, c.path, status, want, body)
	case apiErr.Code != "ACCESS_FAILED" || len(apiErr.Details) != 1 || apiErr.Details[0].Code != detail:
		t.Errorf("%s: %s %s answered %s, want ACCESS_FAILED with detail %s", what, c.method, c.path, body, detail)
	case want == http.StatusUnauthorized && !strings.HasPrefix(header.Get("WWW-Authenticate"), "Bearer"):
		t.Errorf("%s: %s %s answered 401 without WWW-Authenticate: Bearer", what, c.method, c.path)
	}
}

// TestEmulator_RefusesCallsWithoutValidToken sends every API call, each of which would succeed
// with a valid access token, with no token and with each kind of bad one: every answer is 401
// ACCESS_FAILED / INVALID_TOKEN, and nothing changed. Then, with a valid token, every call to
// an environment where the worker holds no role is 403 INSUFFICIENT_PERMISSIONS, and again
// nothing changed.
func TestEmulator_RefusesCallsWithoutValidToken(t *testing.T) {
	acctest.NeedsControlAPI(t, "makes access tokens expire, withdraws roles and reads what each refused call changed")
	e := acctest.StartEmulator(t)
	token := e.AccessToken(t)
	calls := everyAPICall(t, e, token, e.Info.EnvironmentID)
	before := snapshot(t, e, token, calls)

	e.SetTokenTTL(time.Millisecond)
	expired := e.AccessToken(t)
	e.SetTokenTTL(0)
	time.Sleep(5 * time.Millisecond)
	payload, mac, _ := strings.Cut(token, ".")
	raw, err := base64.RawURLEncoding.DecodeString(payload)
	if err != nil {
		t.Fatal(err)
	}
	raw[len(raw)-1] ^= 1 // A different nonce: the signature no longer matches.
	tampered := base64.RawURLEncoding.EncodeToString(raw) + "." + mac
	foreign := acctest.StartEmulator(t).AccessToken(t)
	clientCreds := base64.StdEncoding.EncodeToString([]byte(e.Info.ClientID + ":" + e.Info.ClientSecret))

	bad := map[string]string{
		"no Authorization header":                 "",
		"empty bearer":                            "Bearer ",
		"garbage":                                 "Bearer not-a-token",
		"the worker's client credentials":         "Basic " + clientCreds,
		"a valid token under another scheme":      "Token " + token,
		"a valid token with a second one":         "Bearer " + token + " " + token,
		"an expired token":                        "Bearer " + expired,
		"a tampered token":                        "Bearer " + tampered,
		"a token signed by another PingOne":       "Bearer " + foreign,
		"a valid token's signature on its own":    "Bearer ." + mac,
		"a valid token's payload without its MAC": "Bearer " + payload,
	}
	refused := 0
	for what, auth := range bad {
		for _, c := range calls {
			status, header, body := send(t, e, c, auth)
			requireRefused(t, what, c, status, header, body, http.StatusUnauthorized, "INVALID_TOKEN")
			refused++
		}
	}
	if after := snapshot(t, e, token, calls); after != before {
		t.Fatalf("refused calls changed the environment:\nbefore %s\nafter  %s", before, after)
	}

	// An environment the worker has no role in: the same calls with a valid token.
	other := e.CreateEnvironment(true)
	otherCalls := everyAPICall(t, e, token, other)
	otherBefore := snapshot(t, e, token, otherCalls)
	e.SetRole(other, false)
	for _, c := range otherCalls {
		status, header, body := send(t, e, c, "Bearer "+token)
		requireRefused(t, "no role", c, status, header, body, http.StatusForbidden, "INSUFFICIENT_PERMISSIONS")
		refused++
	}
	e.SetRole(other, true)
	if after := snapshot(t, e, token, otherCalls); after != otherBefore {
		t.Fatalf("calls refused for want of a role changed the environment:\nbefore %s\nafter  %s", otherBefore, after)
	}
	// The premise: with a valid token, in an environment of its own, each call succeeds.
	for i := range calls {
		fresh := e.CreateEnvironment(true)
		c := everyAPICall(t, e, token, fresh)[i]
		if status, _, body := send(t, e, c, "Bearer "+token); status >= 300 {
			t.Errorf("with a valid token %s %s answered HTTP %d: %s", c.method, c.path, status, body)
		}
	}
	t.Logf("%d calls refused (%d routes × %d bad tokens, and every route without a role)", refused, len(calls), len(bad))
}

// wrapped matches an error the engine wrapped over several lines: the phrases in order, each
// space any run of white space.
func wrapped(phrases ...string) *regexp.Regexp {
	parts := make([]string, len(phrases))
	for i, p := range phrases {
		parts[i] = strings.ReplaceAll(regexp.QuoteMeta(p), " ", `\s+`)
	}
	return regexp.MustCompile(`(?s)` + strings.Join(parts, ".*"))
}

// providerBlock is a provider configuration for the emulator with the credentials given.
func providerBlock(e *acctest.Emulator, credentials string) string {
	return fmt.Sprintf(`
provider "pingone" {
%s
  service_endpoints {
    auth_hostname = %q
    api_hostname  = %q
  }
}
`, credentials, e.Info.AuthHostname, e.Info.APIHostname)
}

// TestAccAuth_ProviderReportsRefusals shows what a user sees when PingOne refuses the
// provider: a forged access token, a wrong client secret, an environment where the worker has
// no role, and a role withdrawn after the token was made. Each fails with an error that names
// the operation, PingOne's answer and what to check, and creates nothing.
func TestAccAuth_ProviderReportsRefusals(t *testing.T) {
	e := acctest.StartEmulator(t)
	env := e.Info.EnvironmentID
	auth := e.Serial("AUTH")
	token := tokensBlock("auth", env, auth, 1, "")
	envs := []string{env}

	cases := []struct {
		name string
		// control says why the case needs the emulator's control API, if it does.
		control string
		config  func() string
		want    *regexp.Regexp
	}{
		{"forged access token", "", func() string { return providerBlock(e, `  api_access_token = "forged.token"`) + token },
			wrapped("Create OATH token failed", "refused the access token from api_access_token (PINGONE_API_ACCESS_TOKEN)",
				"get a new one", "HTTP 401 ACCESS_FAILED", "INVALID_TOKEN", `create OATH token "`+auth+`000"`)},
		{"wrong client secret", "", func() string {
			return providerBlock(e, fmt.Sprintf("  client_id = %q\n  client_secret = \"wrong\"\n  environment_id = %q",
				e.Info.ClientID, e.Info.AdminEnvironmentID)) + token
		}, wrapped("Create OATH token failed", "rejected the client credentials for environment "+e.Info.AdminEnvironmentID,
			"check the client ID, client secret, environment ID and region", "HTTP 401 invalid_client")},
		{"no role in the environment", "makes an environment where the worker holds no role", func() string {
			noRole := e.CreateEnvironment(false)
			envs = append(envs, noRole)
			return e.ProviderConfig() + tokensBlock("auth", noRole, auth, 1, "")
		}, wrapped("Create OATH token failed", "HTTP 403 ACCESS_FAILED", "INSUFFICIENT_PERMISSIONS",
			"The worker application has no role that allows managing MFA devices in this environment")},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.control != "" {
				acctest.NeedsControlAPI(t, tc.control)
			}
			config := tc.config()
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: acctest.ProviderFactories,
				Steps:                    []resource.TestStep{{Config: config, ExpectError: tc.want}},
			})
		})
	}
	t.Run("role withdrawn", func(t *testing.T) {
		acctest.NeedsControlAPI(t, "withdraws the worker's role after the token was made")
		other := e.CreateEnvironment(true)
		config := e.ProviderConfig() + tokensBlock("auth", other, auth, 1, "")
		resource.ParallelTest(t, resource.TestCase{
			PreCheck:                 func() { acctest.PreCheck(t) },
			ProtoV6ProviderFactories: acctest.ProviderFactories,
			CheckDestroy:             checkDestroyed(e, other),
			Steps: []resource.TestStep{
				{Config: config},
				{
					PreConfig: func() { e.SetRole(other, false) },
					Config:    config,
					PlanOnly:  true,
					ExpectError: wrapped("Read OATH token failed", "HTTP 403 ACCESS_FAILED",
						"the worker application has no role there", "or the environment no longer exists"),
				},
				{PreConfig: func() { e.SetRole(other, true) }, Config: config},
			},
		})
	})
	t.Cleanup(func() {
		for _, env := range envs {
			if left := e.TokenSerials(env); len(left) > 0 {
				t.Errorf("refused runs left tokens in %s: %v", env, left)
			}
		}
	})
}
