package emulator

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
)

// shape describes a JSON value's keys and types, not its values.
func shape(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, vv := range x {
			out[k] = shape(vv)
		}
		return out
	case []any:
		return "array"
	case float64:
		return "number"
	case string:
		return "string"
	case bool:
		return "boolean"
	}
	return "null"
}

var timestampRE = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$`)

func TestCreateHOTPMatchesDocumentedExample(t *testing.T) {
	h := start(t, Options{})
	data, err := os.ReadFile("testdata/create_hotp_response.json")
	if err != nil {
		t.Fatal(err)
	}
	var example map[string]any
	if err := json.Unmarshal(data, &example); err != nil {
		t.Fatal(err)
	}
	// The documented request, byte for byte.
	r := h.api("POST", "/oathTokens", ctJSON, `{
    "serialNumber": "2333734700388",
    "secret": "6EBD59F71A800C48C4619CD33F6C385C9237C9BA",
    "type": "HOTP",
    "hotp": {
        "counter": 456789
    },
    "otpLength": 8
}`)
	if r.status != http.StatusCreated {
		t.Fatalf("status %d: %s", r.status, r.body)
	}
	got := r.object(t)
	if !jsonEqual(shape(got), shape(example)) {
		t.Fatalf("shape differs from the documented example:\ngot  %v\nwant %v", shape(got), shape(example))
	}
	for _, k := range []string{"serialNumber", "type", "hotp", "otpLength", "hashAlgorithm"} {
		if !jsonEqual(got[k], example[k]) {
			t.Errorf("%s = %v, want %v", k, got[k], example[k])
		}
	}
	id := got["id"].(string)
	if _, err := uuid.Parse(id); err != nil {
		t.Errorf("id %q: %v", id, err)
	}
	if got["environment"].(map[string]any)["id"] != h.env {
		t.Errorf("environment %v", got["environment"])
	}
	base := "https://" + h.info.APIHostname + "/v1/environments/" + h.env
	links := got["_links"].(map[string]any)
	if links["self"].(map[string]any)["href"] != base+"/oathTokens/"+id || links["environment"].(map[string]any)["href"] != base {
		t.Errorf("links %v", links)
	}
	for _, k := range []string{"createdAt", "updatedAt"} {
		if !timestampRE.MatchString(got[k].(string)) {
			t.Errorf("%s %q is not RFC 3339 UTC with milliseconds", k, got[k])
		}
	}
	if strings.Contains(string(r.body), "secret") || strings.Contains(strings.ToUpper(string(r.body)), "6EBD59F71A800C48") {
		t.Error("the response reveals the secret")
	}
	if ct := r.header.Get("Content-Type"); !strings.Contains(ct, "json") {
		t.Errorf("Content-Type %q", ct)
	}
	// Reading it back gives the same object.
	read := h.api("GET", "/oathTokens/"+id, "", nil)
	if read.status != 200 || !jsonEqual(read.object(t), got) {
		t.Errorf("read back %d %s, want %s", read.status, read.body, r.body)
	}
}

func jsonEqual(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}

func TestCreateDefaultsAndTOTP(t *testing.T) {
	h := start(t, Options{})
	r := h.api("POST", "/oathTokens", ctJSON, hotpBody("DEF1"))
	m := r.object(t)
	if m["hashAlgorithm"] != "HmacSHA1" || !jsonEqual(m["hotp"], map[string]any{"counter": 0}) || m["totp"] != nil {
		t.Errorf("HOTP defaults: %s", r.body)
	}
	for _, alg := range []string{"HmacSHA1", "HmacSHA256", "HmacSHA512"} {
		for _, step := range []int{30, 60} {
			body := totpBody(fmt.Sprintf("T%s%d", alg, step), step)
			body["hashAlgorithm"] = alg
			r := h.api("POST", "/oathTokens", ctJSON, body)
			if r.status != http.StatusCreated {
				t.Fatalf("%s %d: %d %s", alg, step, r.status, r.body)
			}
			m := r.object(t)
			if m["type"] != "TOTP" || m["hashAlgorithm"] != alg || m["otpLength"] != float64(8) || m["hotp"] != nil ||
				!jsonEqual(m["totp"], map[string]any{"timeStep": step, "drift": 0}) {
				t.Errorf("TOTP %s %d: %s", alg, step, r.body)
			}
		}
	}
	// Read-only and unknown properties are ignored; the upper bounds are allowed.
	body := hotpBody(strings.Repeat("Z", 50))
	body["secret"] = strings.Repeat("aB", 100)
	body["hotp"] = map[string]any{"counter": int64(9223372036854775807)}
	body["id"] = "ignored"
	body["createdAt"] = "2000-01-01T00:00:00.000Z"
	body["environment"] = map[string]any{"id": "other"}
	body["somethingElse"] = true
	r = h.api("POST", "/oathTokens", ctJSON, body)
	m = r.object(t)
	if r.status != 201 || m["id"] == "ignored" || m["createdAt"] == "2000-01-01T00:00:00.000Z" ||
		m["environment"].(map[string]any)["id"] != h.env || !strings.Contains(string(r.body), `"counter":9223372036854775807`) {
		t.Errorf("upper bounds and ignored fields: %d %s", r.status, r.body)
	}
}

func TestCreateValidation(t *testing.T) {
	h := start(t, Options{})
	h.createToken(hotpBody("TAKEN1"))
	with := func(base map[string]any, kv ...any) map[string]any {
		out := map[string]any{}
		for k, v := range base {
			out[k] = v
		}
		for i := 0; i < len(kv); i += 2 {
			if kv[i+1] == nil {
				delete(out, kv[i].(string))
			} else {
				out[kv[i].(string)] = kv[i+1]
			}
		}
		return out
	}
	hotp, totp := hotpBody("NEW1"), totpBody("NEW2", 30)
	null := json.RawMessage("null")
	cases := []struct {
		name    string
		body    any
		details []string
		allowed []string
	}{
		{"serial missing", with(hotp, "serialNumber", nil), []string{"REQUIRED_VALUE serialNumber"}, nil},
		{"serial null", with(hotp, "serialNumber", null), []string{"REQUIRED_VALUE serialNumber"}, nil},
		{"serial empty", with(hotp, "serialNumber", ""), []string{"REQUIRED_VALUE serialNumber"}, nil},
		{"serial too long", with(hotp, "serialNumber", strings.Repeat("A", 51)), []string{"INVALID_VALUE serialNumber"}, nil},
		{"serial not alphanumeric", with(hotp, "serialNumber", "AB-12"), []string{"INVALID_VALUE serialNumber"}, nil},
		{"serial not ASCII", with(hotp, "serialNumber", "ABÉ12"), []string{"INVALID_VALUE serialNumber"}, nil},
		{"serial number type", with(hotp, "serialNumber", 12345), []string{"INVALID_VALUE serialNumber"}, nil},
		{"serial duplicate", with(hotp, "serialNumber", "TAKEN1"), []string{"UNIQUENESS_VIOLATION serialNumber"}, nil},
		{"secret missing", with(hotp, "secret", nil), []string{"REQUIRED_VALUE secret"}, nil},
		{"secret not hex", with(hotp, "secret", "3132zz"), []string{"INVALID_VALUE secret"}, nil},
		{"secret odd length", with(hotp, "secret", "313"), []string{"INVALID_VALUE secret"}, nil},
		{"secret too long", with(hotp, "secret", strings.Repeat("ab", 101)), []string{"INVALID_VALUE secret"}, nil},
		{"secret type", with(hotp, "secret", []int{1}), []string{"INVALID_VALUE secret"}, nil},
		{"type missing", with(hotp, "type", nil), []string{"REQUIRED_VALUE type"}, nil},
		{"type unknown", with(hotp, "type", "SOTP"), []string{"INVALID_VALUE type"}, []string{"HOTP", "TOTP"}},
		{"type lower case", with(hotp, "type", "hotp"), []string{"INVALID_VALUE type"}, []string{"HOTP", "TOTP"}},
		{"otpLength missing", with(hotp, "otpLength", nil), []string{"REQUIRED_VALUE otpLength"}, nil},
		{"otpLength 7", with(hotp, "otpLength", 7), []string{"INVALID_VALUE otpLength"}, []string{"6", "8"}},
		{"otpLength 6.5", with(hotp, "otpLength", 6.5), []string{"INVALID_VALUE otpLength"}, []string{"6", "8"}},
		{"otpLength string", with(hotp, "otpLength", "6"), []string{"INVALID_VALUE otpLength"}, nil},
		{"hashAlgorithm unknown", with(totp, "hashAlgorithm", "HmacMD5"), []string{"INVALID_VALUE hashAlgorithm"}, []string{"HmacSHA1", "HmacSHA256", "HmacSHA512"}},
		{"hashAlgorithm for HOTP", with(hotp, "hashAlgorithm", "HmacSHA256"), []string{"INVALID_VALUE hashAlgorithm"}, []string{"HmacSHA1"}},
		{"hashAlgorithm type", with(hotp, "hashAlgorithm", 1), []string{"INVALID_VALUE hashAlgorithm"}, nil},
		{"counter negative", with(hotp, "hotp", map[string]any{"counter": -1}), []string{"OUT_OF_RANGE hotp.counter"}, nil},
		{"counter too big", with(hotp, "hotp", json.RawMessage(`{"counter": 9223372036854775808}`)), []string{"OUT_OF_RANGE hotp.counter"}, nil},
		{"counter fraction", with(hotp, "hotp", map[string]any{"counter": 1.5}), []string{"INVALID_VALUE hotp.counter"}, nil},
		{"counter string", with(hotp, "hotp", map[string]any{"counter": "5"}), []string{"INVALID_VALUE hotp.counter"}, nil},
		{"hotp not object", with(hotp, "hotp", 5), []string{"INVALID_VALUE hotp"}, nil},
		{"hotp on TOTP", with(totp, "hotp", map[string]any{"counter": 1}), []string{"INVALID_VALUE hotp"}, nil},
		{"totp on HOTP", with(hotp, "totp", map[string]any{"timeStep": 30}), []string{"INVALID_VALUE totp"}, nil},
		{"timeStep missing", with(totp, "totp", nil), []string{"REQUIRED_VALUE totp.timeStep"}, nil},
		{"timeStep empty object", with(totp, "totp", map[string]any{}), []string{"REQUIRED_VALUE totp.timeStep"}, nil},
		{"timeStep 45", with(totp, "totp", map[string]any{"timeStep": 45}), []string{"INVALID_VALUE totp.timeStep"}, []string{"30", "60"}},
		{"timeStep string", with(totp, "totp", map[string]any{"timeStep": "30"}), []string{"INVALID_VALUE totp.timeStep"}, nil},
		{"everything wrong", map[string]any{"serialNumber": "a b", "secret": "x", "type": 3, "otpLength": 10},
			[]string{"INVALID_VALUE serialNumber", "INVALID_VALUE secret", "INVALID_VALUE type", "INVALID_VALUE otpLength"}, nil},
		{"empty object", map[string]any{},
			[]string{"REQUIRED_VALUE serialNumber", "REQUIRED_VALUE secret", "REQUIRED_VALUE type", "REQUIRED_VALUE otpLength"}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := checkError(t, h.api("POST", "/oathTokens", ctJSON, c.body), want{400, "INVALID_DATA", c.details})
			if c.allowed != nil {
				if e.Details[0].InnerError == nil || !slices.Equal(e.Details[0].InnerError.AllowedValues, c.allowed) {
					t.Errorf("allowedValues %+v, want %q", e.Details[0].InnerError, c.allowed)
				}
			}
		})
	}
	if got := h.e.TokenSerials(h.env); !slices.Equal(got, []string{"TAKEN1"}) {
		t.Errorf("invalid requests created tokens: %q", got)
	}
}

func TestCreateMalformedBodies(t *testing.T) {
	h := start(t, Options{})
	for name, body := range map[string]string{
		"syntax":   `{"serialNumber": "A1",`,
		"empty":    ``,
		"array":    `[{"serialNumber": "A1"}]`,
		"string":   `"token"`,
		"trailing": `{"serialNumber": "A1"} {}`,
	} {
		t.Run(name, func(t *testing.T) {
			checkError(t, h.api("POST", "/oathTokens", ctJSON, body), want{400, "INVALID_REQUEST", []string{"INVALID_VALUE body"}})
		})
	}
}

func TestCreateSizeLimit(t *testing.T) {
	h := start(t, Options{MaxTokensPerEnvironment: 3})
	for i := range 3 {
		h.createToken(hotpBody(fmt.Sprintf("S%d", i)))
	}
	checkError(t, h.api("POST", "/oathTokens", ctJSON, hotpBody("S3")), want{400, "INVALID_DATA", []string{"SIZE_LIMIT_EXCEEDED"}})
	// The limit is per environment.
	other := h.e.CreateEnvironment(true)
	h.createTokenIn(other, hotpBody("S3"))
	// Revoking one makes room again.
	id := h.api("GET", "/oathTokens?filter="+urlQuery(`serialNumber eq "S0"`), "", nil).object(t)["_embedded"].(map[string]any)["oathTokens"].([]any)[0].(map[string]any)["id"].(string)
	if r := h.api("DELETE", "/oathTokens/"+id, "", nil); r.status != 204 {
		t.Fatalf("revoke: %d", r.status)
	}
	h.createToken(hotpBody("S3"))
}

func TestReadAndRevoke(t *testing.T) {
	h := start(t, Options{})
	id := h.createToken(hotpBody("RR1"))
	notFound := want{404, "NOT_FOUND", nil}
	checkError(t, h.api("GET", "/oathTokens/"+uuid.NewString(), "", nil), notFound)
	checkError(t, h.api("DELETE", "/oathTokens/"+uuid.NewString(), "", nil), notFound)

	r := h.api("DELETE", "/oathTokens/"+id, "", nil)
	if r.status != http.StatusNoContent || len(r.body) != 0 {
		t.Fatalf("revoke: %d %q", r.status, r.body)
	}
	checkError(t, h.api("GET", "/oathTokens/"+id, "", nil), notFound)
	checkError(t, h.api("DELETE", "/oathTokens/"+id, "", nil), notFound)
	// The serial number is free again.
	h.createToken(hotpBody("RR1"))
}

func TestTimestampsUseTheClock(t *testing.T) {
	clock := newFakeClock()
	h := start(t, Options{now: clock.Now})
	clock.Advance(1234567 * time.Microsecond)
	m := h.api("POST", "/oathTokens", ctJSON, hotpBody("TS1")).object(t)
	// updatedAt is stamped on its own, after createdAt, as in PingOne's example.
	if m["createdAt"] != "2024-12-02T12:10:42.850Z" || m["updatedAt"] != "2024-12-02T12:10:42.851Z" {
		t.Errorf("createdAt %v updatedAt %v", m["createdAt"], m["updatedAt"])
	}
}
