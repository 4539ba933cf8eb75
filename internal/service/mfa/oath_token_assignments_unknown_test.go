package mfa_test

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/oathtokens/terraform-provider-pingone/internal/acctest"
)

// TestAccOATHTokenAssignments_UnknownValues feeds every argument from terraform_data outputs,
// unknown while planning, as user IDs from another resource or data source are: the environment,
// the assignments, the seeds and parallelism. The plan keeps them unknown, with the devices; the
// apply pairs and activates exactly what the values say. When one user changes, the assignments
// are unknown again, and the apply moves that serial number alone.
func TestAccOATHTokenAssignments_UnknownValues(t *testing.T) {
	e := acctest.StartEmulator(t)
	env := e.Info.EnvironmentID
	a, b := e.Serial("UNKA"), e.Serial("UNKB")
	consoleTokens(t, e, pingoneHOTP(a, 0), pingoneHOTP(b, 0))
	users := createUsers(t, e, "ua", "ub", "uc")
	config := func(holders map[string]string) string {
		var in strings.Builder
		for _, serial := range slices.Sorted(maps.Keys(holders)) {
			fmt.Fprintf(&in, "      %q = %q\n", serial, holders[serial])
		}
		return e.ProviderConfig() + fmt.Sprintf(`
resource "terraform_data" "env" {
  input = %q
}

resource "terraform_data" "in" {
  input = {
    users = {
%s    }
    seeds = {
      %q = %q
    }
    parallelism = 2
  }
}

resource "pingone_oath_token_assignments" "test" {
  environment_id     = terraform_data.env.output
  assignments        = terraform_data.in.output.users
  activation_secrets = terraform_data.in.output.seeds
  parallelism        = terraform_data.in.output.parallelism
}
`, env, in.String(), a, seedSHA1)
	}
	unknown := func(names ...string) []plancheck.PlanCheck {
		var out []plancheck.PlanCheck
		for _, name := range names {
			out = append(out, plancheck.ExpectUnknownValue(assignmentsAddr, tfjsonpath.New(name)))
		}
		return out
	}
	var deviceOfA string
	resource.ParallelTest(t, assignmentsCase(t, e, []string{a, b}, users,
		resource.TestStep{
			Config: config(map[string]string{a: users[0], b: users[1]}),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: append(unknown("environment_id", "assignments",
				"activation_secrets", "parallelism", "devices"), plancheck.ExpectResourceAction(assignmentsAddr, plancheck.ResourceActionCreate))},
			Check: resource.ComposeAggregateTestCheckFunc(
				holding(t, e, a, users[0], "ACTIVE"), holding(t, e, b, users[1], "ACTIVATION_REQUIRED"), counterAt(t, e, a, 1),
				func(s *terraform.State) error {
					deviceOfA = s.RootModule().Resources[assignmentsAddr].Primary.Attributes["devices."+a+".id"]
					return nil
				},
			),
		},
		resource.TestStep{
			Config: config(map[string]string{a: users[0], b: users[2]}),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: append(unknown("assignments", "devices"),
				plancheck.ExpectResourceAction(assignmentsAddr, plancheck.ResourceActionUpdate))},
			Check: resource.ComposeAggregateTestCheckFunc(
				holding(t, e, a, users[0], "ACTIVE"), holding(t, e, b, users[2], "ACTIVATION_REQUIRED"), counterAt(t, e, a, 1),
				func(s *terraform.State) error {
					if got := s.RootModule().Resources[assignmentsAddr].Primary.Attributes["devices."+a+".id"]; got != deviceOfA {
						return fmt.Errorf("%s was paired anew, but its user did not change", a)
					}
					if devices := userDevices(t, e, users[1]); len(devices) != 0 {
						return fmt.Errorf("the second user still holds %+v", devices)
					}
					return nil
				},
			),
		},
		resource.TestStep{
			Config:           config(map[string]string{a: users[0], b: users[2]}),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
		},
	))
}
