package sweep_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/oathtokens/terraform-provider-pingone/internal/acctest"
	"github.com/oathtokens/terraform-provider-pingone/internal/pingone"
)

const seed = "3132333435363738393031323334353637383930"

// TestSweepers sweeps an emulator holding what an interrupted run leaves (tokens and users of the
// tests' namespaces, one token paired with one of those users) beside what is not the tests': a
// vendor's token paired with a person, a serial number and a user name that merely start with the
// prefix. The sweep removes exactly the first, a second sweep finds nothing more, and a -sweep
// value that is not an environment ID is refused.
func TestSweepers(t *testing.T) {
	acctest.NeedsOwnEnvironment(t, "it plants tokens and users that are not the tests' own")
	e := acctest.StartEmulator(t)
	env := e.Info.EnvironmentID
	for name, value := range e.ProviderEnv() {
		t.Setenv(name, value)
	}
	ctx := context.Background()
	client := e.Client(t)
	for _, serial := range []string{"TFACCAB12C001PAIRED", "TFACCAB12C002LOOSE", "VENDOR0001", "TFACC1"} {
		if _, err := client.CreateOATHToken(ctx, env, pingone.OATHTokenCreate{SerialNumber: serial, Secret: seed, Type: "HOTP", OTPLength: 6}); err != nil {
			t.Fatal(err)
		}
	}
	users := map[string]string{}
	for _, name := range []string{"tfaccab12c001-holder", "TFACCAB12C002-lonely", "alice", "tfaccountant"} {
		users[name] = e.CreateUser(t, env, name)
	}
	for user, serial := range map[string]string{"tfaccab12c001-holder": "TFACCAB12C001PAIRED", "alice": "VENDOR0001"} {
		if _, err := client.PairOATHToken(ctx, env, users[user], serial); err != nil {
			t.Fatal(err)
		}
	}

	for round := 1; round <= 2; round++ {
		if err := acctest.SweepTokens(env); err != nil {
			t.Fatalf("sweep %d of the tokens: %v", round, err)
		}
		if err := acctest.SweepUsers(env); err != nil {
			t.Fatalf("sweep %d of the users: %v", round, err)
		}
		if got := strings.Join(e.TokenSerials(env), " "); got != "TFACC1 VENDOR0001" {
			t.Errorf("after sweep %d PingOne holds %s, want only the tokens that are not the tests': TFACC1 VENDOR0001", round, got)
		}
		var left []string
		for name, id := range users {
			devices, err := client.ListUserDevices(ctx, env, id)
			switch {
			case pingone.IsNotFound(err):
				continue
			case err != nil:
				t.Fatal(err)
			case name == "alice" && (len(devices) != 1 || devices[0].SerialNumber != "VENDOR0001"):
				t.Errorf("alice's pairing changed: %+v", devices)
			}
			left = append(left, name)
		}
		slices.Sort(left)
		if got := fmt.Sprint(left); got != "[alice tfaccountant]" {
			t.Errorf("after sweep %d the users %s are left, want only those that are not the tests': [alice tfaccountant]", round, got)
		}
	}

	for _, sweep := range []func(string) error{acctest.SweepTokens, acctest.SweepUsers} {
		if err := sweep("NA"); err == nil || !strings.Contains(err.Error(), "not an environment ID") {
			t.Errorf("a sweep of region NA: %v, want a refusal that asks for environment IDs", err)
		}
	}
}
