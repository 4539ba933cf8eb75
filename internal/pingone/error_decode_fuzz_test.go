package pingone

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzDecodeError feeds decodeError any answer a server or a proxy could send, and checks what
// the provider relies on: it never fails or returns nil, keeps the status and the operation,
// bounds the Retry-After it honors, keeps text that is not PingOne's JSON short and on one
// line, never shows HTML markup; and, once redacted as the client does it, never shows a secret
// that the answer echoed back, whole or cut short, in any shape PingOne, the token endpoint or
// a proxy could echo it.
//
// The seed corpus is in testdata/fuzz/FuzzDecodeError: PingOne's and the token endpoint's
// answers, proxies' pages, odd Retry-After values, and texts that cut an echoed secret at the
// length limit. `go test` runs the seeds; `make fuzz-smoke` and `make fuzz` explore further.
func FuzzDecodeError(f *testing.F) {
	f.Fuzz(func(t *testing.T, status int, contentType, retryAfter string, body []byte, secret, prefix, suffix string) {
		header := http.Header{}
		header.Set("Content-Type", contentType)
		header.Set("Retry-After", retryAfter)
		checkDecoded(t, "create OATH token \"F1\"", status, header, body)
		if usableSecret(secret) {
			checkRedacted(t, status, secret, prefix, suffix)
		}
	})
}

// checkDecoded checks the properties that hold for any answer at all.
func checkDecoded(t *testing.T, op string, status int, header http.Header, body []byte) {
	t.Helper()
	e := decodeError(op, status, header, body)
	if e == nil {
		t.Fatal("decodeError returned nil")
	}
	if e.HTTPStatus != status || e.Operation != op {
		t.Fatalf("status %d and operation %q became %d and %q", status, op, e.HTTPStatus, e.Operation)
	}
	if e.RetryAfter < 0 || e.RetryAfter > maxRetryAfter {
		t.Fatalf("Retry-After %q became %s, outside 0..%s", header.Get("Retry-After"), e.RetryAfter, maxRetryAfter)
	}
	msg := e.Error()
	if !strings.HasPrefix(msg, op+": ") {
		t.Fatalf("the error does not start with the operation: %q", msg)
	}
	if status != 0 && !strings.Contains(msg, fmt.Sprintf("HTTP %d", status)) {
		t.Fatalf("the error does not give the status %d: %q", status, msg)
	}
	if json.Valid(body) {
		return
	}
	// Not JSON: a proxy's page or a gateway's text, kept short, on one line, without markup.
	if len(e.Message) > shortTextLimit+len(truncatedMark) {
		t.Fatalf("the text of a non-JSON body is %d bytes long, over %d", len(e.Message), shortTextLimit)
	}
	if strings.ContainsAny(e.Message, "\n\r\t") {
		t.Fatalf("the text of a non-JSON body spans lines: %q", e.Message)
	}
	lower := strings.ToLower(strings.TrimSpace(string(body)))
	if (strings.HasPrefix(lower, "<html") || strings.HasPrefix(lower, "<!doctype")) && strings.Contains(e.Message, "<") {
		t.Fatalf("an HTML page's markup reached the error: %q", e.Message)
	}
	_ = IsNotFound(e) || IsDuplicate(e) || IsUnauthorized(e) || IsForbidden(e) || IsRateLimited(e) || IsInvalidValue(e)
}

// usableSecret keeps the secrets the client can be given: token seeds (hexadecimal), client
// secrets (URL-safe characters) and access tokens (base64url with dots), 8 characters or more:
// shorter ones are masked only where they stand alone, which TestRedactShortSecrets covers.
func usableSecret(s string) bool {
	if len(s) < 8 || len(s) > 512 {
		return false
	}
	for _, r := range s {
		if !secretRune(r) {
			return false
		}
	}
	return true
}

func secretRune(r rune) bool {
	return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || strings.ContainsRune("-._~", r)
}

// checkRedacted echoes the secret back in every place an answer could hold it, between the
// fuzzed prefix and suffix, and checks that after redaction the error shows neither the secret
// nor its first 8 characters (what truncation could leave of it). A control answer, with "*"
// where the secret was, tells fixed text that happens to contain the same characters (the
// operation, PingOne's codes) from a leak.
func checkRedacted(t *testing.T, status int, secret, prefix, suffix string) {
	t.Helper()
	if !utf8.ValidString(prefix) || !utf8.ValidString(suffix) {
		return // JSON would replace invalid bytes; the text cases cover raw bytes.
	}
	jsonString := func(s string) string {
		b, _ := json.Marshal(s)
		return string(b)
	}
	answers := []struct {
		what, op, contentType string
		body                  func(s string) string
	}{
		{"PingOne's JSON", "create OATH token \"F1\"", "application/json", func(s string) string {
			return `{"id":"6c796712-0f16-4062-815a-e0a92f4a2143","code":"INVALID_DATA","message":` +
				jsonString(prefix+s+suffix) + `,"details":[{"code":"INVALID_VALUE","target":"secret","message":` +
				jsonString(prefix+s) + `,"innerError":{"allowedValues":[` + jsonString(s) + `,` + jsonString(s+suffix) + `]}}]}`
		}},
		{"the token endpoint's JSON", "", "application/json;charset=UTF-8", func(s string) string {
			return `{"error":"invalid_client","error_description":` + jsonString(prefix+s+suffix) + `}`
		}},
		{"a proxy's text", "create OATH token \"F1\"", "text/plain", func(s string) string {
			return prefix + s + suffix
		}},
		{"a proxy echoing the request", "create OATH token \"F1\"", "text/plain", func(s string) string {
			return prefix + `{"serialNumber":"F1","secret":"` + s + `","type":"HOTP"}` + suffix
		}},
	}
	needle := secret[:8]
	for _, a := range answers {
		header := http.Header{"Content-Type": {a.contentType}}
		control := decodeError(a.op, status, header, []byte(a.body("*")))
		control.redact(secret)
		if strings.Contains(control.Error(), needle) {
			continue // The fixed text holds these characters anyway.
		}
		e := decodeError(a.op, status, header, []byte(a.body(secret)))
		e.redact(secret)
		if msg := e.Error(); strings.Contains(msg, needle) {
			t.Fatalf("%s: the redacted error shows the secret %q (or its start): %q", a.what, secret, msg)
		}
	}
}
