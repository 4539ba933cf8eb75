package pingone

import (
	"net/http"
	"strings"
	"testing"
)

func TestMaskBodyJSON(t *testing.T) {
	body := `{"serialNumber":"SN1","secret":"3132333435","type":"HOTP",` +
		`"nested":{"access_token":"eyJabc","list":[{"otp":"123456"}]},"otps":["111111","222222"],"Client_Secret":"x<y"}`
	got := maskBody("application/json", []byte(body))
	for _, leaked := range []string{"3132333435", "eyJabc", "123456", "111111", "222222", "x<y"} {
		if strings.Contains(got, leaked) {
			t.Errorf("masked body still holds %q: %s", leaked, got)
		}
	}
	for _, kept := range []string{`"serialNumber":"SN1"`, `"type":"HOTP"`, `"secret":"***"`, `"otps":"***"`} {
		if !strings.Contains(got, kept) {
			t.Errorf("masked body lost %s: %s", kept, got)
		}
	}
}

func TestMaskBodyJSONWithoutContentType(t *testing.T) {
	// A response with a vendor media type, or none, is still recognized as JSON.
	got := maskBody("", []byte(`{"access_token":"abc","expires_in":3600}`))
	if strings.Contains(got, "abc") || !strings.Contains(got, `"expires_in":3600`) {
		t.Fatalf("got %s", got)
	}
}

func TestMaskBodyForm(t *testing.T) {
	got := maskBody("application/x-www-form-urlencoded", []byte("grant_type=client_credentials&client_id=abc&client_secret=p%40ss"))
	if strings.Contains(got, "p%40ss") || strings.Contains(got, "p@ss") {
		t.Fatalf("secret leaked: %s", got)
	}
	if !strings.Contains(got, "client_secret=***") || !strings.Contains(got, "client_id=abc") || !strings.Contains(got, "grant_type=client_credentials") {
		t.Fatalf("got %s", got)
	}
}

func TestMaskBodyOther(t *testing.T) {
	if got := maskBody("text/plain", []byte("upstream connect error")); got != "upstream connect error" {
		t.Fatalf("plain text changed: %q", got)
	}
	// Broken JSON that mentions a secret cannot be masked reliably, so it is withheld.
	got := maskBody("application/json", []byte(`{"secret":"abcdef", truncated`))
	if strings.Contains(got, "abcdef") {
		t.Fatalf("secret leaked: %s", got)
	}
	if maskBody("application/json", nil) != "" {
		t.Fatal("empty body should stay empty")
	}
}

func TestMaskHeaders(t *testing.T) {
	h := http.Header{}
	h.Set("Authorization", "Bearer eyJhbGciOi.payload.sig")
	h.Set("Proxy-Authorization", "Basic dXNlcjpwYXNz")
	h.Set("Cookie", "session=abc")
	h.Set("Content-Type", "application/json")
	got := maskHeaders(h)
	if got["Authorization"] != "Bearer ***" || got["Proxy-Authorization"] != "Basic ***" || got["Cookie"] != "***" {
		t.Fatalf("got %v", got)
	}
	if got["Content-Type"] != "application/json" {
		t.Fatalf("Content-Type changed: %v", got)
	}
	if h.Get("Authorization") != "Bearer eyJhbGciOi.payload.sig" {
		t.Fatal("maskHeaders changed the request's headers")
	}
}
