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
)

// loosely matches the fragments in order, each word apart from the next by any white space, as
// the engines wrap long lines.
func loosely(fragments ...string) *regexp.Regexp {
	parts := make([]string, len(fragments))
	for i, f := range fragments {
		parts[i] = strings.Join(strings.Fields(regexp.QuoteMeta(f)), `\s+`)
	}
	return regexp.MustCompile(`(?s)` + strings.Join(parts, ".*"))
}

// TestAccOATHTokenAssignments_Refused asks, in one create, for pairings PingOne refuses beside one
// it makes: a serial number no token has, a user who does not exist, a token another user holds
// (naming that user and the device), and a token its assigned user holds already by a device the
// assignments do not know (with the import to run). Each is named with its serial number; the
// pairing that was made is kept, and the error says to untaint the resource. Nothing else in
// PingOne changes.
func TestAccOATHTokenAssignments_Refused(t *testing.T) {
	e := acctest.StartEmulator(t)
	env := e.Info.EnvironmentID
	held, taken, good, missing := e.Serial("HELD"), e.Serial("TAKEN"), e.Serial("GOOD"), e.Serial("NOSUCHTOKEN")
	ids := consoleTokens(t, e, pingoneHOTP(held, 0), pingoneHOTP(taken, 0), pingoneHOTP(good, 0))
	holder, heldDevice := e.PairToken(t, env, ids[held], held, seedSHA1)
	takenBy, takenDevice := e.PairToken(t, env, ids[taken], taken, seedSHA1)
	other := createUsers(t, e, "other")[0]
	const nobody = "66666666-7777-4888-9999-000000000000"
	spec := assignmentsSpec{env: env, users: map[string]string{held: holder, taken: other, good: other, missing: other}}
	spec.users[e.Serial("NOUSER")] = nobody
	consoleTokens(t, e, pingoneHOTP(e.Serial("NOUSER"), 0))
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy: func(s *terraform.State) error {
			if devices := userDevices(t, e, other); len(devices) != 0 {
				return fmt.Errorf("the other user kept devices after destroy: %+v", devices)
			}
			// The pairings made outside Terraform are as they were.
			if err := holdingOutside(t, e, held, holder, heldDevice); err != nil {
				return err
			}
			return holdingOutside(t, e, taken, takenBy, takenDevice)
		},
		Steps: []resource.TestStep{
			{
				Config: e.ProviderConfig() + spec.hcl(),
				ExpectError: loosely("4 OATH token assignments could not be handled",
					"Every other serial number was handled and is in the state",
					held+": it is already paired with user "+holder+" (device "+heldDevice+"), its assigned user,",
					"not taken over silently", "import block whose id is \""+env+"/"+held+",...\"",
					missing+": PingOne has no OATH token with this serial number in environment "+env,
					e.Serial("NOUSER")+": PingOne has no user "+nobody,
					taken+": it is already paired with user "+takenBy+" (device "+takenDevice+")",
					"unpair it from that user first",
					"Untaint the OATH token assignments to keep the pairings made", "terraform untaint"),
			},
			{
				// The pairing that was made is PingOne's and the state's.
				Config:   e.ProviderConfig() + spec.hcl(),
				PlanOnly: true,
				PreConfig: func() {
					token := tokenBySerial(t, e, env, good)
					if len(token.Devices) != 1 || token.Devices[0].UserID != other {
						t.Errorf("the good serial number is paired with %+v, want the other user", token.Devices)
					}
				},
				ExpectNonEmptyPlan: true,
			},
		},
	})
}

// holdingOutside checks that a pairing made outside Terraform is still there.
func holdingOutside(t *testing.T, e *acctest.Emulator, serial, user, device string) error {
	token := tokenBySerial(t, e, e.Info.EnvironmentID, serial)
	if len(token.Devices) != 1 || token.Devices[0].UserID != user || token.Devices[0].DeviceID != device {
		return fmt.Errorf("token %s is paired with %+v, want user %s's device %s as before", serial, token.Devices, user, device)
	}
	return nil
}

