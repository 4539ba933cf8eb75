package mfa_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/oathtokens/terraform-provider-pingone/internal/acctest"
	"github.com/oathtokens/terraform-provider-pingone/internal/pingone"
)

// RFC 4226's test seed, "12345678901234567890" in hex, and longer ones for SHA-256 and SHA-512.
const (
	seedSHA1   = "3132333435363738393031323334353637383930"
	seedSHA256 = seedSHA1 + "313233343536373839303132"
	seedSHA512 = seedSHA1 + seedSHA1 + seedSHA1 + "31323334"
)

const tokenAddr = "pingone_oath_token.test"

// testCase wires a test case to the emulator: the provider, and a CheckDestroy that asserts
// PingOne holds none of the serial numbers the test created.
func testCase(t *testing.T, e *acctest.Emulator, steps ...resource.TestStep) resource.TestCase {
	return resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			if serials := e.TokenSerials(e.Info.EnvironmentID); len(serials) > 0 {
				return fmt.Errorf("tokens left in PingOne after destroy: %v", serials)
			}
			return nil
		},
		Steps: steps,
	}
}

// serialsHeld returns the serial numbers the environment holds (the test's own, against a real
// PingOne), sorted, for exact comparisons.
func serialsHeld(e *acctest.Emulator, envID string) []string {
	serials := e.TokenSerials(envID)
	slices.Sort(serials)
	return serials
}

// tokenBySerial reads a token through the API, as a user would look it up.
func tokenBySerial(t *testing.T, e *acctest.Emulator, envID, serial string) *pingone.OATHToken {
	t.Helper()
	token, err := e.Client(t).FindOATHTokenBySerial(context.Background(), envID, serial, true)
	if err != nil {
		t.Fatalf("find token %s: %v", serial, err)
	}
	return token
}

func hotpConfig(e *acctest.Emulator, serial, extra string) string {
	return e.ProviderConfig() + fmt.Sprintf(`
resource "pingone_oath_token" "test" {
  environment_id = %q
  serial_number  = %q
  type           = "HOTP"
  otp_length     = 6
  secret         = %q
%s
}
`, e.Info.EnvironmentID, serial, seedSHA1, extra)
}

func pingoneHOTP(serial string, counter int64) pingone.OATHTokenCreate {
	return pingone.OATHTokenCreate{
		SerialNumber: serial, Secret: seedSHA1, Type: "HOTP", OTPLength: 6,
		HOTP: &pingone.HOTPSettings{Counter: counter},
	}
}

// resyncForward uses the token, whose seed is seedHex, as its holder would: two consecutive OTPs a
// few steps ahead resynchronize it, which moves PingOne's counter forward.
func resyncForward(t *testing.T, e *acctest.Emulator, tokenID, seedHex string) {
	t.Helper()
	env := e.Info.EnvironmentID
	first, second := e.TokenOTP(t, env, tokenID, seedHex, 5), e.TokenOTP(t, env, tokenID, seedHex, 6)
	token, err := e.Client(t).ResyncOATHToken(context.Background(), env, tokenID, first, second)
	if err != nil {
		t.Fatalf("resync token %s: %v", tokenID, err)
	}
	if token.HOTP == nil || token.HOTP.Counter < 6 {
		t.Fatalf("after resync PingOne's counter is %+v, want it moved forward past 6", token.HOTP)
	}
}
