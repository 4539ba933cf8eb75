package mfa_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/oathtokens/terraform-provider-pingone/internal/acctest"
)

// tokenSetWithAssignments is a token set of HOTP tokens and TOTP tokens and the assignments of
// some of them, as one configuration: the assignments take their serial numbers from the set, so
// Terraform creates the tokens before pairing them and unpairs them before revoking them.
func tokenSetWithAssignments(e *acctest.Emulator, holders map[string]string, spares []string, setSeeds, assignmentSeeds string) string {
	var tokens, seeds, users strings.Builder
	row := func(serial string) {
		if strings.HasSuffix(serial, "T") {
			fmt.Fprintf(&tokens, "    %q = { type = \"TOTP\", otp_length = 6, hash_algorithm = \"HmacSHA256\", totp = { time_step = 30 } }\n", serial)
			fmt.Fprintf(&seeds, "    %q = %q\n", serial, seedSHA256)
			return
		}
		fmt.Fprintf(&tokens, "    %q = { type = \"HOTP\", otp_length = 6 }\n", serial)
		fmt.Fprintf(&seeds, "    %q = %q\n", serial, seedSHA1)
	}
	for serial, user := range holders {
		row(serial)
		fmt.Fprintf(&users, "    %q = %q\n", serial, user)
	}
	for _, serial := range spares {
		row(serial)
	}
	return e.ProviderConfig() + fmt.Sprintf(`
locals {
  seeds = {
%[2]s  }
  holders = {
%[3]s  }
}

resource "pingone_oath_token_set" "fleet" {
  environment_id = %[1]q
  tokens = {
%[4]s  }
  %[5]s = local.seeds
}

resource "pingone_oath_token_assignments" "test" {
  environment_id = %[1]q
  # The serial numbers through the set, so that the set's tokens exist first and are unpaired
  # before the set revokes them.
  assignments    = { for serial, token in pingone_oath_token_set.fleet.tokens : serial => local.holders[serial] if contains(keys(local.holders), serial) }
  %[6]s = { for serial, user in local.holders : serial => local.seeds[serial] }
}
`, e.Info.EnvironmentID, seeds.String(), users.String(), tokens.String(), setSeeds, assignmentSeeds)
}

// TestAccOATHTokenAssignments_WithTokenSet creates a token set and the assignments of some of its
// tokens in one apply, activating them from their seeds, and destroys both in one apply: the
// assignments unpair first, so the set's guard against revoking paired tokens lets the revoke
// through, and nothing is left. With write-only seeds (Terraform 1.11+, OpenTofu 1.11+), no seed
// is in the state.
func TestAccOATHTokenAssignments_WithTokenSet(t *testing.T) {
	for _, c := range []struct {
		name                      string
		setSeeds, assignmentSeeds string
		engines                   []tfversion.TerraformVersionCheck
	}{
		{name: "seeds in state", setSeeds: "secrets", assignmentSeeds: "activation_secrets"},
		{name: "write-only seeds", setSeeds: "secrets_wo", assignmentSeeds: "activation_secrets_wo", engines: writeOnlyEngines},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := acctest.StartEmulator(t)
			env := e.Info.EnvironmentID
			users := createUsers(t, e, "hotp", "totp")
			h, tt, spare := e.Serial("SETHOLDH"), e.Serial("SETHOLDT"), e.Serial("SETSPAREH")
			config := tokenSetWithAssignments(e, map[string]string{h: users[0], tt: users[1]}, []string{spare}, c.setSeeds, c.assignmentSeeds)
			checks := []statecheck.StateCheck{deviceStatus(h, "ACTIVE"), deviceStatus(tt, "ACTIVE")}
			if c.engines != nil {
				checks = append(checks,
					statecheck.ExpectKnownValue(assignmentsAddr, tfjsonpath.New("activation_secrets"), knownvalue.Null()),
					statecheck.ExpectKnownValue(assignmentsAddr, tfjsonpath.New("activation_secrets_wo"), knownvalue.Null()),
					stateLacks(seedSHA1), stateLacks(seedSHA256))
			}
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: acctest.ProviderFactories,
				TerraformVersionChecks:   c.engines,
				CheckDestroy: func(*terraform.State) error {
					if left := e.TokenSerials(env); len(left) > 0 {
						return fmt.Errorf("tokens left after destroying the set and the assignments together: %v", left)
					}
					for _, u := range users {
						if devices := userDevices(t, e, u); len(devices) > 0 {
							return fmt.Errorf("user %s still has devices: %+v", u, devices)
						}
					}
					return nil
				},
				Steps: []resource.TestStep{
					{
						Config:            config,
						ConfigStateChecks: checks,
						Check: resource.ComposeAggregateTestCheckFunc(
							holding(t, e, h, users[0], "ACTIVE"), holding(t, e, tt, users[1], "ACTIVE"), unpaired(t, e, spare),
							counterAt(t, e, h, 1), checkDriftKept(t, e, tt),
						),
					},
					{
						Config:           config,
						ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
					},
				},
			})
		})
	}
}
