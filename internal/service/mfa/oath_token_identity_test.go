package mfa_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/oathtokens/terraform-provider-pingone/internal/acctest"
)

// Resource identity needs Terraform 1.12 or OpenTofu 1.12 and later; older engines skip these
// tests, and the other tests show the resource works the same on them.

var lowercaseUUID = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

func identityTestCase(t *testing.T, e *acctest.Emulator, steps ...resource.TestStep) resource.TestCase {
	tc := testCase(t, e, steps...)
	tc.TerraformVersionChecks = []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)}
	return tc
}

func expectIdentity(envID string, id knownvalue.Check) statecheck.StateCheck {
	return statecheck.ExpectIdentity(tokenAddr, map[string]knownvalue.Check{
		"environment_id": knownvalue.StringExact(envID),
		"id":             id,
	})
}

// TestAccOATHToken_Identity checks the identity a create writes, that it stays the same when the
// configuration spells the environment in upper case, and imports by identity.
func TestAccOATHToken_Identity(t *testing.T) {
	e := acctest.StartEmulator(t)
	env := e.Info.EnvironmentID
	config := hotpConfig(e, e.Serial("IDENT1"), "")
	resource.ParallelTest(t, identityTestCase(t, e,
		resource.TestStep{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				expectIdentity(env, knownvalue.StringRegexp(lowercaseUUID)),
				statecheck.ExpectIdentityValueMatchesState(tokenAddr, tfjsonpath.New("id")),
			},
		},
		resource.TestStep{
			// The case of the environment changes in place; the identity stays in lowercase.
			Config: strings.Replace(config, fmt.Sprintf("environment_id = %q", env), fmt.Sprintf("environment_id = %q", strings.ToUpper(env)), 1),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(tokenAddr, plancheck.ResourceActionUpdate),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				expectIdentity(env, knownvalue.StringRegexp(lowercaseUUID)),
				statecheck.ExpectIdentityValueMatchesState(tokenAddr, tfjsonpath.New("id")),
			},
		},
		resource.TestStep{
			Config:          config,
			ResourceName:    tokenAddr,
			ImportState:     true,
			ImportStateKind: resource.ImportBlockWithResourceIdentity,
			// The import reads no secret, so the configured one is adopted: an update in place.
			ExpectNonEmptyPlan: true,
			ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(tokenAddr, plancheck.ResourceActionUpdate),
			}},
		},
	))
}

// TestAccOATHToken_ImportByIdentity imports a token loaded outside Terraform with an import block
// that names it by identity, in upper case as pasted from a console, then refuses identities
// that name no token ID or a token PingOne does not hold.
func TestAccOATHToken_ImportByIdentity(t *testing.T) {
	e := acctest.StartEmulator(t)
	env := e.Info.EnvironmentID
	serial := e.Serial("IDIMPORT1")
	created := createTokens(t, e, env, pingoneHOTP(serial, 0))[0]
	importBlock := func(envID, id string) string {
		return fmt.Sprintf(`
import {
  to       = pingone_oath_token.test
  identity = { environment_id = %q, id = %q }
}
`, envID, id)
	}
	config := hotpConfig(e, serial, "")
	resource.ParallelTest(t, identityTestCase(t, e,
		resource.TestStep{
			Config:      config + importBlock(env, serial),
			ExpectError: regexp.MustCompile(`(?s)Invalid import identity.*"` + serial + `" is not an OATH token ID.*import block's id`),
		},
		resource.TestStep{
			Config:      config + importBlock("prod", created.ID),
			ExpectError: regexp.MustCompile(`(?s)Invalid import identity.*"prod" is not an environment ID`),
		},
		resource.TestStep{
			Config:      config + importBlock(env, "66666666-7777-8888-9999-000000000000"),
			ExpectError: regexp.MustCompile(`Cannot import non-existent remote object`),
		},
		resource.TestStep{
			Config: config + importBlock(strings.ToUpper(env), strings.ToUpper(created.ID)),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(tokenAddr, plancheck.ResourceActionUpdate),
				plancheck.ExpectKnownValue(tokenAddr, tfjsonpath.New("id"), knownvalue.StringExact(created.ID)),
			}},
			ConfigStateChecks: []statecheck.StateCheck{expectIdentity(env, knownvalue.StringExact(created.ID))},
		},
		resource.TestStep{
			Config:           config,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
		},
	))
}
