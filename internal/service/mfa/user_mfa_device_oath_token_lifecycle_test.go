package mfa_test

import (
	"context"
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/oathtokens/terraform-provider-pingone/internal/acctest"
)

// TestAccUserMFADeviceOATHToken_DestroyTogether destroys a pairing and its token in one run. The
// pairing references the token, so Terraform unpairs first; the token's guard, which refuses to
// revoke a paired token (allow_revoke_when_paired is false), then finds it unpaired and lets the
// revoke through. A destroy in the other order would fail on the guard.
func TestAccUserMFADeviceOATHToken_DestroyTogether(t *testing.T) {
	e := acctest.StartEmulator(t)
	env := e.Info.EnvironmentID
	user := e.CreateUser(t, env, "together")
	spec := pairedHOTP(e.Serial("TOGETHER"))
	config := e.ProviderConfig() + spec.hcl(env, "  allow_revoke_when_paired = false") +
		pairingHCL(env, user, fmt.Sprintf("  activation_secret = %q", spec.Seed))
	tc := pairingCase(t, e, []string{user}, resource.TestStep{
		Config: config,
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue(pairingAddr, tfjsonpath.New("status"), knownvalue.StringExact("ACTIVE")),
			statecheck.ExpectKnownValue(tokenAddr, tfjsonpath.New("allow_revoke_when_paired"), knownvalue.Bool(false)),
		},
		Check: func(*terraform.State) error {
			if token := tokenBySerial(t, e, env, spec.Serial); len(token.Devices) != 1 {
				return fmt.Errorf("the token is not paired: %+v", token.Devices)
			}
			e.ResetCounters()
			return nil
		},
	})
	checkGone := tc.CheckDestroy
	tc.CheckDestroy = func(s *terraform.State) error {
		if err := checkGone(s); err != nil {
			return err
		}
		if !e.CanCheck("the destroy unpaired once and revoked once") {
			return nil
		}
		if unpaired, revoked := e.APICalls(routeUnpairDevice), e.APICalls(routeRevokeToken); unpaired != 1 || revoked != 1 {
			return fmt.Errorf("the destroy unpaired %d and revoked %d times, want once each", unpaired, revoked)
		}
		return nil
	}
	resource.ParallelTest(t, tc)
}

// TestAccUserMFADeviceOATHToken_TokenGuard changes the paired token so that it must be replaced,
// while the pairing stays: the token's guard refuses to revoke it, naming the user and the device,
// and both survive. With replace_triggered_by on the pairing, as the documentation advises, the
// same change replaces both: unpair, revoke, create, pair and activate again; an in-place update
// of the token then leaves the pairing alone.
func TestAccUserMFADeviceOATHToken_TokenGuard(t *testing.T) {
	e := acctest.StartEmulator(t)
	env := e.Info.EnvironmentID
	user := e.CreateUser(t, env, "guarded")
	spec := pairedHOTP(e.Serial("GUARDED"))
	pairing := pairingHCL(env, user, fmt.Sprintf("  activation_secret = %q", spec.Seed))
	replaced := spec
	replaced.OTPLength = 8
	guardedPairing := pairingHCL(env, user, fmt.Sprintf("  activation_secret = %q\n  lifecycle {\n    replace_triggered_by = "+
		"[pingone_oath_token.test.id]\n  }", spec.Seed))
	var firstDevice string
	resource.ParallelTest(t, pairingCase(t, e, []string{user},
		resource.TestStep{
			Config: e.ProviderConfig() + spec.hcl(env, "") + pairing,
			Check: func(s *terraform.State) error {
				firstDevice = pairingAttr(s, "id")
				return nil
			},
		},
		resource.TestStep{
			Config:      e.ProviderConfig() + replaced.hcl(env, "") + pairing,
			ExpectError: regexp.MustCompile(pairedError),
		},
		resource.TestStep{
			Config: e.ProviderConfig() + spec.hcl(env, "") + pairing,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectEmptyPlan(),
			}},
			Check: func(s *terraform.State) error {
				if token := tokenBySerial(t, e, env, spec.Serial); len(token.Devices) != 1 || token.Devices[0].DeviceID != firstDevice {
					return fmt.Errorf("the pairing did not survive the refused replacement: %+v", token.Devices)
				}
				return nil
			},
		},
		resource.TestStep{
			Config: e.ProviderConfig() + replaced.hcl(env, "") + guardedPairing,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(tokenAddr, plancheck.ResourceActionReplace),
				plancheck.ExpectResourceAction(pairingAddr, plancheck.ResourceActionReplace),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(pairingAddr, tfjsonpath.New("status"), knownvalue.StringExact("ACTIVE")),
			},
			Check: func(s *terraform.State) error {
				token := tokenBySerial(t, e, env, spec.Serial)
				if token.OTPLength != 8 || len(token.Devices) != 1 || token.Devices[0].DeviceID != pairingAttr(s, "id") {
					return fmt.Errorf("after the replacement PingOne holds %+v", token)
				}
				return nil
			},
		},
		resource.TestStep{
			// An in-place update of the token leaves its ID, and so the pairing, alone.
			Config: e.ProviderConfig() + replaced.hcl(env, "  allow_revoke_when_paired = true") + guardedPairing,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(tokenAddr, plancheck.ResourceActionUpdate),
				plancheck.ExpectResourceAction(pairingAddr, plancheck.ResourceActionNoop),
			}},
		},
	))
}

