package pingone

import (
	"crypto/x509"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

// The fake is a small, deterministic stand-in for PingOne on an httptest TLS server: a token
// endpoint that checks the credentials and numbers the tokens it issues, and an API handler each
// test supplies. It is for behavior that must be pinned down exactly (retries, waits, decoding);
// emulator_test.go covers the real API shapes.

const (
	fakeAdminEnv = "admin-env"
	fakeEnv      = "env-1"
	fakeClientID = "client-1"
	fakeSecret   = "s3cr3t-client-secret-value"
)

type fake struct {
	srv *httptest.Server

	mu sync.Mutex
	// tokenTTL is the expires_in of issued tokens, in seconds.
	tokenTTL int
	// tokenFaults are statuses the token endpoint answers before it issues tokens.
	tokenFaults []int
	issued      map[string]bool
	tokenCalls  int
	tokenForms  []url.Values
	tokenAuth   []string
	apiCalls    []*recordedRequest
	api         http.HandlerFunc
}

// recordedRequest is what the fake saw of one API request.
type recordedRequest struct {
	Method, Path, RawPath, Query, ContentType, UserAgent, Authorization string
	Body                                                                []byte
	At                                                                  time.Time
}

func newFake(t *testing.T, api http.HandlerFunc) *fake {
	t.Helper()
	f := &fake{tokenTTL: 3600, issued: map[string]bool{}, api: api}
	f.srv = httptest.NewTLSServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fake) serve(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodPost && r.URL.Path == "/"+fakeAdminEnv+"/as/token" {
		f.serveToken(w, r)
		return
	}
	body, _ := io.ReadAll(r.Body)
	rec := &recordedRequest{
		Method: r.Method, Path: r.URL.Path, RawPath: r.URL.EscapedPath(), Query: r.URL.RawQuery,
		ContentType: r.Header.Get("Content-Type"), UserAgent: r.Header.Get("User-Agent"),
		Authorization: r.Header.Get("Authorization"), Body: body, At: time.Now(),
	}
	f.mu.Lock()
	f.apiCalls = append(f.apiCalls, rec)
	tok := strings.TrimPrefix(rec.Authorization, "Bearer ")
	valid := f.issued[tok] || tok == "static-token"
	api := f.api
	f.mu.Unlock()
	if !valid {
		writeJSON(w, http.StatusUnauthorized, map[string]any{"id": "e-401", "code": "ACCESS_FAILED",
			"message": "The request could not be completed. You do not have access to this resource.",
			"details": []any{map[string]any{"code": "INVALID_TOKEN", "message": "token is invalid"}}})
		return
	}
	r.Body = io.NopCloser(strings.NewReader(string(body)))
	api(w, r)
}

func (f *fake) serveToken(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	f.mu.Lock()
	defer f.mu.Unlock()
	f.tokenCalls++
	f.tokenForms = append(f.tokenForms, r.PostForm)
	f.tokenAuth = append(f.tokenAuth, r.Header.Get("Authorization"))
	if len(f.tokenFaults) > 0 {
		status := f.tokenFaults[0]
		f.tokenFaults = f.tokenFaults[1:]
		writeJSON(w, status, map[string]any{"id": "e-tok", "code": "UNEXPECTED_ERROR", "message": "try again"})
		return
	}
	id, secret, basic := r.BasicAuth()
	if !basic {
		id, secret = r.PostForm.Get("client_id"), r.PostForm.Get("client_secret")
	}
	if r.PostForm.Get("grant_type") != "client_credentials" || id != fakeClientID || secret != fakeSecret {
		writeJSON(w, http.StatusUnauthorized, map[string]any{"error": "invalid_client", "error_description": "Request denied: Unsupported authentication method"})
		return
	}
	tok := fmt.Sprintf("token-%d", f.tokenCalls)
	f.issued[tok] = true
	writeJSON(w, http.StatusOK, map[string]any{"access_token": tok, "token_type": "Bearer", "expires_in": f.tokenTTL})
}

// revokeTokens makes every token issued so far invalid, as if PingOne had revoked them.
func (f *fake) revokeTokens() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.issued = map[string]bool{}
}

func (f *fake) counts() (tokenCalls, apiCalls int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.tokenCalls, len(f.apiCalls)
}

func (f *fake) calls() []*recordedRequest {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]*recordedRequest(nil), f.apiCalls...)
}

func (f *fake) host() string {
	return f.srv.Listener.Addr().String()
}

// config is a client-credentials configuration pointing at the fake, with fast retries.
func (f *fake) config() Config {
	return Config{
		ClientID: fakeClientID, ClientSecret: fakeSecret, EnvironmentID: fakeAdminEnv,
		APIHostname: f.host(), AuthHostname: f.host(), UserAgent: "test-agent/1.0",
		AuthStyle: AuthStyleBasic,
		Retry:     RetryPolicy{MaxAttempts: 4, MinWait: 5 * time.Millisecond, MaxWait: 20 * time.Millisecond},
	}
}

// client builds a Client that trusts the fake's certificate.
func (f *fake) client(t *testing.T, cfg Config) *Client {
	t.Helper()
	pool := x509.NewCertPool()
	pool.AddCert(f.srv.Certificate())
	c, err := newClient(cfg, pool)
	if err != nil {
		t.Fatalf("newClient: %v", err)
	}
	return c
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// tokenBody is a token object the way the API documents it.
func tokenBody(id, serial string) map[string]any {
	return map[string]any{
		"id": id, "environment": map[string]any{"id": fakeEnv}, "serialNumber": serial,
		"type": "HOTP", "otpLength": 6, "hashAlgorithm": "HmacSHA1", "hotp": map[string]any{"counter": 7},
		"createdAt": "2024-12-02T12:10:41.616Z", "updatedAt": "2024-12-02T12:10:42Z",
		"_links": map[string]any{"self": map[string]any{"href": "https://x/v1/environments/" + fakeEnv + "/oathTokens/" + id}},
	}
}
