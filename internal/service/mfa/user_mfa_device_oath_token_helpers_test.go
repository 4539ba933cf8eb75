package mfa_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/oathtokens/terraform-provider-pingone/internal/acctest"
	"github.com/oathtokens/terraform-provider-pingone/internal/otp"
	"github.com/oathtokens/terraform-provider-pingone/internal/pingone"
)

const pairingAddr = "pingone_user_mfa_device_oath_token.test"

// Device routes, as the emulator counts them.
const (
	routePairDevice   = "POST /v1/environments/{envID}/users/{userID}/devices"
	routeActivate     = "POST /v1/environments/{envID}/users/{userID}/devices/{deviceID}"
	routeUnpairDevice = "DELETE /v1/environments/{envID}/users/{userID}/devices/{deviceID}"
	routeRevokeToken  = "DELETE /v1/environments/{envID}/oathTokens/{oathTokenID}"
)

// pairedToken is one token of a pairing test: its type, algorithm, length and seed.
type pairedToken struct {
	Serial    string
	Type      string
	Hash      string
	OTPLength int
	Seed      string
	// Counter is the HOTP token's starting counter; TimeStep the TOTP token's step.
	Counter  int
	TimeStep int
}

// hcl is the token as a pingone_oath_token block named "test".
func (s pairedToken) hcl(envID, extra string) string {
	settings := fmt.Sprintf("hotp = {\n    counter = %d\n  }", s.Counter)
	if s.Type == "TOTP" {
		settings = fmt.Sprintf("totp = {\n    time_step = %d\n  }", s.TimeStep)
	}
	return fmt.Sprintf(`
resource "pingone_oath_token" "test" {
  environment_id = %q
  serial_number  = %q
  type           = %q
  otp_length     = %d
  hash_algorithm = %q
  secret         = %q
  %s
%s
}
`, envID, s.Serial, s.Type, s.OTPLength, s.Hash, s.Seed, settings, extra)
}

func pairedHOTP(serial string) pairedToken {
	return pairedToken{Serial: serial, Type: "HOTP", Hash: "HmacSHA1", OTPLength: 6, Seed: seedSHA1}
}

// pairingHCL is a pairing named "test" of the token block's serial number with the user.
func pairingHCL(envID, userID, extra string) string {
	return fmt.Sprintf(`
resource "pingone_user_mfa_device_oath_token" "test" {
  environment_id = %q
  user_id        = %q
  serial_number  = pingone_oath_token.test.serial_number
%s
}
`, envID, userID, extra)
}

// pairingCase is a test case whose CheckDestroy asserts that nothing is left: no token in the
// environment and no OATH device of any of the users.
func pairingCase(t *testing.T, e *acctest.Emulator, users []string, steps ...resource.TestStep) resource.TestCase {
	return resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			if serials := e.TokenSerials(e.Info.EnvironmentID); len(serials) > 0 {
				return fmt.Errorf("tokens left in PingOne after destroy: %v", serials)
			}
			for _, u := range users {
				if devices := userDevices(t, e, u); len(devices) > 0 {
					return fmt.Errorf("user %s still has devices after destroy: %+v", u, devices)
				}
			}
			return nil
		},
		Steps: steps,
	}
}

// userDevices lists a user's devices through the API.
func userDevices(t *testing.T, e *acctest.Emulator, userID string) []pingone.UserDevice {
	t.Helper()
	devices, err := e.Client(t).ListUserDevices(context.Background(), e.Info.EnvironmentID, userID)
	if err != nil {
		t.Fatalf("list the devices of user %s: %v", userID, err)
	}
	return devices
}

// pairingAttr reads one attribute of the pairing from a terraform-plugin-testing state.
func pairingAttr(s *terraform.State, name string) string {
	return s.RootModule().Resources[pairingAddr].Primary.Attributes[name]
}

// checkCounterInStep fails unless PingOne's HOTP counter is exactly one past the token's start, the one
// step the activation used, and the OTP PingOne expects next is the one the physical token shows
// next: HOTP at that counter, computed from the seed here, independently of the provider.
func checkCounterInStep(t *testing.T, e *acctest.Emulator, spec pairedToken) resource.TestCheckFunc {
	return func(*terraform.State) error {
		token := tokenBySerial(t, e, e.Info.EnvironmentID, spec.Serial)
		if token.HOTP == nil || token.HOTP.Counter != int64(spec.Counter)+1 {
			return fmt.Errorf("PingOne's counter is %+v after activation, want %d: exactly the step PingOne accepted",
				token.HOTP, spec.Counter+1)
		}
		seed, err := otp.DecodeSecret(spec.Seed)
		if err != nil {
			return err
		}
		wantNext, err := otp.HOTP(seed, uint64(spec.Counter)+1, spec.OTPLength, otp.Algorithm(spec.Hash))
		if err != nil {
			return err
		}
		if !e.CanCheck("the OTP PingOne expects next is the one the token shows next") {
			return nil
		}
		gotNext, err := e.CurrentOTP(e.Info.EnvironmentID, token.ID, 0)
		if err != nil {
			return err
		}
		if gotNext != wantNext {
			return fmt.Errorf("PingOne expects the token's OTP at another counter than the token's next one")
		}
		return nil
	}
}

// checkDriftKept fails unless PingOne still knows the TOTP token's drift as 0: activation must not
// resynchronize the token to this machine's clock.
func checkDriftKept(t *testing.T, e *acctest.Emulator, serial string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if token := tokenBySerial(t, e, e.Info.EnvironmentID, serial); token.TOTP == nil || token.TOTP.Drift != 0 {
			return fmt.Errorf("PingOne's TOTP settings after activation are %+v, want drift 0", token.TOTP)
		}
		return nil
	}
}
