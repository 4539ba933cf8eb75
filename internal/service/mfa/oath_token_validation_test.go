package mfa_test

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/oathtokens/terraform-provider-pingone/internal/acctest"
)

// TestAccOATHToken_BadParameters plans each invalid configuration: each fails at plan time with
// a message that names the attribute and the allowed values, and none reaches PingOne.
func TestAccOATHToken_BadParameters(t *testing.T) {
	e := acctest.StartEmulator(t)
	env := e.Info.EnvironmentID
	base := map[string]string{
		"environment_id": fmt.Sprintf("%q", env),
		"serial_number":  `"BAD1"`,
		"type":           `"HOTP"`,
		"otp_length":     "6",
		"secret":         fmt.Sprintf("%q", seedSHA1),
	}
	cases := []struct {
		name string
		set  map[string]string
		want string
	}{
		{"empty serial", map[string]string{"serial_number": `""`}, `(?s)serial_number.*1 to 50 letters and digits`},
		{"serial with dash", map[string]string{"serial_number": `"AB-12"`}, `(?s)serial_number.*1 to 50 letters and digits`},
		{"serial too long", map[string]string{"serial_number": `"` + strings.Repeat("A", 51) + `"`}, `(?s)serial_number.*1 to 50 letters`},
		{"unknown type", map[string]string{"type": `"XOTP"`}, `(?s)type must be one of "HOTP" or "TOTP", got "XOTP"`},
		{"otp length 7", map[string]string{"otp_length": "7"}, `(?s)otp_length must be one of 6 or 8, got 7`},
		{"otp length as text", map[string]string{"otp_length": `"six"`}, `(?s)Incorrect attribute value type|Inappropriate value for attribute "otp_length"`},
		{"secret not hex", map[string]string{"secret": `"zz11"`}, `(?s)Invalid OATH token secret.*not hexadecimal`},
		{"secret odd length", map[string]string{"secret": `"abc"`}, `(?s)Invalid OATH token secret.*odd number of digits`},
		{"secret too long", map[string]string{"secret": `"` + strings.Repeat("ab", 101) + `"`}, `(?s)Invalid OATH token secret.*202 digits`},
		{"no secret", map[string]string{"secret": "null"}, `(?s)secret.*secret_wo`},
		{"write-only version without secret", map[string]string{"secret_wo_version": "1"}, `(?s)secret_wo`},
		{"unknown hash", map[string]string{"type": `"TOTP"`, "totp": "{ time_step = 30 }", "hash_algorithm": `"MD5"`},
			`(?s)hash_algorithm must be one of "HmacSHA1", "HmacSHA256" or\s+"HmacSHA512", got "MD5"`},
		{"HOTP with SHA-256", map[string]string{"hash_algorithm": `"HmacSHA256"`}, `(?s)HOTP tokens support only HmacSHA1`},
		{"HOTP with totp", map[string]string{"totp": "{ time_step = 30 }"}, `(?s)totp is only for TOTP tokens`},
		{"TOTP without totp", map[string]string{"type": `"TOTP"`}, `(?s)TOTP tokens need totp.*30 or 60`},
		{"TOTP with hotp", map[string]string{"type": `"TOTP"`, "totp": "{ time_step = 30 }", "hotp": "{ counter = 1 }"},
			`(?s)hotp is only for HOTP tokens`},
		{"time step 45", map[string]string{"type": `"TOTP"`, "totp": "{ time_step = 45 }"}, `(?s)totp.time_step must be one of 30 or 60 \(seconds\), got 45`},
		{"negative counter", map[string]string{"hotp": "{ counter = -1 }"}, `(?s)counter.*must be at least 0`},
		{"environment not a UUID", map[string]string{"environment_id": `"prod"`}, `(?s)Invalid PingOne ID.*environment_id`},
		{"unknown attribute", map[string]string{"flavor": `"blue"`}, `(?s)Unsupported argument.*flavor`},
		{"missing type", map[string]string{"type": ""}, `(?s)Missing required argument.*"type"`},
		{"computed id set", map[string]string{"id": `"x"`}, `(?s)Invalid Configuration for Read-Only Attribute|id.*read-only|Computed attributes cannot be set`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: acctest.ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      e.ProviderConfig() + tokenBlock(base, tc.set),
					PlanOnly:    true,
					ExpectError: regexp.MustCompile(tc.want),
				}},
			})
		})
	}
	t.Cleanup(func() {
		if e.CanCheck("invalid configurations make no API call") && e.Counters().Total != 0 {
			t.Errorf("invalid configurations made %d API calls, want 0: %v", e.Counters().Total, e.Counters().Requests)
		}
	})
}

// tokenBlock renders a resource block from base with set applied; an empty value removes the
// attribute.
func tokenBlock(base, set map[string]string) string {
	attrs := map[string]string{}
	for k, v := range base {
		attrs[k] = v
	}
	for k, v := range set {
		if v == "" {
			delete(attrs, k)
			continue
		}
		attrs[k] = v
	}
	var b strings.Builder
	b.WriteString("resource \"pingone_oath_token\" \"test\" {\n")
	for _, k := range sortedKeys(attrs) {
		fmt.Fprintf(&b, "  %s = %s\n", k, attrs[k])
	}
	b.WriteString("}\n")
	return b.String()
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
