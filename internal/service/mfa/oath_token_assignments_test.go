package mfa_test

import (
	"context"
	"fmt"
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

// TestAccOATHTokenAssignments_Lifecycle pairs tokens loaded outside Terraform with users: a HOTP
// token activated from its seed (its counter moves exactly one step), a HOTP token left for its
// user (who then activates it at sign-on: read back, never a change), a TOTP token activated at
// PingOne's drift (untouched). Then one serial number goes to another user, one is removed (its
// token stays, unpaired) and one is added; the one that did not change keeps its device. Destroy
// unpairs everything and leaves every token.
func TestAccOATHTokenAssignments_Lifecycle(t *testing.T) {
	e := acctest.StartEmulator(t)
	env := e.Info.EnvironmentID
	a, b, c, d := e.Serial("ASSIGNA"), e.Serial("ASSIGNB"), e.Serial("ASSIGNC"), e.Serial("ASSIGND")
	ids := consoleTokens(t, e, pingoneHOTP(a, 0), pingoneHOTP(b, 0), totpToken(c), pingoneHOTP(d, 0))
	users := createUsers(t, e, "first", "second", "third", "fourth")
	start := assignmentsSpec{env: env,
		users: map[string]string{a: users[0], b: users[1], c: users[2]},
		seeds: map[string]string{a: seedSHA1, c: seedSHA256},
	}
	changed := start.with(a, users[3], seedSHA1).with(b, "", "").with(d, users[1], seedSHA1)
	var deviceOfC string
	resource.ParallelTest(t, assignmentsCase(t, e, []string{a, b, c, d}, users,
		resource.TestStep{
			PreConfig: e.ResetCounters,
			Config:    e.ProviderConfig() + start.hcl(),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(assignmentsAddr, plancheck.ResourceActionCreate),
				plancheck.ExpectUnknownValue(assignmentsAddr, tfjsonpath.New("devices").AtMapKey(a)),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				deviceStatus(a, "ACTIVE"), deviceStatus(b, "ACTIVATION_REQUIRED"), deviceStatus(c, "ACTIVE"),
				statecheck.ExpectKnownValue(assignmentsAddr, tfjsonpath.New("parallelism"), knownvalue.Int64Exact(8)),
				statecheck.ExpectKnownValue(assignmentsAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(uuidPattern)),
				statecheck.ExpectSensitiveValue(assignmentsAddr, tfjsonpath.New("activation_secrets")),
			},
			Check: resource.ComposeAggregateTestCheckFunc(
				holding(t, e, a, users[0], "ACTIVE"), holding(t, e, b, users[1], "ACTIVATION_REQUIRED"),
				holding(t, e, c, users[2], "ACTIVE"), unpaired(t, e, d),
				counterAt(t, e, a, 1), counterAt(t, e, b, 0), checkDriftKept(t, e, c),
				func(*terraform.State) error { return calls(e, routePairDevice, 3) },
				func(*terraform.State) error { return calls(e, routeActivate, 2) },
				func(s *terraform.State) error {
					deviceOfC = s.RootModule().Resources[assignmentsAddr].Primary.Attributes["devices."+c+".id"]
					return nil
				},
			),
		},
		resource.TestStep{
			// The second user activates their token at sign-on: the refresh reads ACTIVE back, and
			// the plan is empty.
			PreConfig: func() {
				token := tokenBySerial(t, e, env, b)
				e.ActivateAsUser(t, env, users[1], token.Devices[0].DeviceID, ids[b], seedSHA1)
			},
			Config:            e.ProviderConfig() + start.hcl(),
			ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			ConfigStateChecks: []statecheck.StateCheck{deviceStatus(b, "ACTIVE")},
		},
		resource.TestStep{
			PreConfig: e.ResetCounters,
			Config:    e.ProviderConfig() + changed.hcl(),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(assignmentsAddr, plancheck.ResourceActionUpdate),
				// Only what changes is unknown: the serial number that stays keeps its device.
				plancheck.ExpectUnknownValue(assignmentsAddr, tfjsonpath.New("devices").AtMapKey(a)),
				plancheck.ExpectUnknownValue(assignmentsAddr, tfjsonpath.New("devices").AtMapKey(d)),
				plancheck.ExpectKnownValue(assignmentsAddr, tfjsonpath.New("devices").AtMapKey(c).AtMapKey("status"),
					knownvalue.StringExact("ACTIVE")),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(assignmentsAddr, tfjsonpath.New("devices"), knownvalue.MapSizeExact(3)),
			},
			Check: resource.ComposeAggregateTestCheckFunc(
				holding(t, e, a, users[3], "ACTIVE"), holding(t, e, c, users[2], "ACTIVE"), holding(t, e, d, users[1], "ACTIVE"),
				unpaired(t, e, b), counterAt(t, e, a, 2), counterAt(t, e, d, 1),
				func(*terraform.State) error {
					if devices := userDevices(t, e, users[0]); len(devices) != 0 {
						return fmt.Errorf("the first user still holds %+v", devices)
					}
					return nil
				},
				func(s *terraform.State) error {
					if got := s.RootModule().Resources[assignmentsAddr].Primary.Attributes["devices."+c+".id"]; got != deviceOfC {
						return fmt.Errorf("%s was paired anew (device %s, was %s), but nothing about it changed", c, got, deviceOfC)
					}
					return nil
				},
				// a unpaired and paired again, b unpaired, d paired: nothing for c.
				func(*terraform.State) error { return calls(e, routeUnpairDevice, 2) },
				func(*terraform.State) error { return calls(e, routePairDevice, 2) },
			),
		},
		resource.TestStep{
			Config:           e.ProviderConfig() + changed.hcl(),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
		},
	))
}

