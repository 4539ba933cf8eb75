package mfa

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParseImportID feeds parseImportID any string a user could type after `terraform import`.
// It never panics; it accepts exactly the IDs an independent reading of the rules accepts
// (an environment UUID, a slash, and a token UUID or 1 to 50 ASCII letters and digits); what
// it accepts comes back whole, nothing trimmed, changed or dropped; and what it refuses gets an
// error that quotes the input and shows both accepted formats.
//
// The seed corpus is in testdata/fuzz/FuzzParseImportID: both formats, the limits of the serial
// number, look-alike characters (non-ASCII digits, a trailing newline, NUL, an encoded slash)
// and malformed environments. `go test` runs the seeds; `make fuzz-smoke` and `make fuzz`
// explore further.
func FuzzParseImportID(f *testing.F) {
	f.Fuzz(func(t *testing.T, raw string) {
		got, err := parseImportID(raw)
		wantEnv, wantRest, wellFormed := readImportID(raw)
		if err != nil {
			if wellFormed {
				t.Fatalf("parseImportID(%q) refused a well-formed ID: %v", raw, err)
			}
			msg := err.Error()
			if !strings.Contains(msg, fmt.Sprintf("%q", raw)) {
				t.Fatalf("the error does not quote the import ID %q: %s", raw, msg)
			}
			if !strings.Contains(msg, "environment_id/oath_token_id") || !strings.Contains(msg, "environment_id/serial_number") {
				t.Fatalf("the error does not show both formats: %s", msg)
			}
			if !utf8.ValidString(msg) {
				t.Fatalf("the error is not valid UTF-8: %q", msg)
			}
			return
		}
		if !wellFormed {
			t.Fatalf("parseImportID(%q) accepted a malformed ID as %+v", raw, got)
		}
		if got.EnvironmentID != wantEnv {
			t.Fatalf("parseImportID(%q) environment = %q, want %q", raw, got.EnvironmentID, wantEnv)
		}
		switch {
		case got.TokenID != "" && got.SerialNumber != "":
			t.Fatalf("parseImportID(%q) = %+v: both a token ID and a serial number", raw, got)
		case got.TokenID != "":
			if !isUUID(got.TokenID) || got.TokenID != wantRest {
				t.Fatalf("parseImportID(%q) token ID = %q, want the UUID %q", raw, got.TokenID, wantRest)
			}
		case got.SerialNumber != "":
			if isUUID(got.SerialNumber) || got.SerialNumber != wantRest {
				t.Fatalf("parseImportID(%q) serial number = %q, want %q", raw, got.SerialNumber, wantRest)
			}
		default:
			t.Fatalf("parseImportID(%q) = %+v: neither a token ID nor a serial number", raw, got)
		}
	})
}

// readImportID is the rule written independently of the parser: the environment's UUID, one
// slash, then a token's UUID or a serial number of 1 to 50 ASCII letters and digits. UUIDs come
// back in PingOne's lowercase form; serial numbers exactly as given.
func readImportID(raw string) (env, rest string, ok bool) {
	env, rest, found := strings.Cut(raw, "/")
	if !found || !isUUID(env) {
		return "", "", false
	}
	env = strings.ToLower(env)
	if isUUID(rest) {
		return env, strings.ToLower(rest), true
	}
	if len(rest) < 1 || len(rest) > 50 {
		return "", "", false
	}
	for i := 0; i < len(rest); i++ {
		if !isDigit(rest[i]) && !isLetter(rest[i]) {
			return "", "", false
		}
	}
	return env, rest, true
}

// isUUID checks the 8-4-4-4-12 hexadecimal shape byte by byte.
func isUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !isDigit(c) && !isHexLetter(c) {
				return false
			}
		}
	}
	return true
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

func isHexLetter(c byte) bool { return 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' }
