package emulator

import (
	"bytes"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
)

// rfcSecret is the RFC 4226 secret; its HOTP values for counters 0..9 are rfcHOTP.
const rfcSecret = "3132333435363738393031323334353637383930"

var rfcHOTP = []string{"755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"}

// harness is one emulator and a client that trusts its CA and holds an access token.
type harness struct {
	t     testing.TB
	e     *Emulator
	c     *http.Client
	info  Info
	env   string // The target environment.
	token string
}

// fakeClock lets tests move time, for TOTP steps and token expiry.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newFakeClock() *fakeClock {
	return &fakeClock{t: time.Date(2024, 12, 2, 12, 10, 41, 616_000_000, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func newClient(t testing.TB, ca *CA) *http.Client {
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(ca.PEM()) {
		t.Fatal("CA PEM not accepted")
	}
	tr := &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}, MaxIdleConnsPerHost: 32}
	t.Cleanup(tr.CloseIdleConnections)
	return &http.Client{Transport: tr, Timeout: 20 * time.Second}
}

func start(t *testing.T, opts Options) *harness {
	t.Helper()
	e, err := Start(opts)
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	t.Cleanup(func() {
		if err := e.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	h := &harness{t: t, e: e, c: newClient(t, e.CA()), info: e.Info(), env: e.Info().EnvironmentID}
	h.token = h.accessToken()
	return h
}

// accessToken signs in with CLIENT_SECRET_BASIC.
func (h *harness) accessToken() string {
	h.t.Helper()
	form := url.Values{"grant_type": {"client_credentials"}}
	req, _ := http.NewRequest(http.MethodPost, h.e.URL()+"/"+h.info.AdminEnvironmentID+"/as/token", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", ctForm)
	req.SetBasicAuth(h.info.ClientID, h.info.ClientSecret)
	r := h.send(req)
	if r.status != http.StatusOK {
		h.t.Fatalf("token: %d %s", r.status, r.body)
	}
	var tok tokenResponse
	r.decode(h.t, &tok)
	return tok.AccessToken
}

type response struct {
	status int
	header http.Header
	body   []byte
}

func (r response) decode(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal(r.body, v); err != nil {
		t.Fatalf("decode %d %q: %v", r.status, r.body, err)
	}
}

func (r response) object(t testing.TB) map[string]any {
	t.Helper()
	var m map[string]any
	r.decode(t, &m)
	return m
}

func (h *harness) send(req *http.Request) response {
	h.t.Helper()
	res, err := h.c.Do(req)
	if err != nil {
		h.t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	body, err := io.ReadAll(res.Body)
	if cerr := res.Body.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		h.t.Fatalf("read body: %v", err)
	}
	return response{status: res.StatusCode, header: res.Header, body: body}
}

// request builds an authorized request; body is a string (sent as is) or a value to encode.
func (h *harness) request(method, path, contentType string, body any) *http.Request {
	h.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	default:
		data, err := json.Marshal(b)
		if err != nil {
			h.t.Fatal(err)
		}
		rd = bytes.NewReader(data)
	}
	req, err := http.NewRequest(method, h.e.URL()+path, rd)
	if err != nil {
		h.t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	req.Header.Set("Authorization", "Bearer "+h.token)
	return req
}

func (h *harness) do(method, path, contentType string, body any) response {
	h.t.Helper()
	return h.send(h.request(method, path, contentType, body))
}

// api sends a request under the target environment: api("GET", "/oathTokens", "", nil).
func (h *harness) api(method, rel, contentType string, body any) response {
	h.t.Helper()
	return h.do(method, "/v1/environments/"+h.env+rel, contentType, body)
}

// tokenBody is a valid create body with the given serial.
func hotpBody(serial string) map[string]any {
	return map[string]any{"serialNumber": serial, "secret": rfcSecret, "type": "HOTP", "otpLength": 6}
}

func totpBody(serial string, step int) map[string]any {
	return map[string]any{"serialNumber": serial, "secret": rfcSecret, "type": "TOTP", "otpLength": 8, "totp": map[string]any{"timeStep": step}}
}

// createToken creates a token and returns its id.
func (h *harness) createToken(body map[string]any) string {
	h.t.Helper()
	r := h.api("POST", "/oathTokens", ctJSON, body)
	if r.status != http.StatusCreated {
		h.t.Fatalf("create token: %d %s", r.status, r.body)
	}
	return r.object(h.t)["id"].(string)
}

// errorBody is the API error shape, decoded strictly enough to check it.
type errorBody struct {
	ID      string `json:"id"`
	Code    string `json:"code"`
	Message string `json:"message"`
	Details []struct {
		Code       string `json:"code"`
		Target     string `json:"target"`
		Message    string `json:"message"`
		InnerError *struct {
			AllowedValues []string `json:"allowedValues"`
		} `json:"innerError"`
	} `json:"details"`
}

// want is an expected error: status, code, and the details as "CODE target" strings in order.
type want struct {
	status  int
	code    string
	details []string
}

// checkError asserts the full error shape: a UUID id, the code, a message, and the details.
func checkError(t testing.TB, r response, w want) errorBody {
	t.Helper()
	if r.status != w.status {
		t.Fatalf("status %d, want %d; body %s", r.status, w.status, r.body)
	}
	if ct := r.header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type %q, want application/json", ct)
	}
	var e errorBody
	r.decode(t, &e)
	if _, err := uuid.Parse(e.ID); err != nil {
		t.Errorf("error id %q is not a UUID", e.ID)
	}
	if e.Code != w.code || e.Message == "" {
		t.Errorf("code %q message %q, want code %q and a message", e.Code, e.Message, w.code)
	}
	var got []string
	for _, d := range e.Details {
		if d.Message == "" {
			t.Errorf("detail %s %s has no message", d.Code, d.Target)
		}
		got = append(got, strings.TrimSpace(d.Code+" "+d.Target))
	}
	if w.details != nil && !reflect.DeepEqual(got, w.details) {
		t.Errorf("details %q, want %q; body %s", got, w.details, r.body)
	}
	return e
}

func urlQuery(s string) string { return url.QueryEscape(s) }
