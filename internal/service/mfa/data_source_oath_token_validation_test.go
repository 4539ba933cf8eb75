package mfa_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/oathtokens/terraform-provider-pingone/internal/acctest"
)

// TestAccOATHTokenDataSource_BadParameters plans each invalid configuration of both data
// sources: each fails at plan time with a message that names the attribute and the rule, and
// none reaches PingOne.
func TestAccOATHTokenDataSource_BadParameters(t *testing.T) {
	e := acctest.StartEmulator(t)
	env := `"` + e.Info.EnvironmentID + `"`
	const id = `"11111111-2222-3333-4444-555555555555"`
	cases := []struct {
		name, dataSource string
		set              map[string]string
		want             string
	}{
		{"id and serial", "pingone_oath_token", map[string]string{"environment_id": env, "oath_token_id": id, "serial_number": `"SN1"`},
			`(?s)Exactly one of these attributes must be configured.*\[oath_token_id,serial_number\]`},
		{"neither id nor serial", "pingone_oath_token", map[string]string{"environment_id": env},
			`(?s)Exactly one of these attributes must be configured.*\[oath_token_id,serial_number\]`},
		{"environment not a UUID", "pingone_oath_token", map[string]string{"environment_id": `"prod"`, "serial_number": `"SN1"`},
			`(?s)Invalid PingOne ID.*environment_id`},
		{"token ID not a UUID", "pingone_oath_token", map[string]string{"environment_id": env, "oath_token_id": `"SN1"`},
			`(?s)Invalid PingOne ID.*oath_token_id`},
		{"serial with dash", "pingone_oath_token", map[string]string{"environment_id": env, "serial_number": `"AB-12"`},
			`(?s)serial_number.*1 to 50 letters and digits`},
		{"serial too long", "pingone_oath_token", map[string]string{"environment_id": env, "serial_number": `"` + strings.Repeat("A", 51) + `"`},
			`(?s)serial_number.*1 to 50 letters`},
		{"read-only attribute set", "pingone_oath_token", map[string]string{"environment_id": env, "serial_number": `"SN1"`, "type": `"HOTP"`},
			`(?s)Invalid Configuration for Read-Only Attribute|type.*read-only|Computed attributes cannot be set`},
		{"missing environment", "pingone_oath_tokens", map[string]string{},
			`(?s)Missing required argument.*"environment_id"`},
		{"list environment not a UUID", "pingone_oath_tokens", map[string]string{"environment_id": `"prod"`},
			`(?s)Invalid PingOne ID.*environment_id`},
		{"unknown type", "pingone_oath_tokens", map[string]string{"environment_id": env, "type": `"XOTP"`},
			`(?s)type.*value must be one of.*HOTP.*TOTP`},
		{"bad serial in set", "pingone_oath_tokens", map[string]string{"environment_id": env, "serial_numbers": `["SN1", "AB-12"]`},
			`(?s)serial_numbers.*1 to 50 letters and digits`},
		{"paired as text", "pingone_oath_tokens", map[string]string{"environment_id": env, "paired": `"maybe"`},
			`(?s)Incorrect attribute value type|Inappropriate value for attribute "paired"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resource.ParallelTest(t, dataSourceCase(t, resource.TestStep{
				Config:      e.ProviderConfig() + dataBlock(tc.dataSource, tc.set),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(tc.want),
			}))
		})
	}
	t.Cleanup(func() {
		if e.CanCheck("invalid configurations make no API call") && e.Counters().Total != 0 {
			t.Errorf("invalid configurations made %d API calls, want 0: %v", e.Counters().Total, e.Counters().Requests)
		}
	})
}

func dataBlock(dataSource string, attrs map[string]string) string {
	var b strings.Builder
	b.WriteString("data \"" + dataSource + "\" \"test\" {\n")
	for _, k := range sortedKeys(attrs) {
		b.WriteString("  " + k + " = " + attrs[k] + "\n")
	}
	b.WriteString("}\n")
	return b.String()
}