// TestAccUserMFADeviceOATHToken_Drift unpairs the token outside Terraform: the refresh drops the
// pairing from the state with a warning instead of failing, and the plan pairs the token again.
// Then the user is deleted outside Terraform: the pairing drops out again, and pairing with a
// user who no longer exists fails, naming the user.
func TestAccUserMFADeviceOATHToken_Drift(t *testing.T) {
	e := acctest.StartEmulator(t)
	env := e.Info.EnvironmentID
	user := e.CreateUser(t, env, "drifting")
	spec := pairedHOTP(e.Serial("DRIFTING"))
	config := e.ProviderConfig() + spec.hcl(env, "") + pairingHCL(env, user, fmt.Sprintf("  activation_secret = %q", spec.Seed))
	var firstDevice string
	dropped := func(s *terraform.State) error {
		if _, ok := s.RootModule().Resources[pairingAddr]; ok {
			return fmt.Errorf("the pairing PingOne no longer holds is still in the state")
		}
		return nil
	}
	// The user is deleted by the test, so only the tokens are checked after destroy.
	resource.ParallelTest(t, pairingCase(t, e, nil,
		resource.TestStep{
			Config: config,
			// The check unpairs, so the plan after it pairs again.
			ExpectNonEmptyPlan: true,
			Check: func(s *terraform.State) error {
				firstDevice = pairingAttr(s, "id")
				return e.Client(t).UnpairUserDevice(context.Background(), env, user, firstDevice)
			},
		},
		resource.TestStep{RefreshState: true, ExpectNonEmptyPlan: true, Check: dropped},
		resource.TestStep{
			Config: config,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(pairingAddr, plancheck.ResourceActionCreate),
				plancheck.ExpectResourceAction(tokenAddr, plancheck.ResourceActionNoop),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(pairingAddr, tfjsonpath.New("status"), knownvalue.StringExact("ACTIVE")),
			},
			Check: func(s *terraform.State) error {
				if pairingAttr(s, "id") == firstDevice {
					return fmt.Errorf("the pairing kept the device that was removed")
				}
				e.DeleteUser(t, env, user)
				return nil
			},
			ExpectNonEmptyPlan: true,
		},
		resource.TestStep{RefreshState: true, ExpectNonEmptyPlan: true, Check: dropped},
		resource.TestStep{
			Config:      config,
			ExpectError: regexp.MustCompile(`(?s)User not found.*PingOne has no user\s+` + user),
		},
	))
}
