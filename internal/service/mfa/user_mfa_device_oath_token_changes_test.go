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
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/oathtokens/terraform-provider-pingone/internal/acctest"
)

// pairingInputs are the values behind each terraform_data a pairing reads, as HCL expressions.
type pairingInputs map[string]string

// config writes two tokens, one terraform_data per input, and a pairing that reads every
// configurable attribute from them, so that a step can make exactly one of them unknown.
func (in pairingInputs) config(e *acctest.Emulator) string {
	var b strings.Builder
	b.WriteString(e.ProviderConfig())
	for _, name := range []string{"CHANGEA", "CHANGEB"} {
		fmt.Fprintf(&b, `
resource "pingone_oath_token" %q {
  environment_id = %q
  serial_number  = %q
  type           = "HOTP"
  otp_length     = 6
  secret         = %q
}
`, name, e.Info.EnvironmentID, e.Serial(name), seedSHA1)
	}
	for _, name := range slices.Sorted(maps.Keys(in)) {
		fmt.Fprintf(&b, "resource \"terraform_data\" %q {\n  input = %s\n}\n", name, in[name])
	}
	b.WriteString(`
resource "pingone_user_mfa_device_oath_token" "test" {
  environment_id    = terraform_data.environment_id.output
  user_id           = terraform_data.user_id.output
  serial_number     = terraform_data.serial_number.output
  activate          = terraform_data.activate.output
  activation_secret = terraform_data.activation_secret.output
  timeouts {
    create = terraform_data.create_timeout.output
  }
  # The serial number comes from a terraform_data here, not from the token's resource, so the
  # order the references would give is written out.
  depends_on = [pingone_oath_token.CHANGEA, pingone_oath_token.CHANGEB]
}
`)
	return b.String()
}

func (in pairingInputs) with(name, value string) pairingInputs {
	out := maps.Clone(in)
	out[name] = value
	return out
}

// TestAccUserMFADeviceOATHToken_Changes creates a pairing whose every attribute is unknown at
// plan time, then changes one input at a time, each becoming unknown again while planning: the
// serial number, the user and the environment replace the pairing (a known ID becoming unknown
// may name another object); the activation settings and timeouts are Terraform's alone and
// update the state without calling PingOne for anything but reads.
func TestAccUserMFADeviceOATHToken_Changes(t *testing.T) {
	e := acctest.StartEmulator(t)
	env := e.Info.EnvironmentID
	first, second := e.CreateUser(t, env, "first"), e.CreateUser(t, env, "second")
	start := pairingInputs{
		"environment_id":    fmt.Sprintf("%q", env),
		"user_id":           fmt.Sprintf("%q", first),
		"serial_number":     fmt.Sprintf("%q", e.Serial("CHANGEA")),
		"activate":          "true",
		"activation_secret": fmt.Sprintf("%q", seedSHA1),
		"create_timeout":    `"5m"`,
	}
	attr := func(name string, want knownvalue.Check) statecheck.StateCheck {
		return statecheck.ExpectKnownValue(pairingAddr, tfjsonpath.New(name), want)
	}
	active := attr("status", knownvalue.StringExact("ACTIVE"))
	steps := []resource.TestStep{{
		Config: start.config(e),
		ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
			plancheck.ExpectResourceAction(pairingAddr, plancheck.ResourceActionCreate),
			plancheck.ExpectUnknownValue(pairingAddr, tfjsonpath.New("serial_number")),
			plancheck.ExpectUnknownValue(pairingAddr, tfjsonpath.New("user_id")),
			plancheck.ExpectUnknownValue(pairingAddr, tfjsonpath.New("activate")),
		}},
		ConfigStateChecks: []statecheck.StateCheck{active, attr("serial_number", knownvalue.StringExact(e.Serial("CHANGEA")))},
	}}
	current := start
	var device string
	change := func(name, value string, action plancheck.ResourceActionType, checks ...statecheck.StateCheck) {
		current = current.with(name, value)
		step := resource.TestStep{
			Config: current.config(e),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(pairingAddr, action),
			}},
			ConfigStateChecks: checks,
		}
		if action == plancheck.ResourceActionUpdate {
			step.PreConfig = e.ResetCounters
			step.Check = resource.ComposeTestCheckFunc(onlyRefreshes(e), func(s *terraform.State) error {
				if pairingAttr(s, "id") != device {
					return fmt.Errorf("an in-place update changed the device")
				}
				return nil
			})
		} else {
			step.Check = func(s *terraform.State) error {
				if id := pairingAttr(s, "id"); id == device {
					return fmt.Errorf("a replacement kept the device %s", id)
				}
				device = pairingAttr(s, "id")
				return nil
			}
		}
		steps = append(steps, step)
	}
	steps[0].Check = func(s *terraform.State) error {
		device = pairingAttr(s, "id")
		return nil
	}
	replace, update := plancheck.ResourceActionReplace, plancheck.ResourceActionUpdate
	change("serial_number", fmt.Sprintf("%q", e.Serial("CHANGEB")), replace, active,
		attr("serial_number", knownvalue.StringExact(e.Serial("CHANGEB"))))
	change("user_id", fmt.Sprintf("%q", second), replace, active, attr("user_id", knownvalue.StringExact(second)))
	change("environment_id", fmt.Sprintf("%q", strings.ToUpper(env)), replace, active,
		attr("environment_id", knownvalue.StringExact(strings.ToUpper(env))))
	change("activate", "false", update, active, attr("activate", knownvalue.Bool(false)))
	change("activation_secret", fmt.Sprintf("%q", seedSHA256), update, active)
	change("create_timeout", `"6m"`, update, active)

	resource.ParallelTest(t, pairingCase(t, e, []string{first, second}, steps...))
}

