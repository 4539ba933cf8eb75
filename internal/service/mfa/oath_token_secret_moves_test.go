package mfa_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/oathtokens/terraform-provider-pingone/internal/acctest"
)

// Seeds that share no digits with the RFC seeds or each other, so that stateLacks can tell them
// apart; seedLetters has hex letters, so that its case can change.
const (
	seedUnrelated = "00112233445566778899aabbccddeeff00112233"
	seedLetters   = "0a1b2c3d4e5f60718293a4b5c6d7e8f9fedcba98"
)

// secretConfig writes a TOTP token whose seed is given by the HCL of its secret attributes.
func secretConfig(e *acctest.Emulator, serial, secretHCL string) string {
	return e.ProviderConfig() + fmt.Sprintf(`
resource "terraform_data" "seed" {
  input = %q
}

resource "terraform_data" "version" {
  input = 3
}

resource "pingone_oath_token" "test" {
  environment_id = %q
  serial_number  = %q
  type           = "TOTP"
  otp_length     = 6
  totp = {
    time_step = 30
  }
%s
}
`, seedUnrelated, e.Info.EnvironmentID, serial, secretHCL)
}

// TestAccOATHToken_SecretMoves moves a token's seed between secret and secret_wo, and feeds
// both from unknown values. Moving to secret_wo with the same seed keeps the token and takes the
// seed out of the state; with another seed it replaces the token, because PingOne would keep the
// old one; moving back to secret keeps the token (it cannot be checked, and the plan warns). A
// seed or version that becomes unknown replaces the token.
func TestAccOATHToken_SecretMoves(t *testing.T) {
	e := acctest.StartEmulator(t)
	sameID := statecheck.CompareValue(compare.ValuesSame())
	differentID := statecheck.CompareValue(compare.ValuesDiffer())
	step := func(secretHCL string, action plancheck.ResourceActionType, checks ...statecheck.StateCheck) resource.TestStep {
		return resource.TestStep{
			Config:            secretConfig(e, e.Serial("SECRETMOVES"), secretHCL),
			ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(tokenAddr, action)}},
			ConfigStateChecks: checks,
		}
	}
	id := tfjsonpath.New("id")
	replace, update := plancheck.ResourceActionReplace, plancheck.ResourceActionUpdate
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		Steps: []resource.TestStep{
			step(fmt.Sprintf("secret = %q", seedLetters), plancheck.ResourceActionCreate, sameID.AddStateValue(tokenAddr, id)),
			// The same seed, write-only now: kept, and the seed leaves the state.
			step(fmt.Sprintf("secret_wo = %q\nsecret_wo_version = 1", seedLetters), update,
				sameID.AddStateValue(tokenAddr, id), stateLacks(seedLetters),
				statecheck.ExpectKnownValue(tokenAddr, tfjsonpath.New("secret"), knownvalue.Null())),
			// Back to secret: kept, taken on trust.
			step(fmt.Sprintf("secret = %q", seedLetters), update, sameID.AddStateValue(tokenAddr, id)),
			// The same seed in upper-case hex is the same seed: kept.
			step(fmt.Sprintf("secret = %q", strings.ToUpper(seedLetters)), update,
				sameID.AddStateValue(tokenAddr, id), differentID.AddStateValue(tokenAddr, id)),
			// To secret_wo with another seed: replaced.
			step(fmt.Sprintf("secret_wo = %q\nsecret_wo_version = 1", seedSHA256), replace,
				differentID.AddStateValue(tokenAddr, id), stateLacks(seedSHA256)),
			// The version from an unknown value: replaced.
			step("secret_wo = terraform_data.seed.output\nsecret_wo_version = terraform_data.version.output", replace,
				statecheck.ExpectKnownValue(tokenAddr, tfjsonpath.New("secret_wo_version"), knownvalue.Int64Exact(3)),
				stateLacks(seedUnrelated)),
			// Back to secret, from an unknown value: the state's seed is unknown to compare, so
			// the token is kept on trust (the state never held the write-only seed).
			step("secret = terraform_data.seed.output", update, stateLacks(seedSHA256)),
		},
	})
}

// TestAccOATHToken_SecretFromChangingResource is the configuration of a seed read from another
// resource that then changes: the plan must say replace, and the apply must succeed.
func TestAccOATHToken_SecretFromChangingResource(t *testing.T) {
	e := acctest.StartEmulator(t)
	config := func(seed string) string {
		return e.ProviderConfig() + fmt.Sprintf(`
resource "terraform_data" "seed" {
  input = %q
}

resource "pingone_oath_token" "test" {
  environment_id = %q
  serial_number  = %q
  type           = "HOTP"
  otp_length     = 6
  secret         = terraform_data.seed.output
}
`, seed, e.Info.EnvironmentID, e.Serial("SECRETCHANGE"))
	}
	differentID := statecheck.CompareValue(compare.ValuesDiffer())
	resource.ParallelTest(t, testCase(t, e,
		resource.TestStep{Config: config(seedSHA1), ConfigStateChecks: []statecheck.StateCheck{differentID.AddStateValue(tokenAddr, tfjsonpath.New("id"))}},
		resource.TestStep{
			Config: config(seedSHA256),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(tokenAddr, plancheck.ResourceActionReplace),
			}},
			ConfigStateChecks: []statecheck.StateCheck{differentID.AddStateValue(tokenAddr, tfjsonpath.New("id"))},
		},
	))
}
