package mfa_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/oathtokens/terraform-provider-pingone/internal/acctest"
	"github.com/oathtokens/terraform-provider-pingone/internal/pingone"
)

// consoleLoad creates tokens outside Terraform, as the admin console's import would, and uses
// the HOTP ones so that PingOne's counters move on.
func consoleLoad(t *testing.T, e *acctest.Emulator, env string, rows []setRow) map[string]string {
	t.Helper()
	ids := map[string]string{}
	for _, r := range rows {
		in := pingone.OATHTokenCreate{SerialNumber: r.serial, Secret: r.seed, Type: r.tokenType, OTPLength: r.length, HashAlgorithm: r.hash}
		if r.step != nil {
			in.TOTP = &pingone.TOTPSettings{TimeStep: *r.step}
		}
		token, err := e.Client(t).CreateOATHToken(context.Background(), env, in)
		if err != nil {
			t.Fatal(err)
		}
		ids[r.serial] = token.ID
		if r.tokenType == "HOTP" {
			resyncForward(t, e, token.ID, r.seed)
		}
	}
	return ids
}

// TestAccOATHTokenSet_Import takes tokens loaded through the console under a set with an import
// block: the plan imports and adopts the seeds, versions and counters, the apply creates and
// revokes nothing, and the next plan is empty.
func TestAccOATHTokenSet_Import(t *testing.T) {
	e := acctest.StartEmulator(t)
	env := e.Info.EnvironmentID
	spec := setSpec{env: env, writeOnly: false, rows: []setRow{hotpRow(e.Serial("CONS1")), totpRow(e.Serial("CONS2")), hotpRow(e.Serial("CONS3"))}}
	for i := range spec.rows {
		spec.rows[i].version = intp(1)
	}
	var ids map[string]string
	importBlock := fmt.Sprintf(`
import {
  to = pingone_oath_token_set.test
  id = "%s/%s"
}
`, strings.ToUpper(env), strings.Join(spec.serials(), ","))
	resource.ParallelTest(t, setCase(t, e, []string{env},
		resource.TestStep{
			PreConfig: func() { ids = consoleLoad(t, e, env, spec.rows); e.ResetCounters() },
			Config:    spec.config(e) + importBlock,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(setAddr, plancheck.ResourceActionUpdate),
			}},
			Check: resource.ComposeAggregateTestCheckFunc(
				func(*terraform.State) error { return calls(e, routeJobs, 0) },
				func(*terraform.State) error {
					if after := tokenIDs(t, e, env); fmt.Sprint(after) != fmt.Sprint(ids) {
						return fmt.Errorf("tokens changed by the import: before %v, after %v", ids, after)
					}
					return nil
				},
			),
		},
		resource.TestStep{
			Config:           spec.config(e),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
		},
	))
}

// TestAccOATHTokenSet_ImportEnvironment imports every token of an environment by its ID alone,
// and refuses an import of a serial number PingOne does not hold.
func TestAccOATHTokenSet_ImportEnvironment(t *testing.T) {
	acctest.NeedsOwnEnvironment(t, "imports every token of an environment by its ID alone")
	e := acctest.StartEmulator(t)
	env := e.CreateEnvironment(true)
	spec := setSpec{env: env, rows: []setRow{totpRow("ENVIMP1"), totpRow("ENVIMP2")}}
	resource.ParallelTest(t, setCase(t, e, []string{env},
		resource.TestStep{
			PreConfig: func() { consoleLoad(t, e, env, spec.rows) },
			Config: spec.config(e) + fmt.Sprintf(`
import {
  to = pingone_oath_token_set.test
  id = %q
}
`, env),
			Check: resource.TestCheckResourceAttr(setAddr, "tokens.%", "2"),
		},
		resource.TestStep{
			Config:           spec.config(e),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
		},
		resource.TestStep{
			ResourceName:  setAddr,
			ImportState:   true,
			ImportStateId: env + "/ENVIMP1,NOSUCH9",
			ExpectError:   wrapped("PingOne holds no OATH token in environment", "with these serial numbers: NOSUCH9"),
		},
		resource.TestStep{
			ResourceName:  setAddr,
			ImportState:   true,
			ImportStateId: env + "/ENVIMP1,BAD-SERIAL",
			ExpectError:   wrapped("Invalid import ID", `"BAD-SERIAL" is not a serial number`),
		},
	))
}
