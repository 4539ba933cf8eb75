package mfa_test

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/oathtokens/terraform-provider-pingone/internal/acctest"
	"github.com/oathtokens/terraform-provider-pingone/internal/pingone"
)

const assignmentsAddr = "pingone_oath_token_assignments.test"

// assignmentsSpec is a test's pingone_oath_token_assignments "test".
type assignmentsSpec struct {
	env   string
	users map[string]string // serial number → user ID
	seeds map[string]string // serial number → seed
	// writeOnly puts the seeds in activation_secrets_wo instead of activation_secrets.
	writeOnly bool
	extra     string // more arguments, as HCL
}

func (s assignmentsSpec) hcl() string {
	var b strings.Builder
	fmt.Fprintf(&b, "\nresource \"pingone_oath_token_assignments\" \"test\" {\n  environment_id = %q\n  assignments = {\n", s.env)
	for _, serial := range slices.Sorted(maps.Keys(s.users)) {
		fmt.Fprintf(&b, "    %q = %q\n", serial, s.users[serial])
	}
	b.WriteString("  }\n")
	if len(s.seeds) > 0 {
		attr := "activation_secrets"
		if s.writeOnly {
			attr = "activation_secrets_wo"
		}
		fmt.Fprintf(&b, "  %s = {\n", attr)
		for _, serial := range slices.Sorted(maps.Keys(s.seeds)) {
			fmt.Fprintf(&b, "    %q = %q\n", serial, s.seeds[serial])
		}
		b.WriteString("  }\n")
	}
	b.WriteString(s.extra + "\n}\n")
	return b.String()
}

// with returns the spec with serial assigned to user (removed when user is ""), and its seed
// (none when seed is "").
func (s assignmentsSpec) with(serial, user, seed string) assignmentsSpec {
	out := s
	out.users, out.seeds = maps.Clone(s.users), maps.Clone(s.seeds)
	if out.seeds == nil {
		out.seeds = map[string]string{}
	}
	delete(out.users, serial)
	delete(out.seeds, serial)
	if user != "" {
		out.users[serial] = user
	}
	if seed != "" {
		out.seeds[serial] = seed
	}
	return out
}

// totpToken is a TOTP token with SHA-256, 30 seconds, as PingOne takes it.
func totpToken(serial string) pingone.OATHTokenCreate {
	return pingone.OATHTokenCreate{
		SerialNumber: serial, Secret: seedSHA256, Type: "TOTP", OTPLength: 6, HashAlgorithm: "HmacSHA256",
		TOTP: &pingone.TOTPSettings{TimeStep: 30},
	}
}

// consoleTokens creates tokens through the API, as the PingOne console would, and returns their IDs
// by serial number.
func consoleTokens(t *testing.T, e *acctest.Emulator, tokens ...pingone.OATHTokenCreate) map[string]string {
	t.Helper()
	ids := map[string]string{}
	for _, in := range tokens {
		tok, err := e.Client(t).CreateOATHToken(context.Background(), e.Info.EnvironmentID, in)
		if err != nil {
			t.Fatalf("create token %s: %v", in.SerialNumber, err)
		}
		ids[in.SerialNumber] = tok.ID
	}
	return ids
}

// createUsers makes users named after names, and returns their IDs in the same order.
func createUsers(t *testing.T, e *acctest.Emulator, names ...string) []string {
	t.Helper()
	out := make([]string, len(names))
	for i, name := range names {
		out[i] = e.CreateUser(t, e.Info.EnvironmentID, name)
	}
	return out
}

// holding checks that PingOne pairs the token with the user, by a device in status, and that the
// state's devices say so too.
func holding(t *testing.T, e *acctest.Emulator, serial, user, status string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		token := tokenBySerial(t, e, e.Info.EnvironmentID, serial)
		if len(token.Devices) != 1 || !pingone.SameID(token.Devices[0].UserID, user) {
			return fmt.Errorf("token %s is paired with %+v, want user %s", serial, token.Devices, user)
		}
		device, err := e.Client(t).ReadUserDevice(context.Background(), e.Info.EnvironmentID, user, token.Devices[0].DeviceID)
		if err != nil {
			return err
		}
		if device.Status != status {
			return fmt.Errorf("token %s's device is %s, want %s", serial, device.Status, status)
		}
		attrs := s.RootModule().Resources[assignmentsAddr].Primary.Attributes
		if got := attrs["devices."+serial+".id"]; got != device.ID {
			return fmt.Errorf("the state's device of %s is %q, PingOne's %s", serial, got, device.ID)
		}
		if got := attrs["devices."+serial+".status"]; got != status {
			return fmt.Errorf("the state's status of %s is %q, want %s", serial, got, status)
		}
		return nil
	}
}

// unpaired checks that the token exists and is paired with nobody.
func unpaired(t *testing.T, e *acctest.Emulator, serials ...string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		for _, serial := range serials {
			if token := tokenBySerial(t, e, e.Info.EnvironmentID, serial); len(token.Devices) != 0 {
				return fmt.Errorf("token %s is still paired: %+v", serial, token.Devices)
			}
		}
		return nil
	}
}

// counterAt checks PingOne's HOTP counter of the token.
func counterAt(t *testing.T, e *acctest.Emulator, serial string, want int64) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if token := tokenBySerial(t, e, e.Info.EnvironmentID, serial); token.HOTP == nil || token.HOTP.Counter != want {
			return fmt.Errorf("token %s: PingOne's counter is %+v, want exactly %d", serial, token.HOTP, want)
		}
		return nil
	}
}

// deviceStatus is a state check of one serial number's status in devices.
func deviceStatus(serial, status string) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(assignmentsAddr, tfjsonpath.New("devices").AtMapKey(serial).AtMapKey("status"),
		knownvalue.StringExact(status))
}

// assignmentsCase wires an assignments test to the emulator. CheckDestroy asserts that the tokens
// the test loaded are still there and nobody holds any of them, and that the users hold nothing.
func assignmentsCase(t *testing.T, e *acctest.Emulator, tokens []string, users []string, steps ...resource.TestStep) resource.TestCase {
	return resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy: func(s *terraform.State) error {
			if held := serialsHeld(e, e.Info.EnvironmentID); !slices.Equal(held, slices.Sorted(slices.Values(tokens))) {
				return fmt.Errorf("PingOne holds tokens %v after destroy, want the ones loaded, %v", held, tokens)
			}
			if err := unpaired(t, e, tokens...)(s); err != nil {
				return err
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
