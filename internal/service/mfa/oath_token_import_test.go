package mfa_test

import (
	"context"
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/oathtokens/terraform-provider-pingone/internal/acctest"
)

// TestAccOATHToken_Import imports by ID and by serial number, and checks the state matches the
// one the create wrote in everything but the secret, which PingOne never returns.
func TestAccOATHToken_Import(t *testing.T) {
	e := acctest.StartEmulator(t)
	env := e.Info.EnvironmentID
	serial := e.Serial("IMPORT1")
	config := totpConfig(e, serial, `"HmacSHA256"`, seedSHA256, 60, 8)
	resource.ParallelTest(t, testCase(t, e,
		resource.TestStep{Config: config},
		resource.TestStep{
			ResourceName:            tokenAddr,
			ImportState:             true,
			ImportStateVerify:       true,
			ImportStateVerifyIgnore: []string{"secret"},
			ImportStateIdFunc: func(s *terraform.State) (string, error) {
				return env + "/" + s.RootModule().Resources[tokenAddr].Primary.ID, nil
			},
		},
		resource.TestStep{
			ResourceName:            tokenAddr,
			ImportState:             true,
			ImportStateVerify:       true,
			ImportStateVerifyIgnore: []string{"secret"},
			ImportStateId:           env + "/" + serial,
		},
		resource.TestStep{ResourceName: tokenAddr, ImportState: true, ImportStateId: serial,
			ExpectError: regexp.MustCompile(`(?s)Invalid import ID.*environment_id/oath_token_id.*environment_id/serial_number`)},
		resource.TestStep{ResourceName: tokenAddr, ImportState: true, ImportStateId: "not-an-env/" + serial,
			ExpectError: regexp.MustCompile(`(?s)Invalid import ID.*not\s+an\s+environment\s+ID`)},
		resource.TestStep{ResourceName: tokenAddr, ImportState: true, ImportStateId: env + "/BAD-SERIAL!",
			ExpectError: regexp.MustCompile(`(?s)Invalid import ID.*neither\s+an\s+OATH\s+token\s+ID`)},
		resource.TestStep{ResourceName: tokenAddr, ImportState: true, ImportStateId: env + "/a/b",
			ExpectError: regexp.MustCompile(`(?s)Invalid import ID.*environment_id/serial_number`)},
	))
}

// TestAccOATHToken_ImportAdoptsSecretAndCounter imports a HOTP token that has been used (its
// server counter has moved on) with an import block: the configured secret and counter are
// adopted without replacing the token.
func TestAccOATHToken_ImportAdoptsSecretAndCounter(t *testing.T) {
	e := acctest.StartEmulator(t)
	env := e.Info.EnvironmentID
	ctx := context.Background()
	client := e.Client(t)
	serial := e.Serial("USED1")
	created, err := client.CreateOATHToken(ctx, env, pingoneHOTP(serial, 0))
	if err != nil {
		t.Fatal(err)
	}
	resyncForward(t, e, created.ID, seedSHA1)

	config := hotpConfig(e, serial, "hotp = { counter = 0 }") + fmt.Sprintf(`
import {
  to = pingone_oath_token.test
  id = "%s/%s"
}
`, env, serial)
	resource.ParallelTest(t, testCase(t, e,
		resource.TestStep{
			Config: config,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(tokenAddr, plancheck.ResourceActionUpdate),
				plancheck.ExpectKnownValue(tokenAddr, tfjsonpath.New("id"), knownvalue.StringExact(created.ID)),
			}},
		},
		resource.TestStep{
			Config:           config,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
		},
		resource.TestStep{
			// After adoption a changed counter replaces the token again, as for any token.
			Config: hotpConfig(e, serial, "hotp = { counter = 3 }"),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(tokenAddr, plancheck.ResourceActionReplace),
			}},
		},
	))
}

// TestAccOATHToken_ImportMissing imports a serial number PingOne does not hold: the import fails
// and names it.
func TestAccOATHToken_ImportMissing(t *testing.T) {
	e := acctest.StartEmulator(t)
	serial := e.Serial("MISSING1")
	resource.ParallelTest(t, testCase(t, e, resource.TestStep{
		Config: hotpConfig(e, serial, "") + fmt.Sprintf(`
import {
  to = pingone_oath_token.test
  id = "%s/%s"
}
`, e.Info.EnvironmentID, serial),
		ExpectError: regexp.MustCompile(`(?s)Cannot import OATH token.*no OATH token with serial number ` + serial),
	}))
}