// TestAccOATHTokenAssignments_WrongSeed activates two tokens, one with a seed that is not its own:
// PingOne refuses the one OTP computed from it, which is not sent again, and the apply fails
// saying so for that serial number, with neither the seed nor the OTP in the output; that pairing
// is undone and its counter has not moved, while the other token is paired and active.
func TestAccOATHTokenAssignments_WrongSeed(t *testing.T) {
	e := acctest.StartEmulator(t)
	env := e.Info.EnvironmentID
	wrongSerial, rightSerial := e.Serial("WRONGSEED"), e.Serial("RIGHTSEED")
	consoleTokens(t, e, pingoneHOTP(wrongSerial, 0), pingoneHOTP(rightSerial, 0))
	users := createUsers(t, e, "wrong", "right")
	wrong := seedSHA256 // a valid seed, not this token's
	spec := assignmentsSpec{env: env, users: map[string]string{wrongSerial: users[0], rightSerial: users[1]},
		seeds: map[string]string{wrongSerial: wrong, rightSerial: seedSHA1}}
	want := loosely("1 OATH token assignment could not be handled", wrongSerial+": activating it for user "+users[0]+" failed:",
		"its seed in activation_secrets does not match the token's seed", "PingOne rejected the one-time password",
		"the pairing was undone")
	failed := false
	tc := assignmentsCase(t, e, []string{wrongSerial, rightSerial}, users,
		resource.TestStep{
			PreConfig: e.ResetCounters,
			Config:    e.ProviderConfig() + spec.hcl(),
		},
		resource.TestStep{
			Config:             e.ProviderConfig() + spec.hcl(),
			PlanOnly:           true,
			ExpectNonEmptyPlan: true,
			PreConfig: func() {
				if !failed {
					t.Error("the apply with the wrong seed did not fail as expected")
				}
				token := tokenBySerial(t, e, env, wrongSerial)
				if len(token.Devices) != 0 || token.HOTP.Counter != 0 {
					t.Errorf("token after the failed activation: devices %+v, counter %d", token.Devices, token.HOTP.Counter)
				}
				if right := tokenBySerial(t, e, env, rightSerial); len(right.Devices) != 1 || right.HOTP.Counter != 1 {
					t.Errorf("the token with the right seed: devices %+v, counter %d", right.Devices, right.HOTP.Counter)
				}
				if e.CanCheck("two activation requests: the refused OTP is not sent again") && e.APICalls(routeActivate) != 2 {
					t.Errorf("%d activation requests, want 2: the refused OTP is not sent again", e.APICalls(routeActivate))
				}
			},
		},
	)
	tc.ErrorCheck = wrongSeedErrorCheck(t, "seed", wrong, want, &failed)
	resource.ParallelTest(t, tc)
}

// TestAccOATHTokenAssignments_PartialFailure adds two serial numbers to assignments that hold one,
// one of them for a user who does not exist: the other is paired and kept in the state, and once
// the user is fixed, the next apply pairs that one alone.
func TestAccOATHTokenAssignments_PartialFailure(t *testing.T) {
	e := acctest.StartEmulator(t)
	env := e.Info.EnvironmentID
	a, b, c := e.Serial("PARTA"), e.Serial("PARTB"), e.Serial("PARTC")
	consoleTokens(t, e, pingoneHOTP(a, 0), pingoneHOTP(b, 0), pingoneHOTP(c, 0))
	users := createUsers(t, e, "pa", "pb", "pc")
	start := assignmentsSpec{env: env, users: map[string]string{a: users[0]}}
	broken := start.with(b, users[1], "").with(c, "66666666-7777-4888-9999-000000000000", "")
	fixed := broken.with(c, users[2], "")
	resource.ParallelTest(t, assignmentsCase(t, e, []string{a, b, c}, users,
		resource.TestStep{Config: e.ProviderConfig() + start.hcl()},
		resource.TestStep{
			Config:      e.ProviderConfig() + broken.hcl(),
			ExpectError: loosely("1 OATH token assignment could not be handled", c+": PingOne has no user"),
		},
		resource.TestStep{
			PreConfig: e.ResetCounters,
			Config:    e.ProviderConfig() + fixed.hcl(),
			Check: resource.ComposeAggregateTestCheckFunc(
				holding(t, e, a, users[0], "ACTIVATION_REQUIRED"), holding(t, e, b, users[1], "ACTIVATION_REQUIRED"),
				holding(t, e, c, users[2], "ACTIVATION_REQUIRED"),
				func(*terraform.State) error { return calls(e, routePairDevice, 1) },
				func(*terraform.State) error { return calls(e, routeUnpairDevice, 0) },
			),
		},
	))
}

