package mfa_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/oathtokens/terraform-provider-pingone/internal/acctest"
)

// tokenSpec is one token configuration, so that each step below changes exactly one thing.
type tokenSpec struct {
	env, serial, tokenType, secret, hash, extra string
	length                                      int
}

func (s tokenSpec) config(e *acctest.Emulator) string {
	hash := "null"
	if s.hash != "" {
		hash = fmt.Sprintf("%q", s.hash)
	}
	return e.ProviderConfig() + fmt.Sprintf(`
resource "pingone_oath_token" "test" {
  environment_id = %q
  serial_number  = %q
  type           = %q
  otp_length     = %d
  secret         = %q
  hash_algorithm = %s
%s
}
`, s.env, s.serial, s.tokenType, s.length, s.secret, hash, s.extra)
}

func replaces(e *acctest.Emulator, spec tokenSpec) resource.TestStep {
	return resource.TestStep{
		Config: spec.config(e),
		ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
			plancheck.ExpectResourceAction(tokenAddr, plancheck.ResourceActionReplace),
		}},
	}
}

// TestAccOATHToken_ReplacingChanges changes every PingOne setting in turn: each one plans a
// replacement, because PingOne has no update for OATH tokens.
func TestAccOATHToken_ReplacingChanges(t *testing.T) {
	e := acctest.StartEmulator(t)
	otherEnv := e.SecondEnvironment(t, "its last change moves the token to another environment")

	hotp := tokenSpec{env: e.Info.EnvironmentID, serial: e.Serial("REPL1"), tokenType: "HOTP", secret: seedSHA1, length: 6}
	serial := hotp
	serial.serial = e.Serial("REPL2")
	length := serial
	length.length = 8
	secret := length
	secret.secret = seedSHA256
	counter := secret
	counter.extra = "hotp = { counter = 7 }"
	totp := counter
	totp.tokenType, totp.extra = "TOTP", "totp = { time_step = 30 }"
	hash := totp
	hash.hash = "HmacSHA256"
	step := hash
	step.extra = "totp = { time_step = 60 }"
	env := step
	env.env = otherEnv

	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{Config: hotp.config(e)},
			replaces(e, serial),
			replaces(e, length),
			replaces(e, secret),
			replaces(e, counter),
			replaces(e, totp),
			replaces(e, hash),
			replaces(e, step),
			replaces(e, env),
			{
				// Terraform-side settings update in place and never call PingOne.
				PreConfig: e.ResetCounters,
				Config:    tokenSpec{env: otherEnv, serial: e.Serial("REPL2"), tokenType: "TOTP", secret: seedSHA256, length: 8, hash: "HmacSHA256", extra: "totp = { time_step = 60 }\nallow_revoke_when_paired = true\ntimeouts {\n delete = \"3m\"\n}"}.config(e),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(tokenAddr, plancheck.ResourceActionUpdate),
				}},
				Check: onlyRefreshes(e),
			},
		},
	})
	if got := serialsHeld(e, e.Info.EnvironmentID); len(got) != 0 {
		t.Errorf("replaced tokens left behind: %v", got)
	}
	if got := serialsHeld(e, otherEnv); len(got) != 0 {
		t.Errorf("tokens left behind in the second environment: %v", got)
	}
}
