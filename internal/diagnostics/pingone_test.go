package diagnostics

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/oathtokens/terraform-provider-pingone/internal/pingone"
)

func TestDetail_PingOneError(t *testing.T) {
	err := fmt.Errorf("wrapped: %w", &pingone.Error{
		HTTPStatus: 400, ID: "6c796712-0f16-4062-815a-e0a92f4a2143", Code: "INVALID_DATA",
		Message:   "One or more validation errors were in the request.",
		Operation: "create OATH token",
		Details: []pingone.ErrorDetail{{
			Code: "INVALID_VALUE", Target: "otpLength", Message: "must be 6 or 8", AllowedValues: []string{"6", "8"},
		}},
	})
	got := Detail(err, "Check otp_length.")
	for _, want := range []string{
		"PingOne answered HTTP 400 INVALID_DATA: One or more validation errors",
		"INVALID_VALUE on otpLength: must be 6 or 8 (allowed values: 6, 8)",
		"PingOne error ID: 6c796712-0f16-4062-815a-e0a92f4a2143",
		"Operation: create OATH token",
		"Check otp_length.",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("detail lacks %q:\n%s", want, got)
		}
	}
}

func TestDetail_OtherError(t *testing.T) {
	got := Detail(errors.New("dial tcp: connection refused"), "")
	if got != "dial tcp: connection refused" {
		t.Errorf("detail = %q", got)
	}
	if d := APIError("Read OATH token failed", errors.New("boom"), "hint"); d.Summary() != "Read OATH token failed" || !strings.HasSuffix(d.Detail(), "hint") {
		t.Errorf("diagnostic = %q / %q", d.Summary(), d.Detail())
	}
}
