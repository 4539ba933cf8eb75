package pingone

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestDecodeErrorInvalidData(t *testing.T) {
	body := `{"id":"6c796712-0f16-4062-815a-e0a92f4a2143","code":"INVALID_DATA",
	 "message":"The request could not be completed. One or more validation errors were in the request.",
	 "details":[{"code":"INVALID_VALUE","target":"otpLength","message":"must be 6 or 8","innerError":{"allowedValues":["6","8"]}},
	            {"code":"REQUIRED_VALUE","target":"secret","message":"required"},
	            {"code":"OUT_OF_RANGE","target":"totp.timeStep","message":"30 or 60","innerError":{"allowedValues":[30,60]}}]}`
	e := decodeError("create OATH token \"SN1\"", 400, http.Header{"Content-Type": {"application/json"}}, []byte(body))
	if e.HTTPStatus != 400 || e.Code != "INVALID_DATA" || e.ID != "6c796712-0f16-4062-815a-e0a92f4a2143" || len(e.Details) != 3 {
		t.Fatalf("decoded %+v", e)
	}
	if !slices.Equal(e.Details[0].AllowedValues, []string{"6", "8"}) || !slices.Equal(e.Details[2].AllowedValues, []string{"30", "60"}) {
		t.Fatalf("allowed values: %+v", e.Details)
	}
	msg := e.Error()
	for _, want := range []string{`create OATH token "SN1"`, "HTTP 400", "INVALID_DATA", "validation errors",
		"otpLength: must be 6 or 8", "allowed values: 6, 8", "secret: required", "totp.timeStep", "6c796712-0f16-4062-815a-e0a92f4a2143"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message lacks %q: %s", want, msg)
		}
	}
	if !IsInvalidValue(e) || IsDuplicate(e) || IsNotFound(e) {
		t.Errorf("predicates wrong for %s", msg)
	}
}

func TestDecodeErrorRows(t *testing.T) {
	// One row per line of the reference's error table.
	tests := []struct {
		status      int
		contentType string
		body        string
		retryAfter  string
		code        string
		inMessage   string
		is          func(error) bool
	}{
		{400, "application/json", `{"id":"e1","code":"INVALID_DATA","message":"dup","details":[{"code":"UNIQUENESS_VIOLATION","target":"serialNumber","message":"exists"}]}`, "", "INVALID_DATA", "serialNumber: exists", IsDuplicate},
		{400, "application/json", `{"id":"e1b","code":"INVALID_DATA","message":"bad otp","details":[{"code":"INVALID_OTP","target":"otps","message":"wrong"}]}`, "", "INVALID_DATA", "otps: wrong", IsInvalidValue},
		{401, "application/json", `{"id":"e2","code":"ACCESS_FAILED","message":"no access","details":[{"code":"INVALID_TOKEN","message":"expired"}]}`, "", "ACCESS_FAILED", "[expired (INVALID_TOKEN)]", IsUnauthorized},
		{403, "application/json", `{"id":"e3","code":"ACCESS_FAILED","message":"forbidden","details":[{"code":"INSUFFICIENT_PERMISSIONS","message":"no role"}]}`, "", "ACCESS_FAILED", "no role", IsForbidden},
		{404, "application/json", `{"id":"e4","code":"NOT_FOUND","message":"Unable to find oathToken"}`, "", "NOT_FOUND", "Unable to find", IsNotFound},
		{415, "application/json", `{"id":"e5","code":"INVALID_REQUEST","message":"Content-Type not supported"}`, "", "INVALID_REQUEST", "Content-Type", nil},
		{429, "application/json", `{"id":"e6","code":"REQUEST_LIMITED","message":"slow down","details":[{"code":"LIMIT_EXCEEDED","message":"too many"}]}`, "2", "REQUEST_LIMITED", "[retry after 2s]", IsRateLimited},
		{500, "application/json", `{"id":"e7","code":"UNEXPECTED_ERROR","message":"oops"}`, "", "UNEXPECTED_ERROR", "oops", nil},
		{502, "text/html", `<html><body><h1>502 Bad Gateway</h1></body></html>`, "", "", "Bad Gateway (an HTML page", nil},
		{503, "", ``, "1", "", "Service Unavailable [retry after 1s]", nil},
		{504, "text/plain", "upstream request timeout\n", "", "", "upstream request timeout", nil},
		{401, "application/json", `{"error":"invalid_client","error_description":"Request denied"}`, "", "invalid_client", "Request denied", IsUnauthorized},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%d_%s", tt.status, tt.code), func(t *testing.T) {
			h := http.Header{}
			if tt.contentType != "" {
				h.Set("Content-Type", tt.contentType)
			}
			if tt.retryAfter != "" {
				h.Set("Retry-After", tt.retryAfter)
			}
			e := decodeError("op", tt.status, h, []byte(tt.body))
			if e.HTTPStatus != tt.status || e.Code != tt.code {
				t.Fatalf("decoded %+v", e)
			}
			if !strings.Contains(e.Error(), tt.inMessage) || !strings.Contains(e.Error(), fmt.Sprintf("HTTP %d", tt.status)) {
				t.Fatalf("message %q lacks %q", e.Error(), tt.inMessage)
			}
			if tt.retryAfter != "" && e.RetryAfter == 0 {
				t.Fatal("RetryAfter not decoded")
			}
			if tt.is != nil && !tt.is(fmt.Errorf("wrapped: %w", e)) {
				t.Fatalf("predicate false for %s", e)
			}
		})
	}
}

