package mfa

import (
	"strings"
	"testing"
	"time"

	"github.com/oathtokens/terraform-provider-pingone/internal/pingone"
)

const (
	testEnv   = "11111111-2222-3333-4444-555555555555"
	testToken = "66666666-7777-8888-9999-000000000000"
)

func TestParseImportID(t *testing.T) {
	cases := []struct {
		in      string
		want    importID
		wantErr string
	}{
		{in: testEnv + "/" + testToken, want: importID{EnvironmentID: testEnv, TokenID: testToken}},
		{in: testEnv + "/ABC123", want: importID{EnvironmentID: testEnv, SerialNumber: "ABC123"}},
		{in: testEnv + "/0123456789", want: importID{EnvironmentID: testEnv, SerialNumber: "0123456789"}},
		{in: "ABC123", wantErr: "should be in the format"},
		{in: testEnv + "/", wantErr: "should be in the format"},
		{in: "/ABC123", wantErr: "should be in the format"},
		{in: testEnv + "/A/B", wantErr: "should be in the format"},
		{in: "prod/ABC123", wantErr: "not an environment ID"},
		{in: testEnv + "/AB-12", wantErr: "neither an OATH token ID"},
		{in: testEnv + "/" + strings.Repeat("A", 51), wantErr: "neither an OATH token ID"},
	}
	for _, tc := range cases {
		got, err := parseImportID(tc.in)
		if tc.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("parseImportID(%q) error = %v, want one containing %q", tc.in, err, tc.wantErr)
			}
			if err != nil && !strings.Contains(err.Error(), "environment_id/serial_number") {
				t.Errorf("parseImportID(%q) error does not show both formats: %v", tc.in, err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("parseImportID(%q) = %+v, %v; want %+v", tc.in, got, err, tc.want)
		}
	}
}

func TestCreatedByRequest(t *testing.T) {
	started := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	in := pingone.OATHTokenCreate{SerialNumber: "S1", Type: "TOTP", OTPLength: 6, HashAlgorithm: "HmacSHA256",
		TOTP: &pingone.TOTPSettings{TimeStep: 30}}
	match := pingone.OATHToken{SerialNumber: "S1", Type: "TOTP", OTPLength: 6, HashAlgorithm: "HmacSHA256",
		TOTP: &pingone.TOTPSettings{TimeStep: 30}, CreatedAt: started.Add(time.Second)}
	if !createdByRequest(&match, in, started) {
		t.Error("the token the request asked for, made after it started, was not recognized")
	}
	skewed := match
	skewed.CreatedAt = started.Add(-time.Minute)
	if !createdByRequest(&skewed, in, started) {
		t.Error("a server clock a minute behind should still be recognized")
	}
	cases := map[string]func(*pingone.OATHToken){
		"made long before": func(tok *pingone.OATHToken) { tok.CreatedAt = started.Add(-time.Hour) },
		"other type":       func(tok *pingone.OATHToken) { tok.Type = "HOTP"; tok.TOTP = nil },
		"other length":     func(tok *pingone.OATHToken) { tok.OTPLength = 8 },
		"other hash":       func(tok *pingone.OATHToken) { tok.HashAlgorithm = "HmacSHA1" },
		"other time step":  func(tok *pingone.OATHToken) { tok.TOTP = &pingone.TOTPSettings{TimeStep: 60} },
	}
	for name, change := range cases {
		other := match
		change(&other)
		if createdByRequest(&other, in, started) {
			t.Errorf("%s: a token the request did not make would be adopted", name)
		}
	}
}
