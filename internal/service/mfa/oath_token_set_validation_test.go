package mfa_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/oathtokens/terraform-provider-pingone/internal/acctest"
)

// TestAccOATHTokenSet_BadInput refuses every kind of bad row at plan time, naming the token and
// the attribute with the allowed values, never quoting a seed, and without one call to PingOne.
func TestAccOATHTokenSet_BadInput(t *testing.T) {
	e := acctest.StartEmulator(t)
	env := e.Info.EnvironmentID
	secretSeed := "0a1b2c3d4e5f0a1b2c3"
	cases := []struct {
		name, tokens, seeds string
		want                []string
	}{
		{"otp length", `"BAD1" = { type = "HOTP", otp_length = 7 }`, `"BAD1" = "3132"`,
			[]string{`tokens["BAD1"].otp_length must be 6 or 8; got 7`}},
		{"type", `"BAD1" = { type = "SMS", otp_length = 6 }`, `"BAD1" = "3132"`,
			[]string{`tokens["BAD1"].type must be`, "`HOTP`, `TOTP`", `got "SMS"`}},
		{"HOTP with SHA-256", `"BAD1" = { type = "HOTP", otp_length = 6, hash_algorithm = "HmacSHA256" }`, `"BAD1" = "3132"`,
			[]string{"HOTP tokens support only HmacSHA1", `tokens["BAD1"].hash_algorithm`}},
		{"TOTP without totp", `"BAD1" = { type = "TOTP", otp_length = 6 }`, `"BAD1" = "3132"`,
			[]string{"TOTP tokens need totp", `tokens["BAD1"].totp is required`}},
		{"time step", `"BAD1" = { type = "TOTP", otp_length = 6, totp = { time_step = 45 } }`, `"BAD1" = "3132"`,
			[]string{`tokens["BAD1"].totp.time_step must be 30 or 60 seconds; got 45`}},
		{"negative counter", `"BAD1" = { type = "HOTP", otp_length = 6, hotp = { counter = -1 } }`, `"BAD1" = "3132"`,
			[]string{`tokens["BAD1"].hotp.counter must be 0 or more`}},
		{"serial number", `"BAD-1" = { type = "HOTP", otp_length = 6 }`, `"BAD-1" = "3132"`,
			[]string{`"BAD-1" in tokens must be 1 to 50 letters and digits`}},
		{"odd seed", `"BAD1" = { type = "HOTP", otp_length = 6 }`, fmt.Sprintf(`"BAD1" = %q`, secretSeed),
			[]string{"Invalid OATH token secret", "The seed of BAD1 in secrets", "odd number of digits"}},
		{"seed missing", `"BAD1" = { type = "HOTP", otp_length = 6 }
    "BAD2" = { type = "HOTP", otp_length = 6 }`, `"BAD1" = "3132"`,
			[]string{"secrets holds no seed for 1 serial number of tokens: BAD2"}},
		{"seed for no token", `"BAD1" = { type = "HOTP", otp_length = 6 }`, `"BAD1" = "3132"
    "BAD9" = "3132"`, []string{"secrets holds seeds for 1 serial number that tokens does not have: BAD9"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			config := e.ProviderConfig() + fmt.Sprintf(`
resource "pingone_oath_token_set" "test" {
  environment_id = %q
  tokens = {
    %s
  }
  secrets = {
    %s
  }
}
`, env, tc.tokens, tc.seeds)
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: acctest.ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      config,
					PlanOnly:    true,
					ExpectError: wrapped(tc.want...),
				}},
			})
		})
	}
	t.Run("many bad rows", func(t *testing.T) {
		var rows, seeds strings.Builder
		for i := range 30 {
			fmt.Fprintf(&rows, "    \"MANY%d\" = { type = \"HOTP\", otp_length = 9 }\n", i)
			fmt.Fprintf(&seeds, "    \"MANY%d\" = \"3132\"\n", i)
		}
		resource.ParallelTest(t, resource.TestCase{
			PreCheck:                 func() { acctest.PreCheck(t) },
			ProtoV6ProviderFactories: acctest.ProviderFactories,
			Steps: []resource.TestStep{{
				Config: e.ProviderConfig() + fmt.Sprintf("resource \"pingone_oath_token_set\" \"test\" {\n  environment_id = %q\n"+
					"  tokens = {\n%s  }\n  secrets = {\n%s  }\n}\n", env, rows.String(), seeds.String()),
				PlanOnly:    true,
				ExpectError: wrapped("More problems in the tokens", "10 more problems were found and are not shown"),
			}},
		})
	})
	// The subtests run in parallel after this function returns; the count is taken after them.
	t.Cleanup(func() {
		if e.CanCheck("bad input makes no call to PingOne") && e.Counters().Total != 0 {
			t.Errorf("bad input made %d calls to PingOne, want 0: %v", e.Counters().Total, e.Counters().Requests)
		}
	})
}

// TestAccOATHTokenSet_RefusesExistingSerials fails the plan for a serial number that PingOne
// already holds, naming the token and the way to import it, before anything is created.
func TestAccOATHTokenSet_RefusesExistingSerials(t *testing.T) {
	e := acctest.StartEmulator(t)
	env := e.Info.EnvironmentID
	taken := e.Serial("TAKEN1")
	consoleLoad(t, e, env, []setRow{totpRow(taken)})
	spec := setSpec{env: env, rows: []setRow{totpRow(e.Serial("FREE1")), totpRow(taken), totpRow(e.Serial("FREE2"))}}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      spec.config(e),
			ExpectError: wrapped("OATH token already exists", "serial number "+taken, "which this set does not manage", "import block"),
		}},
	})
	if got := serialsHeld(e, env); fmt.Sprint(got) != fmt.Sprint([]string{taken}) {
		t.Errorf("PingOne holds %v after the refused plan, want only [%s]", got, taken)
	}
	if e.CanCheck("the refused plan submitted no job") && e.APICalls(routeJobs) != 0 {
		t.Errorf("the refused plan submitted %d jobs", e.APICalls(routeJobs))
	}
}