// TestAccOATHTokenAssignments_BadInput refuses, at plan time and without a call to PingOne, a
// serial number that is not one, a user ID that is not a UUID, a seed that is not hexadecimal
// (without quoting it), a seed for a serial number not assigned, and parallelism out of range;
// with write-only attributes, both seed maps at once.
func TestAccOATHTokenAssignments_BadInput(t *testing.T) {
	e := acctest.StartEmulator(t)
	const user = "66666666-7777-4888-9999-000000000000"
	base := assignmentsSpec{env: e.Info.EnvironmentID, users: map[string]string{"GOOD1": user}}
	step := func(spec assignmentsSpec, want *regexp.Regexp) resource.TestStep {
		return resource.TestStep{Config: e.ProviderConfig() + spec.hcl(), PlanOnly: true, ExpectError: want}
	}
	notHex := "zz-not-hex-seed"
	bad := base.with("GOOD1", user, notHex)
	tc := resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			step(base.with("BAD-SERIAL", user, ""), loosely("Invalid serial number", `The serial number "BAD-SERIAL" in assignments must be 1 to 50 letters and digits`)),
			step(base.with("GOOD2", "alice@example.com", ""), loosely("Invalid user ID", `assignments["GOOD2"] must be a user's ID (a UUID`, `got "alice@example.com"`)),
			step(base.with("GOOD1", user, seedSHA1).with("OTHER", "", seedSHA1), loosely("Seeds for serial numbers not assigned", "activation_secrets holds seeds for 1 serial number that assignments does not have: OTHER")),
			step(assignmentsSpec{env: base.env, users: base.users, extra: "  parallelism = 0"}, loosely("Invalid parallelism", "parallelism must be 1 to 32; got 0")),
		},
	}
	resource.ParallelTest(t, tc)
	// The seed that is not hexadecimal: ErrorCheck sees the engine's whole output, to show the
	// seed is not in it.
	refused := false
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps:                    []resource.TestStep{{Config: e.ProviderConfig() + bad.hcl(), PlanOnly: true}},
		ErrorCheck: func(err error) error {
			if !loosely("Invalid OATH token secret", "The seed of GOOD1 in activation_secrets must be hexadecimal",
				"not shown because it is a secret").MatchString(err.Error()) {
				return err
			}
			if strings.Contains(err.Error(), notHex) {
				return fmt.Errorf("the error quotes the seed: %w", err)
			}
			refused = true
			return nil
		},
	})
	if !refused && !t.Skipped() {
		t.Error("a seed that is not hexadecimal was not refused")
	}
	if e.CanCheck("no request for configurations refused at plan time") && e.Counters().Total != 0 {
		t.Errorf("%d requests reached PingOne for configurations refused at plan time: %v", e.Counters().Total, e.Counters().Requests)
	}
}

// TestAccOATHTokenAssignments_BothSeedMaps refuses activation_secrets and activation_secrets_wo
// together at plan time. Engines before 1.11 refuse any write-only value, for another reason.
func TestAccOATHTokenAssignments_BothSeedMaps(t *testing.T) {
	e := acctest.StartEmulator(t)
	spec := assignmentsSpec{env: e.Info.EnvironmentID, users: map[string]string{"GOOD1": "66666666-7777-4888-9999-000000000000"},
		seeds: map[string]string{"GOOD1": seedSHA1}, extra: fmt.Sprintf("  activation_secrets_wo = { GOOD1 = %q }", seedSHA1)}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		Steps: []resource.TestStep{{
			Config: e.ProviderConfig() + spec.hcl(), PlanOnly: true,
			ExpectError: loosely("Seeds given twice", "activation_secrets_wo or in activation_secrets, not both"),
		}},
	})
	if e.CanCheck("no request for a configuration refused at plan time") && e.Counters().Total != 0 {
		t.Errorf("%d requests reached PingOne for a configuration refused at plan time", e.Counters().Total)
	}
}
