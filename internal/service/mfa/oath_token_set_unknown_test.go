package mfa_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/oathtokens/terraform-provider-pingone/internal/acctest"
)

// TestAccOATHTokenSet_UnknownValues feeds every argument of a set from terraform_data outputs,
// unknown while planning: the tokens map, a token's settings, the seeds, the environment, the
// batch size and the guard. At create the plan keeps them unknown; when one input changes, the
// plan shows the change and the apply does exactly what the known values ask.
func TestAccOATHTokenSet_UnknownValues(t *testing.T) {
	e := acctest.StartEmulator(t)
	env := e.Info.EnvironmentID
	other := e.SecondEnvironment(t, "its last step moves the whole set to another environment")
	sn := e.Serial
	config := func(envID string, serials []string, digits, batch int, allow bool) string {
		tokens, seeds := "", ""
		for _, s := range serials {
			tokens += fmt.Sprintf("      %q = { type = \"HOTP\", otp_length = %d }\n", s, digits)
			seeds += fmt.Sprintf("      %q = %q\n", s, seedFor(s))
		}
		return e.ProviderConfig() + fmt.Sprintf(`
resource "terraform_data" "env" {
  input = %q
}

resource "terraform_data" "in" {
  input = {
    tokens = {
%s    }
    secrets = {
%s    }
    batch_size = %d
    allow      = %t
  }
}

resource "pingone_oath_token_set" "test" {
  environment_id           = terraform_data.env.output
  tokens                   = terraform_data.in.output.tokens
  secrets                  = terraform_data.in.output.secrets
  batch_size               = terraform_data.in.output.batch_size
  allow_revoke_when_paired = terraform_data.in.output.allow
}
`, envID, tokens, seeds, batch, allow)
	}
	update, replace := plancheck.ResourceActionUpdate, plancheck.ResourceActionReplace
	three := []string{sn("UNK1"), sn("UNK2"), sn("UNK3")}
	step := func(cfg string, action plancheck.ResourceActionType, unknown, env string, serials ...string) resource.TestStep {
		return resource.TestStep{
			Config: cfg,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(setAddr, action),
				plancheck.ExpectUnknownValue(setAddr, tfjsonpath.New(unknown)),
			}},
			Check: holds(e, env, serials...),
		}
	}
	resource.ParallelTest(t, setCase(t, e, []string{env, other},
		step(config(env, []string{sn("UNK1"), sn("UNK2")}, 6, 1000, false), plancheck.ResourceActionCreate, "tokens", env,
			sn("UNK1"), sn("UNK2")),
		// A serial number added while the map is unknown.
		step(config(env, three, 6, 1000, false), update, "tokens", env, three...),
		// Only Terraform-side values change: the apply finds the tokens as they were.
		step(config(env, three, 6, 2, true), update, "batch_size", env, three...),
		// A setting of every token changes.
		step(config(env, three, 8, 2, true), update, "tokens", env, three...),
		// The environment becomes unknown and then another: the whole set moves. (Its
		// terraform_data is its own, so that only this step makes it unknown.)
		step(config(other, three, 8, 2, true), replace, "environment_id", other, three...),
	))
}