// TestAccUserMFADeviceOATHToken_IDCase writes the user's ID in upper case: the same user, so the
// pairing is updated in place without a call to PingOne but reads.
func TestAccUserMFADeviceOATHToken_IDCase(t *testing.T) {
	e := acctest.StartEmulator(t)
	env := e.Info.EnvironmentID
	user := e.CreateUser(t, env, "cased")
	spec := pairedHOTP(e.Serial("CASED"))
	resource.ParallelTest(t, pairingCase(t, e, []string{user},
		resource.TestStep{Config: e.ProviderConfig() + spec.hcl(env, "") + pairingHCL(env, user, "")},
		resource.TestStep{
			PreConfig: e.ResetCounters,
			Config:    e.ProviderConfig() + spec.hcl(env, "") + pairingHCL(strings.ToUpper(env), strings.ToUpper(user), ""),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(pairingAddr, plancheck.ResourceActionUpdate),
			}},
			Check: onlyRefreshes(e),
		},
	))
}

// TestAccUserMFADeviceOATHToken_WriteOnlySecret activates from activation_secret_wo, with the
// token's own seed write-only too: neither resource's state holds the seed, and changing the
// write-only secret later plans nothing. The write-only secret comes from a terraform_data
// output, so it is unknown while planning the create. Write-only attributes need Terraform or
// OpenTofu 1.11.
func TestAccUserMFADeviceOATHToken_WriteOnlySecret(t *testing.T) {
	e := acctest.StartEmulator(t)
	env := e.Info.EnvironmentID
	user := e.CreateUser(t, env, "writeonly")
	spec := pairedHOTP(e.Serial("WOPAIR"))
	config := func(activationSecret string) string {
		return e.ProviderConfig() + fmt.Sprintf(`
resource "pingone_oath_token" "test" {
  environment_id    = %q
  serial_number     = %q
  type              = "HOTP"
  otp_length        = 6
  secret_wo         = %q
  secret_wo_version = 1
}

resource "terraform_data" "seed" {
  input = %q
}
`, env, spec.Serial, spec.Seed, activationSecret) + pairingHCL(env, user, "  activation_secret_wo = terraform_data.seed.output")
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		CheckDestroy:             pairingCase(t, e, []string{user}).CheckDestroy,
		Steps: []resource.TestStep{
			{
				Config: config(spec.Seed),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(pairingAddr, plancheck.ResourceActionCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(pairingAddr, tfjsonpath.New("status"), knownvalue.StringExact("ACTIVE")),
					statecheck.ExpectKnownValue(pairingAddr, tfjsonpath.New("activation_secret_wo"), knownvalue.Null()),
					statecheck.ExpectKnownValue(pairingAddr, tfjsonpath.New("activation_secret"), knownvalue.Null()),
					stateLacks(spec.Seed),
				},
				Check: checkCounterInStep(t, e, spec),
			},
			{
				// The terraform_data changes; the pairing, whose write-only secret it feeds, does not.
				Config: config(seedSHA256),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(pairingAddr, plancheck.ResourceActionNoop),
				}},
			},
		},
	})
}
