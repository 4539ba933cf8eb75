package mfa_test

import (
	"fmt"
	"maps"
	"slices"
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

// Users feed attributes from other resources: a seed from a vault read, a serial from a module
// output, an environment from the official provider. Then the value is unknown while planning, and
// whenever the other resource changes it becomes unknown again. These tests feed every configurable
// attribute from its own terraform_data output, so that a step can make exactly one of them unknown.

// unknownInputs are the values behind each terraform_data, as HCL expressions.
type unknownInputs map[string]string

// config writes one terraform_data per input and a token that reads every attribute from them.
// The hotp and totp blocks follow the type, as a configuration serving both kinds would.
func (in unknownInputs) config(e *acctest.Emulator) string {
	var b strings.Builder
	b.WriteString(e.ProviderConfig())
	for _, name := range slices.Sorted(maps.Keys(in)) {
		fmt.Fprintf(&b, "resource \"terraform_data\" %q {\n  input = %s\n}\n", name, in[name])
	}
	b.WriteString(`
resource "pingone_oath_token" "test" {
  environment_id           = terraform_data.environment_id.output
  serial_number            = terraform_data.serial_number.output
  type                     = terraform_data.type.output
  otp_length               = terraform_data.otp_length.output
  secret                   = terraform_data.secret.output
  hash_algorithm           = terraform_data.hash_algorithm.output
  hotp                     = terraform_data.type.output == "HOTP" ? { counter = terraform_data.counter.output } : null
  totp                     = terraform_data.type.output == "TOTP" ? { time_step = terraform_data.time_step.output } : null
  allow_revoke_when_paired = terraform_data.allow_revoke_when_paired.output
  timeouts {
    create = terraform_data.create_timeout.output
  }
}
`)
	return b.String()
}

// with returns a copy with one input changed.
func (in unknownInputs) with(name, value string) unknownInputs {
	out := maps.Clone(in)
	out[name] = value
	return out
}

// TestAccOATHToken_UnknownValues creates a token whose every attribute is unknown at plan time,
// then changes one input at a time. Each PingOne setting that becomes unknown plans a
// replacement (its new value may differ, and PingOne cannot update a token); each Terraform-side
// setting plans an in-place update that never calls PingOne. Every apply must succeed: a plan
// that treats unknown as "no change" fails the apply with "Provider produced inconsistent final
// plan", and one that fills in a default for an unknown value fails with "invalid plan".
func TestAccOATHToken_UnknownValues(t *testing.T) {
	e := acctest.StartEmulator(t)
	otherEnv := e.SecondEnvironment(t, "one step moves the token to another environment")
	start := unknownInputs{
		"environment_id":           fmt.Sprintf("%q", e.Info.EnvironmentID),
		"serial_number":            fmt.Sprintf("%q", e.Serial("UNKNOWN1")),
		"type":                     `"TOTP"`,
		"otp_length":               "6",
		"secret":                   fmt.Sprintf("%q", seedSHA1),
		"hash_algorithm":           `"HmacSHA1"`,
		"counter":                  "0",
		"time_step":                "30",
		"allow_revoke_when_paired": "false",
		"create_timeout":           `"5m"`,
	}
	steps := []resource.TestStep{{
		Config: start.config(e),
		ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
			plancheck.ExpectResourceAction(tokenAddr, plancheck.ResourceActionCreate),
			// What the configuration leaves unknown stays unknown in the plan.
			plancheck.ExpectUnknownValue(tokenAddr, tfjsonpath.New("hash_algorithm")),
			plancheck.ExpectUnknownValue(tokenAddr, tfjsonpath.New("serial_number")),
			plancheck.ExpectUnknownValue(tokenAddr, tfjsonpath.New("totp")),
		}},
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue(tokenAddr, tfjsonpath.New("serial_number"), knownvalue.StringExact(e.Serial("UNKNOWN1"))),
			statecheck.ExpectKnownValue(tokenAddr, tfjsonpath.New("hash_algorithm"), knownvalue.StringExact("HmacSHA1")),
			statecheck.ExpectKnownValue(tokenAddr, tfjsonpath.New("totp").AtMapKey("time_step"), knownvalue.Int64Exact(30)),
		},
	}}

	current := start
	change := func(name, value string, action plancheck.ResourceActionType, checks ...statecheck.StateCheck) {
		current = current.with(name, value)
		step := resource.TestStep{
			Config: current.config(e),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(tokenAddr, action),
			}},
			ConfigStateChecks: checks,
		}
		if action == plancheck.ResourceActionUpdate {
			step.PreConfig = e.ResetCounters
			step.Check = onlyRefreshes(e)
		}
		steps = append(steps, step)
	}
	attr := func(name string, want knownvalue.Check) statecheck.StateCheck {
		return statecheck.ExpectKnownValue(tokenAddr, tfjsonpath.New(name), want)
	}
	replace, update := plancheck.ResourceActionReplace, plancheck.ResourceActionUpdate
	change("serial_number", fmt.Sprintf("%q", e.Serial("UNKNOWN2")), replace, attr("serial_number", knownvalue.StringExact(e.Serial("UNKNOWN2"))))
	change("otp_length", "8", replace, attr("otp_length", knownvalue.Int64Exact(8)))
	change("secret", fmt.Sprintf("%q", seedSHA256), replace)
	change("hash_algorithm", `"HmacSHA256"`, replace, attr("hash_algorithm", knownvalue.StringExact("HmacSHA256")))
	change("time_step", "60", replace, statecheck.ExpectKnownValue(tokenAddr, tfjsonpath.New("totp").AtMapKey("time_step"), knownvalue.Int64Exact(60)))
	change("allow_revoke_when_paired", "true", update, attr("allow_revoke_when_paired", knownvalue.Bool(true)))
	change("create_timeout", `"6m"`, update)
	change("environment_id", fmt.Sprintf("%q", otherEnv), replace, attr("environment_id", knownvalue.StringExact(otherEnv)))
	change("hash_algorithm", `"HmacSHA1"`, replace)
	change("type", `"HOTP"`, replace, attr("type", knownvalue.StringExact("HOTP")))
	change("counter", "5", replace, statecheck.ExpectKnownValue(tokenAddr, tfjsonpath.New("hotp").AtMapKey("counter"), knownvalue.Int64Exact(5)))

	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps:                    steps,
	})
	for _, env := range []string{e.Info.EnvironmentID, otherEnv} {
		if got := serialsHeld(e, env); len(got) != 0 {
			t.Errorf("tokens left in environment %s after destroy: %v", env, got)
		}
	}
}

