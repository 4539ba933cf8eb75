package mfa_test

import (
	"fmt"
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

// TestAccUserMFADeviceOATHToken_Activate pairs a token with a user and activates it from the
// configured secret, for HOTP and for TOTP with each hash algorithm: one activation request each,
// the device ACTIVE, a HOTP counter exactly one step on and in step with the token, a TOTP drift
// untouched; the next plan is empty.
func TestAccUserMFADeviceOATHToken_Activate(t *testing.T) {
	for _, spec := range []pairedToken{
		{Serial: "PAIRHOTP", Type: "HOTP", Hash: "HmacSHA1", OTPLength: 6, Seed: seedSHA1, Counter: 7},
		{Serial: "PAIRTOTP1", Type: "TOTP", Hash: "HmacSHA1", OTPLength: 6, Seed: seedSHA1, TimeStep: 30},
		{Serial: "PAIRTOTP256", Type: "TOTP", Hash: "HmacSHA256", OTPLength: 8, Seed: seedSHA256, TimeStep: 60},
		{Serial: "PAIRTOTP512", Type: "TOTP", Hash: "HmacSHA512", OTPLength: 6, Seed: seedSHA512, TimeStep: 30},
	} {
		t.Run(spec.Serial, func(t *testing.T) {
			e := acctest.StartEmulator(t)
			env := e.Info.EnvironmentID
			user := e.CreateUser(t, env, "user-"+spec.Serial)
			spec.Serial = e.Serial(spec.Serial)
			config := e.ProviderConfig() + spec.hcl(env, "") +
				pairingHCL(env, user, fmt.Sprintf("  activation_secret = %q", spec.Seed))
			check := checkDriftKept(t, e, spec.Serial)
			if spec.Type == "HOTP" {
				check = checkCounterInStep(t, e, spec)
			}
			resource.ParallelTest(t, pairingCase(t, e, []string{user},
				resource.TestStep{
					Config: config,
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(pairingAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(uuidPattern)),
						statecheck.ExpectKnownValue(pairingAddr, tfjsonpath.New("status"), knownvalue.StringExact("ACTIVE")),
						statecheck.ExpectKnownValue(pairingAddr, tfjsonpath.New("user_id"), knownvalue.StringExact(user)),
						statecheck.ExpectKnownValue(pairingAddr, tfjsonpath.New("serial_number"), knownvalue.StringExact(spec.Serial)),
						statecheck.ExpectKnownValue(pairingAddr, tfjsonpath.New("created_at"), knownvalue.StringRegexp(timestampPattern)),
						statecheck.ExpectSensitiveValue(pairingAddr, tfjsonpath.New("activation_secret")),
						statecheck.CompareValuePairs(pairingAddr, tfjsonpath.New("oath_token_id"), tokenAddr, tfjsonpath.New("id"),
							compare.ValuesSame()),
					},
					Check: resource.ComposeTestCheckFunc(check, func(s *terraform.State) error {
						if e.CanCheck("one activation request") && e.APICalls(routeActivate) != 1 {
							return fmt.Errorf("%d activation requests, want 1", e.APICalls(routeActivate))
						}
						devices := userDevices(t, e, user)
						if len(devices) != 1 || devices[0].ID != pairingAttr(s, "id") || devices[0].Status != "ACTIVE" {
							return fmt.Errorf("PingOne holds the user's devices %+v", devices)
						}
						return nil
					}),
				},
				resource.TestStep{
					Config:           config,
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				},
			))
		})
	}
}

// TestAccUserMFADeviceOATHToken_ActivationLeftToUser pairs a HOTP token without a secret, and a
// TOTP token with a secret but activate = false: both devices wait for their users, no
// activation is sent, and the HOTP counter stays where it was. When a user
// then activates at sign-on, the refresh reads ACTIVE back and plans nothing.
func TestAccUserMFADeviceOATHToken_ActivationLeftToUser(t *testing.T) {
	e := acctest.StartEmulator(t)
	env := e.Info.EnvironmentID
	first, second := e.CreateUser(t, env, "first"), e.CreateUser(t, env, "second")
	config := e.ProviderConfig() + fmt.Sprintf(`
resource "pingone_oath_token" "a" {
  environment_id = %[1]q
  serial_number  = %[6]q
  type           = "HOTP"
  otp_length     = 6
  secret         = %[2]q
}

resource "pingone_oath_token" "b" {
  environment_id = %[1]q
  serial_number  = %[7]q
  type           = "TOTP"
  otp_length     = 6
  hash_algorithm = "HmacSHA256"
  secret         = %[5]q
  totp = {
    time_step = 30
  }
}

resource "pingone_user_mfa_device_oath_token" "no_secret" {
  environment_id = %[1]q
  user_id        = %[3]q
  serial_number  = pingone_oath_token.a.serial_number
}

resource "pingone_user_mfa_device_oath_token" "not_now" {
  environment_id    = %[1]q
  user_id           = %[4]q
  serial_number     = pingone_oath_token.b.serial_number
  activation_secret = %[5]q
  activate          = false
}
`, env, seedSHA1, first, second, seedSHA256, e.Serial("WAITA"), e.Serial("WAITB"))
	status := func(name, want string) statecheck.StateCheck {
		return statecheck.ExpectKnownValue("pingone_user_mfa_device_oath_token."+name, tfjsonpath.New("status"), knownvalue.StringExact(want))
	}
	resource.ParallelTest(t, pairingCase(t, e, []string{first, second},
		resource.TestStep{
			Config:            config,
			ConfigStateChecks: []statecheck.StateCheck{status("no_secret", "ACTIVATION_REQUIRED"), status("not_now", "ACTIVATION_REQUIRED")},
			Check: func(s *terraform.State) error {
				if e.CanCheck("no activation request") && e.APICalls(routeActivate) != 0 {
					return fmt.Errorf("%d activation requests, want none", e.APICalls(routeActivate))
				}
				if token := tokenBySerial(t, e, env, e.Serial("WAITA")); token.HOTP.Counter != 0 || len(token.Devices) != 1 {
					return fmt.Errorf("token WAITA: counter %d, devices %+v", token.HOTP.Counter, token.Devices)
				}
				if token := tokenBySerial(t, e, env, e.Serial("WAITB")); len(token.Devices) != 1 {
					return fmt.Errorf("token WAITB: devices %+v", token.Devices)
				}
				// The first user signs on and activates the token.
				r := s.RootModule().Resources["pingone_user_mfa_device_oath_token.no_secret"].Primary
				e.ActivateAsUser(t, env, first, r.ID, r.Attributes["oath_token_id"], seedSHA1)
				return nil
			},
		},
		resource.TestStep{
			Config: config,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectEmptyPlan(),
			}},
			ConfigStateChecks: []statecheck.StateCheck{status("no_secret", "ACTIVE"), status("not_now", "ACTIVATION_REQUIRED")},
		},
	))
}
