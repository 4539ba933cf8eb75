package emulator

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// fuzzAccessToken signs in through the emulator's own token endpoint, without the network.
func fuzzAccessToken(f *testing.F, e *Emulator) string {
	req := httptest.NewRequest(http.MethodPost, "https://"+e.Info().AuthHostname+"/"+e.Info().AdminEnvironmentID+"/as/token",
		strings.NewReader("grant_type=client_credentials"))
	req.Header.Set("Content-Type", ctForm)
	req.SetBasicAuth(e.Info().ClientID, e.Info().ClientSecret)
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, req)
	var tok tokenResponse
	if rec.Code != http.StatusOK || json.Unmarshal(rec.Body.Bytes(), &tok) != nil {
		f.Fatalf("sign in: %d %s", rec.Code, rec.Body)
	}
	return tok.AccessToken
}

// fuzzRoutes are the API requests whose JSON bodies the emulator decodes, by the fuzzer's
// route number: path (under the target environment, with the fixture's IDs) and the
// Content-Types the route accepts.
var fuzzRoutes = []struct {
	path  string
	types []string
}{
	{"/oathTokens", []string{ctJSON}},
	{"/oathJobs", []string{ctJobCreate, ctJobRevoke}},
	{"/oathTokens/{token}", []string{ctResync}},
	{"/users", []string{ctJSON}},
	{"/users/{user}/devices", []string{ctJSON}},
	{"/users/{user}/devices/{device}", []string{ctActivate}},
}

// fuzzSecret is a secret worth looking for in an answer: long enough, and a mix of letters and
// digits, which no fixed text of the emulator's errors holds (their words have no digits, their
// numbers no letters, their UUIDs' runs are at most 12 characters).
var fuzzSecret = regexp.MustCompile(`^[A-Za-z0-9]{16,}$`)

// FuzzRequestBody sends any body with any Content-Type to every API route that decodes JSON,
// through the emulator's whole request pipeline (without the network), and checks:
//   - the answer is never a 5xx, and every error is PingOne's shape (id, code, message, and
//     details that each have a code);
//   - a Content-Type the route does not take is 415, whatever the body;
//   - a body that is not one JSON object is 400 INVALID_REQUEST on target "body", exactly when
//     encoding/json says so (parseObject agrees with json.Valid);
//   - on create, the decoded token follows every documented rule when accepted (201), and a
//     refusal (400) names only the token's properties;
//   - no answer ever quotes a secret the body held, at any depth.
//
// The seed corpus is in testdata/fuzz/FuzzRequestBody; `make fuzz-smoke` and `make fuzz`
// explore further.
func FuzzRequestBody(f *testing.F) {
	e, err := Start(Options{})
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { _ = e.Close() })
	env := e.Info().EnvironmentID
	// Jobs end at once, so a body with "async": false never makes the fuzzer wait.
	e.SetJobTiming(0, 0)
	token := fuzzAccessToken(f, e)
	serve := func(method, path, contentType string, body []byte) *httptest.ResponseRecorder {
		req := httptest.NewRequest(method, "https://"+e.Info().APIHostname+"/v1/environments/"+env+path, bytes.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+token)
		if contentType != "" {
			req.Header.Set("Content-Type", contentType)
		}
		rec := httptest.NewRecorder()
		e.ServeHTTP(rec, req)
		return rec
	}
	ids := map[string]string{}
	fixture := func(key, path, contentType, body string) {
		rec := serve(http.MethodPost, strings.NewReplacer("{user}", ids["user"]).Replace(path), contentType, []byte(body))
		var out struct {
			ID string `json:"id"`
		}
		if rec.Code != http.StatusCreated || json.Unmarshal(rec.Body.Bytes(), &out) != nil {
			f.Fatalf("fixture %s: %d %s", key, rec.Code, rec.Body)
		}
		ids[key] = out.ID
	}
	fixture("token", "/oathTokens", ctJSON, `{"serialNumber":"FIXTURE1","secret":"`+rfcSecret+`","type":"HOTP","otpLength":6}`)
	fixture("spare", "/oathTokens", ctJSON, `{"serialNumber":"FIXTURE2","secret":"`+rfcSecret+`","type":"HOTP","otpLength":6}`)
	fixture("user", "/users", ctJSON, `{"username":"fixture"}`)
	fixture("device", "/users/{user}/devices", ctJSON, `{"type":"OATH_TOKEN","serialNumber":"FIXTURE1"}`)
	paths := strings.NewReplacer("{token}", ids["token"], "{user}", ids["user"], "{device}", ids["device"])

	f.Fuzz(func(t *testing.T, route uint8, contentType string, body []byte) {
		r := fuzzRoutes[int(route)%len(fuzzRoutes)]
		rec := serve(http.MethodPost, paths.Replace(r.path), contentType, body)
		status, answer := rec.Code, rec.Body.Bytes()
		if status >= 500 {
			t.Fatalf("POST %s answered %d: %s", r.path, status, answer)
		}
		if status >= 400 {
			requirePingOneError(t, answer)
		}
		for _, s := range secretsIn(body) {
			if fuzzSecret.MatchString(s) && bytes.Contains(answer, []byte(s)) {
				t.Fatalf("POST %s quoted the secret %q: %s", r.path, s, answer)
			}
		}
		if !slices.Contains(r.types, mediaType(contentType)) {
			if status != http.StatusUnsupportedMediaType {
				t.Fatalf("POST %s with Content-Type %q answered %d, want 415", r.path, contentType, status)
			}
			return
		}
		object := json.Valid(body) && kindOf(body) == "object"
		fields, perr := parseObject(body)
		if (perr == nil) != object {
			t.Fatalf("parseObject(%q) error = %v, but json.Valid and the first byte say object = %v", body, perr, object)
		}
		if !object {
			requireBodyRefused(t, status, answer)
			return
		}
		if r.path == "/oathTokens" {
			spec, ok := parseTokenSpec(fields)
			requireCreateAnswer(t, body, spec, ok, status, answer)
		}
	})
}