// TestAccOATHToken_UnknownHashAlgorithm feeds only the hash algorithm from an unknown value, on a
// token whose type is known: the plan keeps it unknown instead of planning the default, HmacSHA1,
// and a known algorithm becoming unknown replaces the token.
func TestAccOATHToken_UnknownHashAlgorithm(t *testing.T) {
	e := acctest.StartEmulator(t)
	serial := e.Serial("UNKNOWNHASH")
	config := func(hash string) string {
		return e.ProviderConfig() + fmt.Sprintf(`
resource "terraform_data" "hash" {
  input = %q
}

resource "pingone_oath_token" "test" {
  environment_id = %q
  serial_number  = %q
  type           = "TOTP"
  otp_length     = 6
  secret         = %q
  hash_algorithm = terraform_data.hash.output
  totp = {
    time_step = 30
  }
}
`, hash, e.Info.EnvironmentID, serial, seedSHA512)
	}
	resource.ParallelTest(t, testCase(t, e,
		resource.TestStep{
			Config: config("HmacSHA512"),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectUnknownValue(tokenAddr, tfjsonpath.New("hash_algorithm")),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(tokenAddr, tfjsonpath.New("hash_algorithm"), knownvalue.StringExact("HmacSHA512")),
			},
			Check: func(*terraform.State) error {
				if token := tokenBySerial(t, e, e.Info.EnvironmentID, serial); token.HashAlgorithm != "HmacSHA512" {
					return fmt.Errorf("PingOne holds %s, want HmacSHA512", token.HashAlgorithm)
				}
				return nil
			},
		},
		resource.TestStep{
			Config: config("HmacSHA256"),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(tokenAddr, plancheck.ResourceActionReplace),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(tokenAddr, tfjsonpath.New("hash_algorithm"), knownvalue.StringExact("HmacSHA256")),
			},
		},
	))
}

