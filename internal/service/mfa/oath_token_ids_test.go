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
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/oathtokens/terraform-provider-pingone/internal/acctest"
)

// TestAccOATHToken_UpperCaseIDs uses IDs pasted in upper case, as they come from consoles and
// tickets. PingOne's IDs are UUIDs and name the same object in either case: the token is created
// in the right environment, refreshes find it, a change of case alone never replaces it, and an
// import by upper-case IDs matches it.
func TestAccOATHToken_UpperCaseIDs(t *testing.T) {
	e := acctest.StartEmulator(t)
	env := e.Info.EnvironmentID
	upper := strings.ToUpper(env)
	sameID := statecheck.CompareValue(compare.ValuesSame())
	config := func(envID string) string {
		return tokenSpec{env: envID, serial: e.Serial("UPPERIDS"), tokenType: "HOTP", secret: seedSHA1, length: 6}.config(e)
	}
	resource.ParallelTest(t, testCase(t, e,
		resource.TestStep{
			Config: config(upper),
			ConfigStateChecks: []statecheck.StateCheck{
				sameID.AddStateValue(tokenAddr, tfjsonpath.New("id")),
				statecheck.ExpectKnownValue(tokenAddr, tfjsonpath.New("environment_id"), knownvalue.StringExact(upper)),
			},
			Check: func(*terraform.State) error {
				if got := serialsHeld(e, env); len(got) != 1 || got[0] != e.Serial("UPPERIDS") {
					return fmt.Errorf("PingOne holds %v in the environment, want %s", got, e.Serial("UPPERIDS"))
				}
				return nil
			},
		},
		resource.TestStep{
			// A refresh by an upper-case environment ID finds the token: the plan is empty.
			Config:           config(upper),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
		},
		resource.TestStep{
			// Only the case changes: an in-place update of the state, no call to PingOne.
			PreConfig: e.ResetCounters,
			Config:    config(env),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(tokenAddr, plancheck.ResourceActionUpdate),
			}},
			ConfigStateChecks: []statecheck.StateCheck{sameID.AddStateValue(tokenAddr, tfjsonpath.New("id"))},
			Check:             onlyRefreshes(e),
		},
		resource.TestStep{
			ResourceName:            tokenAddr,
			ImportState:             true,
			ImportStateVerify:       true,
			ImportStateVerifyIgnore: []string{"secret"},
			ImportStateIdFunc: func(s *terraform.State) (string, error) {
				return upper + "/" + strings.ToUpper(s.RootModule().Resources[tokenAddr].Primary.ID), nil
			},
		},
	))
}