func TestPredicatesOnOtherErrors(t *testing.T) {
	for _, err := range []error{nil, errors.New("plain"), fmt.Errorf("x: %w", errors.New("y"))} {
		if IsNotFound(err) || IsDuplicate(err) || IsUnauthorized(err) || IsForbidden(err) || IsRateLimited(err) || IsInvalidValue(err) {
			t.Errorf("predicate true for %v", err)
		}
	}
	notFound := &Error{Operation: "find", Code: "NOT_FOUND", Message: "none", NotFound: true}
	if !IsNotFound(notFound) || strings.Contains(notFound.Error(), "HTTP") {
		t.Errorf("search miss: %v", notFound)
	}
}

func TestRedact(t *testing.T) {
	e := &Error{Message: "secret 3132333435363738 is not valid", Details: []ErrorDetail{{Message: "value 3132333435363738 rejected", AllowedValues: []string{"3132333435363738"}}}}
	e.redact("3132333435363738", "", "short")
	if strings.Contains(e.Error(), "3132333435363738") {
		t.Fatalf("not redacted: %s", e)
	}
}

// TestRedactRepeatingSecret: a secret of one repeated digit inside a longer run of that digit
// leaves none of the run showing, since which digits were the secret cannot be told (found by
// FuzzDecodeError), while the text around the run stays.
func TestRedactRepeatingSecret(t *testing.T) {
	secret := strings.Repeat("0", 64)
	got := redactText("&00000001"+strings.Repeat("0", 74)+"100000", secret)
	if got != "&00000001"+masked+"100000" {
		t.Errorf("redactText = %q, want the whole run of zeros masked", got)
	}
	other := redactText("id 12345678 then "+secret+" then 12345678", secret)
	if other != "id 12345678 then "+masked+" then 12345678" {
		t.Errorf("redactText = %q, want only the secret masked", other)
	}
}

// TestRedactShortSecrets masks seeds of a few hex digits, valid in PingOne, wherever they stand as
// a value, in either case, while ordinary words that contain the same letters stay readable.
func TestRedactShortSecrets(t *testing.T) {
	e := &Error{
		Message: `secret "ab" is unable to be used; AB again`,
		Details: []ErrorDetail{{Message: "value 0a1b rejected", AllowedValues: []string{"0A1B"}}},
	}
	e.redact("ab", "0a1b")
	got := e.Error()
	for _, leak := range []string{`"ab"`, "AB again", "0a1b", "0A1B"} {
		if strings.Contains(got, leak) {
			t.Errorf("the error shows %q: %s", leak, got)
		}
	}
	if !strings.Contains(got, "unable") {
		t.Errorf("an ordinary word was masked: %s", got)
	}
	truncated := redactText("the request was {\"secret\":\"0a"+truncatedMark, "0a1b")
	if strings.Contains(truncated, "0a") {
		t.Errorf("the start of a cut-off short secret shows: %s", truncated)
	}
}

func TestErrorRetryAfterField(t *testing.T) {
	e := decodeError("op", 429, http.Header{"Retry-After": {time.Now().Add(3 * time.Second).UTC().Format(http.TimeFormat)}}, nil)
	if e.RetryAfter < time.Second || e.RetryAfter > 3*time.Second {
		t.Fatalf("RetryAfter from a date: %s", e.RetryAfter)
	}
}