// TestAccOATHToken_UnknownCounterOnly makes only the counter unknown, in a hotp block the
// configuration writes out: the block is known, its counter is not.
func TestAccOATHToken_UnknownCounterOnly(t *testing.T) {
	e := acctest.StartEmulator(t)
	config := func(counter int) string {
		return e.ProviderConfig() + fmt.Sprintf(`
resource "terraform_data" "counter" {
  input = %d
}

resource "pingone_oath_token" "test" {
  environment_id = %q
  serial_number  = %q
  type           = "HOTP"
  otp_length     = 6
  secret         = %q
  hotp = {
    counter = terraform_data.counter.output
  }
}
`, counter, e.Info.EnvironmentID, e.Serial("UNKNOWNCTR"), seedSHA1)
	}
	resource.ParallelTest(t, testCase(t, e,
		resource.TestStep{
			Config: config(3),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectUnknownValue(tokenAddr, tfjsonpath.New("hotp").AtMapKey("counter")),
				plancheck.ExpectKnownValue(tokenAddr, tfjsonpath.New("hash_algorithm"), knownvalue.StringExact("HmacSHA1")),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(tokenAddr, tfjsonpath.New("hotp").AtMapKey("counter"), knownvalue.Int64Exact(3)),
			},
		},
		resource.TestStep{
			Config: config(4),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(tokenAddr, plancheck.ResourceActionReplace),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(tokenAddr, tfjsonpath.New("hotp").AtMapKey("counter"), knownvalue.Int64Exact(4)),
			},
		},
	))
}

// onlyRefreshes fails when the step called PingOne for anything but reading tokens and signing in.
func onlyRefreshes(e *acctest.Emulator) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if !e.CanCheck("the step called PingOne only to read and sign in") {
			return nil
		}
		for route, n := range e.Counters().Requests {
			if !strings.HasPrefix(route, "GET ") && route != "POST /{envID}/as/token" {
				return fmt.Errorf("an in-place update called %s %d times; only refreshes are expected", route, n)
			}
		}
		return nil
	}
}

// TestAccOATHToken_HashAlgorithmDefault removes hash_algorithm from a TOTP token that has
// HmacSHA256: the attribute defaults to HmacSHA1, as its description says, so the token is
// planned for replacement with HmacSHA1 rather than silently keeping the old algorithm.
func TestAccOATHToken_HashAlgorithmDefault(t *testing.T) {
	e := acctest.StartEmulator(t)
	serial := e.Serial("HASHDEFAULT")
	resource.ParallelTest(t, testCase(t, e,
		resource.TestStep{Config: totpConfig(e, serial, `"HmacSHA256"`, seedSHA256, 30, 6)},
		resource.TestStep{
			Config: totpConfig(e, serial, "null", seedSHA256, 30, 6),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(tokenAddr, plancheck.ResourceActionReplace),
				plancheck.ExpectKnownValue(tokenAddr, tfjsonpath.New("hash_algorithm"), knownvalue.StringExact("HmacSHA1")),
			}},
			Check: func(*terraform.State) error {
				if token := tokenBySerial(t, e, e.Info.EnvironmentID, serial); token.HashAlgorithm != "HmacSHA1" {
					return fmt.Errorf("PingOne holds %s, want HmacSHA1", token.HashAlgorithm)
				}
				return nil
			},
		},
		resource.TestStep{
			Config:           totpConfig(e, serial, "null", seedSHA256, 30, 6),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
		},
	))
}
