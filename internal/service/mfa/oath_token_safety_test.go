package mfa_test

import (
	"context"
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/oathtokens/terraform-provider-pingone/internal/acctest"
	"github.com/oathtokens/terraform-provider-pingone/internal/emulator"
)

// TestAccOATHToken_PairedGuard pairs the token with a user: destroying or replacing it fails,
// naming the user and device, until allow_revoke_when_paired = true is applied.
func TestAccOATHToken_PairedGuard(t *testing.T) {
	e := acctest.StartEmulator(t)
	env := e.Info.EnvironmentID
	serial := e.Serial("PAIRED1")
	var deviceID string
	guarded := hotpConfig(e, serial, "")
	allowed := hotpConfig(e, serial, "allow_revoke_when_paired = true")
	resource.ParallelTest(t, testCase(t, e,
		resource.TestStep{
			Config: guarded,
			Check: func(s *terraform.State) error {
				_, deviceID = e.PairToken(t, env, stateID(s), serial, seedSHA1)
				return nil
			},
		},
		resource.TestStep{
			// The refresh sees the pairing.
			Config: guarded,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(tokenAddr, tfjsonpath.New("paired_devices"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectExact(map[string]knownvalue.Check{
						"device_id": knownvalue.NotNull(), "user_id": knownvalue.NotNull(),
					}),
				})),
			},
		},
		resource.TestStep{
			// A replacement must revoke the paired token first: refused.
			Config:      e.ProviderConfig() + fmt.Sprintf(pairedReplacement, env, serial, seedSHA1),
			ExpectError: regexp.MustCompile(pairedError),
		},
		resource.TestStep{
			Config:      guarded,
			Destroy:     true,
			ExpectError: regexp.MustCompile(pairedError),
		},
		resource.TestStep{
			// The token survived both attempts, still paired; allowing the revoke is an in-place
			// update, and the final destroy then revokes it.
			Config: allowed,
			Check: func(*terraform.State) error {
				if token := tokenBySerial(t, e, env, serial); len(token.Devices) != 1 || token.Devices[0].DeviceID != deviceID {
					return fmt.Errorf("the token's pairing changed: %+v", token.Devices)
				}
				return nil
			},
		},
	))
}

// pairedError is the guard's message: it names the user and the device, and the way out. The
// engine wraps it where it likes: serial numbers are longer against a real PingOne.
const pairedError = `(?s)OATH token is paired with a user.*user\s+[0-9a-f-]{36}\s+\(device\s+[0-9a-f-]{36}\).*` +
	`allow_revoke_when_paired`

const pairedReplacement = `
resource "pingone_oath_token" "test" {
  environment_id = %q
  serial_number  = %q
  type           = "HOTP"
  otp_length     = 8
  secret         = %q
}
`

// TestAccOATHToken_LostResponseAdopted drops the connection after PingOne commits the create:
// the client's retry meets the serial number it just created, and adopts that token.
func TestAccOATHToken_LostResponseAdopted(t *testing.T) {
	acctest.NeedsControlAPI(t, "drops the answer to a create that PingOne carried out, and the retry must adopt the token")
	e := acctest.StartEmulator(t)
	e.AddFault(emulator.Fault{Route: "POST /v1/environments/{envID}/oathTokens", Count: 1, Mode: "commit_then_drop"})
	resource.ParallelTest(t, testCase(t, e, resource.TestStep{
		Config: hotpConfig(e, "LOST1", ""),
		Check: func(s *terraform.State) error {
			if got := serialsHeld(e, e.Info.EnvironmentID); len(got) != 1 || got[0] != "LOST1" {
				return fmt.Errorf("PingOne holds %v, want exactly [LOST1]", got)
			}
			if want := tokenBySerial(t, e, e.Info.EnvironmentID, "LOST1").ID; stateID(s) != want {
				return fmt.Errorf("state ID %s, want the token the lost request created, %s", stateID(s), want)
			}
			if n := e.APICalls("POST /v1/environments/{envID}/oathTokens"); n != 2 {
				return fmt.Errorf("create requests = %d, want 2 (the lost one and its retry)", n)
			}
			return nil
		},
	}))
}

// TestAccOATHToken_DuplicateFromOutside creates the serial number outside Terraform first: the
// apply fails with the import command, and the existing token is left alone.
func TestAccOATHToken_DuplicateFromOutside(t *testing.T) {
	e := acctest.StartEmulator(t)
	env := e.Info.EnvironmentID
	serial := e.Serial("TAKEN1")
	existing, err := e.Client(t).CreateOATHToken(context.Background(), env, pingoneHOTP(serial, 0))
	if err != nil {
		t.Fatal(err)
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: hotpConfig(e, serial, ""),
			ExpectError: regexp.MustCompile(`(?s)OATH token already exists.*` + regexp.QuoteMeta(existing.ID) +
				`.*terraform import pingone_oath_token\.<name> ` + regexp.QuoteMeta(env+"/"+serial)),
		}},
	})
	if token := tokenBySerial(t, e, env, serial); token.ID != existing.ID {
		t.Errorf("the existing token was replaced: %s, want %s", token.ID, existing.ID)
	}
}
