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
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/oathtokens/terraform-provider-pingone/internal/acctest"
)

// TestAccUserMFADeviceOATHToken_Import imports a pairing by environment_id/user_id/device_id,
// in upper case too, and reads back what PingOne holds; the activation settings, which only
// matter at create, are not imported. Malformed IDs fail with the expected format.
func TestAccUserMFADeviceOATHToken_Import(t *testing.T) {
	e := acctest.StartEmulator(t)
	env := e.Info.EnvironmentID
	user := e.CreateUser(t, env, "imported")
	spec := pairedHOTP(e.Serial("IMPORTED"))
	config := e.ProviderConfig() + spec.hcl(env, "") + pairingHCL(env, user, fmt.Sprintf("  activation_secret = %q", spec.Seed))
	importID := func(upper bool) resource.ImportStateIdFunc {
		return func(s *terraform.State) (string, error) {
			id := env + "/" + user + "/" + pairingAttr(s, "id")
			if upper {
				id = strings.ToUpper(id)
			}
			return id, nil
		}
	}
	importStep := func(upper bool) resource.TestStep {
		return resource.TestStep{
			Config:                  config,
			ResourceName:            pairingAddr,
			ImportState:             true,
			ImportStateIdFunc:       importID(upper),
			ImportStateVerify:       true,
			ImportStateVerifyIgnore: []string{"activation_secret", "activate"},
		}
	}
	resource.ParallelTest(t, pairingCase(t, e, []string{user},
		resource.TestStep{Config: config},
		importStep(false),
		importStep(true),
		resource.TestStep{
			Config:        config,
			ResourceName:  pairingAddr,
			ImportState:   true,
			ImportStateId: env + "/" + user,
			ExpectError:   regexp.MustCompile(`(?s)Invalid import ID.*environment_id/user_id/device_id`),
		},
		resource.TestStep{
			Config:        config,
			ResourceName:  pairingAddr,
			ImportState:   true,
			ImportStateId: env + "/" + user + "/IMPORTED",
			ExpectError:   regexp.MustCompile(`(?s)"IMPORTED" is not a device ID`),
		},
	))
}

// TestAccUserMFADeviceOATHToken_ImportBlock brings a pairing made outside Terraform under
// management with an import block (Terraform 1.5 and later): the plan imports it and changes
// nothing in PingOne, and the device keeps its ID and status.
func TestAccUserMFADeviceOATHToken_ImportBlock(t *testing.T) {
	e := acctest.StartEmulator(t)
	env := e.Info.EnvironmentID
	spec := pairedHOTP(e.Serial("OUTSIDE"))
	token, err := e.Client(t).CreateOATHToken(t.Context(), env, pingoneHOTP(spec.Serial, 0))
	if err != nil {
		t.Fatal(err)
	}
	user, device := e.PairToken(t, env, token.ID, spec.Serial, spec.Seed)
	config := e.ProviderConfig() + fmt.Sprintf(`
import {
  to = pingone_oath_token.test
  id = "%[1]s/%[2]s"
}

import {
  to = pingone_user_mfa_device_oath_token.test
  id = "%[1]s/%[3]s/%[4]s"
}
`, env, spec.Serial, user, device) + spec.hcl(env, "") + pairingHCL(env, user, "")
	resource.ParallelTest(t, pairingCase(t, e, []string{user}, resource.TestStep{
		Config: config,
		ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
			plancheck.ExpectResourceAction(pairingAddr, plancheck.ResourceActionNoop),
		}},
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue(pairingAddr, tfjsonpath.New("id"), knownvalue.StringExact(device)),
			statecheck.ExpectKnownValue(pairingAddr, tfjsonpath.New("status"), knownvalue.StringExact("ACTIVE")),
			statecheck.ExpectKnownValue(pairingAddr, tfjsonpath.New("serial_number"), knownvalue.StringExact(spec.Serial)),
			statecheck.ExpectKnownValue(pairingAddr, tfjsonpath.New("oath_token_id"), knownvalue.StringExact(token.ID)),
		},
	}))
}