// TestAccOATHTokenAssignments_Drift unpairs one token outside Terraform: the refresh drops it from
// the state with a warning, the plan pairs it again, and the apply pairs and activates it alone;
// the others keep their devices. The environment ID then in upper case changes nothing in
// PingOne. (A token paired anew outside Terraform is refused instead:
// TestAccOATHTokenAssignments_Refused.)
func TestAccOATHTokenAssignments_Drift(t *testing.T) {
	e := acctest.StartEmulator(t)
	env := e.Info.EnvironmentID
	a, b, c := e.Serial("DRIFTA"), e.Serial("DRIFTB"), e.Serial("DRIFTC")
	consoleTokens(t, e, pingoneHOTP(a, 0), pingoneHOTP(b, 0), pingoneHOTP(c, 0))
	users := createUsers(t, e, "one", "two", "three")
	spec := assignmentsSpec{env: env, users: map[string]string{a: users[0], b: users[1], c: users[2]},
		seeds: map[string]string{a: seedSHA1, b: seedSHA1, c: seedSHA1}}
	config := e.ProviderConfig() + spec.hcl()
	upper := spec
	upper.env = strings.ToUpper(env)
	var deviceOfC string
	resource.ParallelTest(t, assignmentsCase(t, e, []string{a, b, c}, users,
		resource.TestStep{
			Config: config,
			Check: func(s *terraform.State) error {
				deviceOfC = s.RootModule().Resources[assignmentsAddr].Primary.Attributes["devices."+c+".id"]
				return nil
			},
		},
		resource.TestStep{
			PreConfig: func() {
				token := tokenBySerial(t, e, env, a)
				if err := e.Client(t).UnpairUserDevice(context.Background(), env, users[0], token.Devices[0].DeviceID); err != nil {
					t.Fatal(err)
				}
				e.ResetCounters()
			},
			Config: config,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(assignmentsAddr, plancheck.ResourceActionUpdate),
				plancheck.ExpectUnknownValue(assignmentsAddr, tfjsonpath.New("devices").AtMapKey(a)),
			}},
			Check: resource.ComposeAggregateTestCheckFunc(
				holding(t, e, a, users[0], "ACTIVE"), holding(t, e, b, users[1], "ACTIVE"), holding(t, e, c, users[2], "ACTIVE"),
				// Paired again and activated at PingOne's counter: one step more.
				counterAt(t, e, a, 2), counterAt(t, e, b, 1),
				func(*terraform.State) error { return calls(e, routePairDevice, 1) },
				func(s *terraform.State) error {
					if got := s.RootModule().Resources[assignmentsAddr].Primary.Attributes["devices."+c+".id"]; got != deviceOfC {
						return fmt.Errorf("%s was paired anew, but it did not drift", c)
					}
					return nil
				},
			),
		},
		resource.TestStep{
			Config:           config,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
		},
		resource.TestStep{
			// The environment ID in upper case names the same environment: an update of the state
			// that calls PingOne for nothing but reads.
			PreConfig: e.ResetCounters,
			Config:    e.ProviderConfig() + upper.hcl(),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(assignmentsAddr, plancheck.ResourceActionUpdate),
			}},
			Check: resource.ComposeAggregateTestCheckFunc(onlyRefreshes(e), holding(t, e, c, users[2], "ACTIVE")),
		},
		resource.TestStep{
			Config:           e.ProviderConfig() + upper.hcl(),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
		},
	))
}
