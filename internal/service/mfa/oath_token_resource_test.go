package mfa_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/oathtokens/terraform-provider-pingone/internal/acctest"
)

var (
	uuidPattern      = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)
	timestampPattern = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$`)
)

func TestAccOATHToken_HOTPFull(t *testing.T) {
	e := acctest.StartEmulator(t)
	serial := e.Serial("HOTPFULL1")
	resource.ParallelTest(t, testCase(t, e, resource.TestStep{
		Config: hotpConfig(e, serial, `
  hash_algorithm = "HmacSHA1"
  hotp = {
    counter = 42
  }
  timeouts {
    create = "2m"
  }`),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue(tokenAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(uuidPattern)),
			statecheck.ExpectKnownValue(tokenAddr, tfjsonpath.New("environment_id"), knownvalue.StringExact(e.Info.EnvironmentID)),
			statecheck.ExpectKnownValue(tokenAddr, tfjsonpath.New("type"), knownvalue.StringExact("HOTP")),
			statecheck.ExpectKnownValue(tokenAddr, tfjsonpath.New("otp_length"), knownvalue.Int64Exact(6)),
			statecheck.ExpectKnownValue(tokenAddr, tfjsonpath.New("hash_algorithm"), knownvalue.StringExact("HmacSHA1")),
			statecheck.ExpectKnownValue(tokenAddr, tfjsonpath.New("hotp"), knownvalue.ObjectExact(map[string]knownvalue.Check{
				"counter": knownvalue.Int64Exact(42),
			})),
			statecheck.ExpectKnownValue(tokenAddr, tfjsonpath.New("totp"), knownvalue.Null()),
			statecheck.ExpectKnownValue(tokenAddr, tfjsonpath.New("created_at"), knownvalue.StringRegexp(timestampPattern)),
			statecheck.ExpectKnownValue(tokenAddr, tfjsonpath.New("updated_at"), knownvalue.StringRegexp(timestampPattern)),
			statecheck.ExpectKnownValue(tokenAddr, tfjsonpath.New("paired_devices"), knownvalue.ListSizeExact(0)),
			statecheck.ExpectKnownValue(tokenAddr, tfjsonpath.New("allow_revoke_when_paired"), knownvalue.Bool(false)),
			statecheck.ExpectSensitiveValue(tokenAddr, tfjsonpath.New("secret")),
		},
		Check: func(*terraform.State) error {
			token := tokenBySerial(t, e, e.Info.EnvironmentID, serial)
			if token.HOTP == nil || token.HOTP.Counter != 42 {
				return fmt.Errorf("PingOne holds counter %+v, want 42", token.HOTP)
			}
			return nil
		},
	}, resource.TestStep{
		// The same configuration again: nothing to do, and refresh costs one call per token.
		PreConfig: e.ResetCounters,
		Config: hotpConfig(e, serial, `
  hash_algorithm = "HmacSHA1"
  hotp = {
    counter = 42
  }
  timeouts {
    create = "2m"
  }`),
		ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
	}))
}

func TestAccOATHToken_HOTPMinimal(t *testing.T) {
	e := acctest.StartEmulator(t)
	resource.ParallelTest(t, testCase(t, e, resource.TestStep{
		Config: hotpConfig(e, e.Serial("HOTPMIN1"), ""),
		ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
			// The defaults are known at plan time, not "known after apply".
			plancheck.ExpectKnownValue(tokenAddr, tfjsonpath.New("hash_algorithm"), knownvalue.StringExact("HmacSHA1")),
			plancheck.ExpectKnownValue(tokenAddr, tfjsonpath.New("hotp").AtMapKey("counter"), knownvalue.Int64Exact(0)),
		}},
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue(tokenAddr, tfjsonpath.New("hash_algorithm"), knownvalue.StringExact("HmacSHA1")),
			statecheck.ExpectKnownValue(tokenAddr, tfjsonpath.New("hotp").AtMapKey("counter"), knownvalue.Int64Exact(0)),
		},
	}))
	if e.CanCheck("one create call") && e.APICalls("POST /v1/environments/{envID}/oathTokens") != 1 {
		t.Errorf("create calls = %d, want 1", e.APICalls("POST /v1/environments/{envID}/oathTokens"))
	}
}

func totpConfig(e *acctest.Emulator, serial, hash, secret string, step, length int) string {
	return e.ProviderConfig() + fmt.Sprintf(`
resource "pingone_oath_token" "test" {
  environment_id = %q
  serial_number  = %q
  type           = "TOTP"
  otp_length     = %d
  hash_algorithm = %s
  secret         = %q
  totp = {
    time_step = %d
  }
}
`, e.Info.EnvironmentID, serial, length, hash, secret, step)
}

func TestAccOATHToken_TOTP(t *testing.T) {
	cases := []struct {
		name, hash, want, secret string
		step                     int
	}{
		{"Minimal", "null", "HmacSHA1", seedSHA1, 30},
		{"SHA1Step60", `"HmacSHA1"`, "HmacSHA1", seedSHA1, 60},
		{"SHA256", `"HmacSHA256"`, "HmacSHA256", seedSHA256, 30},
		{"SHA512Step60", `"HmacSHA512"`, "HmacSHA512", seedSHA512, 60},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := acctest.StartEmulator(t)
			serial := e.Serial("TOTP" + tc.name)
			resource.ParallelTest(t, testCase(t, e, resource.TestStep{
				Config: totpConfig(e, serial, tc.hash, tc.secret, tc.step, 8),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(tokenAddr, tfjsonpath.New("hash_algorithm"), knownvalue.StringExact(tc.want)),
					statecheck.ExpectKnownValue(tokenAddr, tfjsonpath.New("totp"), knownvalue.ObjectExact(map[string]knownvalue.Check{
						"time_step": knownvalue.Int64Exact(int64(tc.step)),
						"drift":     knownvalue.Int64Exact(0),
					})),
					statecheck.ExpectKnownValue(tokenAddr, tfjsonpath.New("hotp"), knownvalue.Null()),
					statecheck.ExpectKnownValue(tokenAddr, tfjsonpath.New("otp_length"), knownvalue.Int64Exact(8)),
				},
			}))
		})
	}
}
