package mfa_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/oathtokens/terraform-provider-pingone/internal/acctest"
	"github.com/oathtokens/terraform-provider-pingone/internal/otp"
)

// wrongSeedErrorCheck is the ErrorCheck of an apply that activates a token at counter 0 from
// the wrong seed (what the test calls it: "seed" or "secret"). It takes the first error, which
// must match want and show neither the wrong seed nor the one-time password it gives, and
// records in failed that it came; later errors fail the test. ErrorCheck sees the engine's whole
// error output, which ExpectError could only match.
func wrongSeedErrorCheck(t *testing.T, what, wrong string, want *regexp.Regexp, failed *bool) func(error) error {
	t.Helper()
	seed, err := otp.DecodeSecret(wrong)
	if err != nil {
		t.Fatal(err)
	}
	code, err := otp.HOTP(seed, 0, 6, otp.HmacSHA1)
	if err != nil {
		t.Fatal(err)
	}
	return func(err error) error {
		if *failed {
			return err
		}
		if !want.MatchString(err.Error()) {
			return fmt.Errorf("the error does not say the %s does not match: %w", what, err)
		}
		if strings.Contains(strings.ToLower(err.Error()), strings.ToLower(wrong)) || strings.Contains(err.Error(), code) {
			return fmt.Errorf("the error shows the %s or the OTP: %w", what, err)
		}
		*failed = true
		return nil
	}
}

// wrongSecretError is the diagnostic for a secret that is not the token's seed.
const wrongSecretError = `(?s)Activation secret does not match the token.*the\s+activation\s+secret\s+does\s+not\s+match\s+the\s+token's\s+seed\s+` +
	`\(PingOne\s+rejected\s+the\s+one-time\s+password\s+computed\s+from\s+it\).*The\s+pairing\s+was\s+undone`

// TestAccUserMFADeviceOATHToken_WrongSecret activates with a secret that is not the token's seed:
// PingOne refuses the one OTP computed from it, and the apply fails saying so, with neither the
// secret nor the OTP in the output. The pairing is undone, the counter has not moved, and the
// refused OTP was not sent again.
func TestAccUserMFADeviceOATHToken_WrongSecret(t *testing.T) {
	e := acctest.StartEmulator(t)
	env := e.Info.EnvironmentID
	user := e.CreateUser(t, env, "wrong")
	spec := pairedHOTP(e.Serial("WRONGSEED"))
	wrong := seedSHA256 // a valid seed, not this token's
	failed := false
	tc := pairingCase(t, e, []string{user},
		resource.TestStep{
			Config: e.ProviderConfig() + spec.hcl(env, "") + pairingHCL(env, user, fmt.Sprintf("  activation_secret = %q", wrong)),
		},
		resource.TestStep{
			// The token is back as it was: unpaired, its counter where it started. So is the
			// user: no device.
			Config: e.ProviderConfig() + spec.hcl(env, ""),
			Check: func(*terraform.State) error {
				if !failed {
					return fmt.Errorf("the apply with the wrong secret did not fail as expected")
				}
				token := tokenBySerial(t, e, env, spec.Serial)
				if len(token.Devices) != 0 || token.HOTP.Counter != 0 {
					return fmt.Errorf("token after the failed activation: devices %+v, counter %d", token.Devices, token.HOTP.Counter)
				}
				if devices := userDevices(t, e, user); len(devices) != 0 {
					return fmt.Errorf("the user kept devices %+v", devices)
				}
				if e.CanCheck("one activation request: the refused OTP is not sent again") && e.APICalls(routeActivate) != 1 {
					return fmt.Errorf("%d activation requests, want 1: the refused OTP is not sent again", e.APICalls(routeActivate))
				}
				return nil
			},
		},
	)
	tc.ErrorCheck = wrongSeedErrorCheck(t, "secret", wrong, regexp.MustCompile(wrongSecretError), &failed)
	resource.ParallelTest(t, tc)
}