// requirePingOneError checks an error answer's shape.
func requirePingOneError(t *testing.T, answer []byte) {
	t.Helper()
	var e errorBody
	if err := json.Unmarshal(answer, &e); err != nil || e.ID == "" || e.Code == "" || e.Message == "" {
		t.Fatalf("an error answer is not PingOne's error shape: %s", answer)
	}
	for _, d := range e.Details {
		if d.Code == "" || d.Message == "" {
			t.Fatalf("an error detail lacks its code or message: %s", answer)
		}
	}
}

// requireBodyRefused checks the answer to a body that is not one JSON object.
func requireBodyRefused(t *testing.T, status int, answer []byte) {
	t.Helper()
	var e errorBody
	_ = json.Unmarshal(answer, &e)
	if status != http.StatusBadRequest || e.Code != "INVALID_REQUEST" || len(e.Details) != 1 || e.Details[0].Target != "body" {
		t.Fatalf("a body that is not a JSON object answered %d %s, want 400 INVALID_REQUEST on body", status, answer)
	}
}

// tokenTargets are the properties a create can be refused for.
var tokenTargets = []string{"serialNumber", "secret", "type", "otpLength", "hashAlgorithm", "hotp", "hotp.counter",
	"totp", "totp.timeStep"}

// requireCreateAnswer checks a create against what parseTokenSpec decided: an accepted token
// follows every documented rule and is created (or refused only as a duplicate or over the
// limit); a refused one is 400 INVALID_DATA with details on the token's properties only.
func requireCreateAnswer(t *testing.T, body []byte, spec tokenSpec, ok bool, status int, answer []byte) {
	t.Helper()
	var e errorBody
	_ = json.Unmarshal(answer, &e)
	if !ok {
		if status != http.StatusBadRequest || e.Code != "INVALID_DATA" || len(e.Details) == 0 {
			t.Fatalf("an invalid token %s answered %d %s, want 400 INVALID_DATA", body, status, answer)
		}
		for _, d := range e.Details {
			if !slices.Contains(tokenTargets, d.Target) {
				t.Fatalf("a refusal names %q, not a token property: %s", d.Target, answer)
			}
		}
		return
	}
	hexDigits := regexp.MustCompile(`^([0-9a-fA-F]{2}){1,100}$`)
	switch {
	case !regexp.MustCompile(`^[A-Za-z0-9]{1,50}$`).MatchString(spec.serial):
		t.Fatalf("accepted serial number %q", spec.serial)
	case !hexDigits.MatchString(spec.secret) || len(spec.key) != len(spec.secret)/2:
		t.Fatalf("accepted secret %q (%d key bytes)", spec.secret, len(spec.key))
	case spec.kind != typeHOTP && spec.kind != typeTOTP, spec.digits != 6 && spec.digits != 8:
		t.Fatalf("accepted type %q with %d digits", spec.kind, spec.digits)
	case spec.kind == typeHOTP && (spec.alg != "HmacSHA1" || spec.timeStep != 0):
		t.Fatalf("accepted a HOTP token with %s and time step %d", spec.alg, spec.timeStep)
	case spec.kind == typeTOTP && (spec.timeStep != 30 && spec.timeStep != 60 || spec.counter != 0):
		t.Fatalf("accepted a TOTP token with time step %d and counter %d", spec.timeStep, spec.counter)
	}
	switch status {
	case http.StatusCreated:
		var tok struct {
			SerialNumber string `json:"serialNumber"`
			Type         string `json:"type"`
			OTPLength    int    `json:"otpLength"`
		}
		if json.Unmarshal(answer, &tok) != nil || tok.SerialNumber != spec.serial || tok.Type != spec.kind || tok.OTPLength != spec.digits {
			t.Fatalf("created %s from %s", answer, body)
		}
		if bytes.Contains(answer, []byte(`"secret"`)) {
			t.Fatalf("a created token's answer holds a secret property: %s", answer)
		}
	case http.StatusBadRequest:
		if len(e.Details) != 1 || e.Details[0].Code != "UNIQUENESS_VIOLATION" && e.Details[0].Code != "SIZE_LIMIT_EXCEEDED" {
			t.Fatalf("a valid token %s answered %s", body, answer)
		}
	default:
		t.Fatalf("a valid token %s answered %d %s", body, status, answer)
	}
}

// secretsIn finds every string under a "secret" property, at any depth of a JSON body.
func secretsIn(body []byte) []string {
	var v any
	if json.Unmarshal(body, &v) != nil {
		return nil
	}
	var out []string
	var walk func(any)
	walk = func(v any) {
		switch t := v.(type) {
		case map[string]any:
			for k, inner := range t {
				if s, ok := inner.(string); ok && strings.EqualFold(k, "secret") {
					out = append(out, s)
				}
				walk(inner)
			}
		case []any:
			for _, inner := range t {
				walk(inner)
			}
		}
	}
	walk(v)
	return out
}
