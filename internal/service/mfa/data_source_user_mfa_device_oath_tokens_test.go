package mfa_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/oathtokens/terraform-provider-pingone/internal/acctest"
)

const userTokensAddr = "data.pingone_user_mfa_device_oath_tokens.test"

// TestAccUserMFADeviceOATHTokensDataSource lists what one user holds: two tokens paired by
// Terraform, one activated and one waiting, ordered by serial number; another user's token is
// left out. (The emulator pairs OATH tokens only, so the filter on the device type is not
// exercised here.) A user without tokens has empty lists, and an unknown user is an error that
// names them.
func TestAccUserMFADeviceOATHTokensDataSource(t *testing.T) {
	e := acctest.StartEmulator(t)
	env := e.Info.EnvironmentID
	holder, other, empty := e.CreateUser(t, env, "holder"), e.CreateUser(t, env, "other"), e.CreateUser(t, env, "empty")
	// The terraform-plugin-testing state shim cannot read for_each instances, so each token
	// and pairing is a block of its own.
	var b strings.Builder
	b.WriteString(e.ProviderConfig())
	for _, h := range []struct{ name, user, secret string }{
		{"LISTB", holder, "null"}, {"LISTA", holder, fmt.Sprintf("%q", seedSHA1)}, {"LISTC", other, fmt.Sprintf("%q", seedSHA1)},
	} {
		fmt.Fprintf(&b, `
resource "pingone_oath_token" %[1]q {
  environment_id = %[2]q
  serial_number  = %[6]q
  type           = "HOTP"
  otp_length     = 6
  secret         = %[3]q
}

resource "pingone_user_mfa_device_oath_token" %[1]q {
  environment_id    = %[2]q
  user_id           = %[4]q
  serial_number     = pingone_oath_token.%[1]s.serial_number
  activation_secret = %[5]s
}
`, h.name, env, seedSHA1, h.user, h.secret, e.Serial(h.name))
	}
	for name, user := range map[string]string{"test": holder, "empty": empty} {
		fmt.Fprintf(&b, `
data "pingone_user_mfa_device_oath_tokens" %q {
  environment_id = %q
  user_id        = %q
  depends_on     = [pingone_user_mfa_device_oath_token.LISTA, pingone_user_mfa_device_oath_token.LISTB, pingone_user_mfa_device_oath_token.LISTC]
}
`, name, env, user)
	}
	config := b.String()
	device := func(serial, status string) knownvalue.Check {
		return knownvalue.ObjectExact(map[string]knownvalue.Check{
			"id": knownvalue.StringRegexp(uuidPattern), "oath_token_id": knownvalue.StringRegexp(uuidPattern),
			"serial_number": knownvalue.StringExact(serial), "status": knownvalue.StringExact(status),
			"created_at": knownvalue.StringRegexp(timestampPattern),
		})
	}
	resource.ParallelTest(t, pairingCase(t, e, []string{holder, other, empty},
		resource.TestStep{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(userTokensAddr, tfjsonpath.New("serial_numbers"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.StringExact(e.Serial("LISTA")), knownvalue.StringExact(e.Serial("LISTB")),
				})),
				statecheck.ExpectKnownValue(userTokensAddr, tfjsonpath.New("devices"), knownvalue.ListExact([]knownvalue.Check{
					device(e.Serial("LISTA"), "ACTIVE"), device(e.Serial("LISTB"), "ACTIVATION_REQUIRED"),
				})),
				statecheck.ExpectKnownValue("data.pingone_user_mfa_device_oath_tokens.empty", tfjsonpath.New("devices"), knownvalue.ListSizeExact(0)),
				statecheck.ExpectKnownValue("data.pingone_user_mfa_device_oath_tokens.empty", tfjsonpath.New("serial_numbers"), knownvalue.ListSizeExact(0)),
			},
		},
		resource.TestStep{
			Config: e.ProviderConfig() + fmt.Sprintf(`
data "pingone_user_mfa_device_oath_tokens" "test" {
  environment_id = %q
  user_id        = "00000000-0000-0000-0000-000000000000"
}
`, env),
			ExpectError: regexp.MustCompile(`(?s)List the user's OATH tokens failed.*PingOne has no user\s+00000000-0000-0000-0000-000000000000`),
		},
	))
}