// TestAccUserMFADeviceOATHToken_RefusedPairings asks for pairings PingOne refuses, each with an
// error that says what to fix: a serial number no token has, a token another user holds (naming
// that user and the device), and a token the same user holds already outside Terraform (with the
// import command). Nothing in PingOne changes.
func TestAccUserMFADeviceOATHToken_RefusedPairings(t *testing.T) {
	e := acctest.StartEmulator(t)
	env := e.Info.EnvironmentID
	held, missing := e.Serial("HELD"), e.Serial("NOSUCHTOKEN")
	token, err := e.Client(t).CreateOATHToken(t.Context(), env, pingoneHOTP(held, 0))
	if err != nil {
		t.Fatal(err)
	}
	holder, device := e.PairToken(t, env, token.ID, held, seedSHA1)
	other := e.CreateUser(t, env, "other")
	pairing := func(user, serial string) string {
		return e.ProviderConfig() + fmt.Sprintf(`
resource "pingone_user_mfa_device_oath_token" "test" {
  environment_id = %q
  user_id        = %q
  serial_number  = %q
}
`, env, user, serial)
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: pairing(other, missing),
				ExpectError: regexp.MustCompile(`(?s)OATH token not found.*PingOne has no OATH token with serial number\s+` +
					missing),
			},
			{
				Config: pairing(other, held),
				ExpectError: regexp.MustCompile(`(?s)OATH token already paired.*The OATH token ` + held + ` is already paired with user\s+` +
					holder + `\s+\(device\s+` + device + `\).*unpair it from that user first`),
			},
			{
				Config: pairing(holder, held),
				ExpectError: regexp.MustCompile(`(?s)OATH token already paired.*not taken over silently.*terraform import\s+` +
					`pingone_user_mfa_device_oath_token\.<name>\s+` + env + "/" + holder + "/" + device),
			},
		},
	})
	if e.CanCheck("one activation request, the holder's own") && e.APICalls(routeActivate) != 1 {
		t.Errorf("%d activation requests, want only the holder's own", e.APICalls(routeActivate))
	}
	if devices := userDevices(t, e, other); len(devices) != 0 {
		t.Errorf("the other user got devices: %+v", devices)
	}
	if token := tokenBySerial(t, e, env, held); len(token.Devices) != 1 || token.Devices[0].DeviceID != device {
		t.Errorf("the holder's pairing changed: %+v", token.Devices)
	}
}

// badPairingConfig is a pairing of a user and a serial number that need not exist, with extra.
func badPairingConfig(e *acctest.Emulator, extra string) string {
	return e.ProviderConfig() + fmt.Sprintf(`
resource "pingone_user_mfa_device_oath_token" "test" {
  environment_id = %q
  user_id        = "66666666-7777-8888-9999-000000000000"
  serial_number  = "BADCONFIG"
%s
}
`, e.Info.EnvironmentID, extra)
}

// TestAccUserMFADeviceOATHToken_BadConfig refuses, at plan time and without a call to PingOne,
// activate = true without a secret and an activation secret that is not hexadecimal.
func TestAccUserMFADeviceOATHToken_BadConfig(t *testing.T) {
	e := acctest.StartEmulator(t)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      badPairingConfig(e, "  activate = true"),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Activation needs the token's secret.*activation_secret_wo`),
			},
			{
				Config:      badPairingConfig(e, `  activation_secret = "not-hex"`),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Invalid OATH token secret.*activation_secret must be\s+hexadecimal`),
			},
		},
	})
	if e.CanCheck("no request for configurations refused at plan time") && e.Counters().Total != 0 {
		t.Errorf("%d requests reached PingOne for configurations refused at plan time", e.Counters().Total)
	}
}

// TestAccUserMFADeviceOATHToken_BothSecrets refuses activation_secret and activation_secret_wo
// together at plan time. Engines before 1.11 refuse any write-only value, for another reason.
func TestAccUserMFADeviceOATHToken_BothSecrets(t *testing.T) {
	e := acctest.StartEmulator(t)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		Steps: []resource.TestStep{{
			Config:      badPairingConfig(e, fmt.Sprintf("  activation_secret = %q\n  activation_secret_wo = %q", seedSHA1, seedSHA1)),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)Invalid Attribute Combination.*activation_secret_wo`),
		}},
	})
	if e.CanCheck("no request for a configuration refused at plan time") && e.Counters().Total != 0 {
		t.Errorf("%d requests reached PingOne for a configuration refused at plan time", e.Counters().Total)
	}
}
