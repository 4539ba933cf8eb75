package reliability_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/oathtokens/terraform-provider-pingone/internal/acctest"
	"github.com/oathtokens/terraform-provider-pingone/internal/emulator"
	"github.com/oathtokens/terraform-provider-pingone/internal/otp"
)

// Pairing a token with a user and activating it from its seed, under faults: whatever fails and
// is retried, each token's HOTP counter moves exactly one step, the one PingOne accepted, and an
// activation whose answer was lost counts as done.

// Device routes, as the emulator counts them.
const (
	pairRoute     = "POST /v1/environments/{envID}/users/{userID}/devices"
	activateRoute = "POST /v1/environments/{envID}/users/{userID}/devices/{deviceID}"
	deviceRoute   = "GET /v1/environments/{envID}/users/{userID}/devices/{deviceID}"
	unpairRoute   = "DELETE /v1/environments/{envID}/users/{userID}/devices/{deviceID}"
	readRoute     = "GET /v1/environments/{envID}/oathTokens/{oathTokenID}"
)

// pairingsConfig is n HOTP tokens (tokensBlock) and n pairings, token i with user i, each
// activated from the token's seed.
func pairingsConfig(e *acctest.Emulator, prefix string, users []string) string {
	quoted := make([]string, len(users))
	for i, u := range users {
		quoted[i] = fmt.Sprintf("%q", u)
	}
	return e.ProviderConfig() + tokensBlock("held", e.Info.EnvironmentID, prefix, len(users), "") + fmt.Sprintf(`
locals {
  users = [%s]
}

resource "pingone_user_mfa_device_oath_token" "held" {
  count             = %d
  environment_id    = %q
  user_id           = local.users[count.index]
  serial_number     = pingone_oath_token.held[count.index].serial_number
  activation_secret = %q
}
`, strings.Join(quoted, ", "), len(users), e.Info.EnvironmentID, seedSHA1)
}

// createUsers makes n users in the emulator's environment.
func createUsers(t *testing.T, e *acctest.Emulator, prefix string, n int) []string {
	users := make([]string, n)
	for i := range users {
		users[i] = e.CreateUser(t, e.Info.EnvironmentID, fmt.Sprintf("%s%03d", prefix, i))
	}
	return users
}

// checkPairedOnce fails unless each user holds exactly one device, ACTIVE, whose token's counter
// moved from 0 to exactly 1: the step PingOne accepted, and no other.
func checkPairedOnce(t *testing.T, e *acctest.Emulator, users []string) error {
	client := e.Client(t)
	ctx := context.Background()
	for i, u := range users {
		devices, err := client.ListUserDevices(ctx, e.Info.EnvironmentID, u)
		if err != nil {
			return err
		}
		if len(devices) != 1 || devices[0].Status != "ACTIVE" {
			return fmt.Errorf("user %d holds %+v, want one ACTIVE device", i, devices)
		}
		token, err := client.ReadOATHToken(ctx, e.Info.EnvironmentID, devices[0].OATHTokenID)
		if err != nil {
			return err
		}
		if token.HOTP == nil || token.HOTP.Counter != 1 {
			return fmt.Errorf("token %s: counter %+v after activation, want exactly 1", token.SerialNumber, token.HOTP)
		}
	}
	return nil
}

// TestAccActivation_Faults pairs and activates ten tokens while about 30 % of the requests to the
// device routes and the token reads fail, with statuses PingOne's retry advice names or, for
// pairings and activations, carried out with their answers lost; the refresh after the apply
// meets the same faults, and so do the unpairs of the destroy. Every pairing ends ACTIVE with its
// token's counter at exactly 1, no user holds a second device, and the destroy leaves nothing.
func TestAccActivation_Faults(t *testing.T) {
	const n = 10
	acctest.NeedsControlAPI(t, "fails or loses the answers of about 30 % of the pairings', activations' and reads' requests")
	e := acctest.StartEmulator(t)
	env := e.Info.EnvironmentID
	users := createUsers(t, e, "faulty", n)
	config := pairingsConfig(e, "FAULTY", users)
	// The draws of a seeded fault are the same on every run, and each fault is drawn for at
	// least n requests (a fault that fails a request spares the faults after it the draw, but
	// every pairing ends with a request that passes them all), so a fault whose seed hits within
	// its first n draws always fires: each seed below hits within its first six. Where a route has both kinds of fault, 20 % fail with a status and 15 % of the
	// others are lost after the commit, about 30 % in all.
	inject := func(fs ...emulator.Fault) { injectFaults(t, e, fs...) }
	var started time.Time
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			if err := checkDestroyed(e, env)(nil); err != nil {
				return err
			}
			for i, u := range users {
				devices, err := e.Client(t).ListUserDevices(context.Background(), env, u)
				if err != nil {
					return err
				}
				if len(devices) != 0 {
					return fmt.Errorf("user %d still holds %+v after destroy", i, devices)
				}
			}
			return nil
		},
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					started = time.Now()
					inject(pairingFaults(100)...)
				},
				Config: config,
				Check: func(*terraform.State) error {
					c := e.Counters()
					figure(t, "%d pairings activated in %s under about 30 %% faults: %d pairing, %d activation, %d device-read, "+
						"%d token-read requests", n, round(time.Since(started)), c.Requests[pairRoute], c.Requests[activateRoute],
						c.Requests[deviceRoute], c.Requests[readRoute])
					return nil
				},
			},
			{
				// The faults are cleared to look at PingOne with the test's client, which retries
				// little; the refresh must then find nothing to change.
				PreConfig: func() {
					e.ClearFaults()
					if err := checkPairedOnce(t, e, users); err != nil {
						t.Error(err)
					}
				},
				Config:           config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				PreConfig: func() { inject(unpairFaults(100)...) },
				Config:    config,
				Destroy:   true,
			},
		},
	})
}

// faultStatuses are the statuses PingOne's retry advice names, which the faults answer with.
var faultStatuses = []int{500, 502, 503, 504, 429}

// pairingFaults fail about 30 % of the requests that pairing and activating tokens make, seeded
// from seed: where a route has both kinds of fault, 20 % fail with a status and 15 % of the others
// are carried out with their answers lost (pairings and activations); the device routes
// (activations, device reads and, in a destroy, unpairs) and the token reads fail with a status.
func pairingFaults(seed int64) []emulator.Fault {
	return []emulator.Fault{
		{Route: pairRoute, Rate: 0.2, Seed: seed + 8, Statuses: faultStatuses},
		{Route: pairRoute, Rate: 0.15, Seed: seed + 2, Mode: emulator.ModeCommitThenDrop},
		{Route: activateRoute, Rate: 0.15, Seed: seed + 7, Mode: emulator.ModeCommitThenDrop},
		{Route: "* /v1/environments/{envID}/users/{userID}/devices/{deviceID}", Rate: 0.2, Seed: seed + 4, Statuses: faultStatuses},
		{Route: readRoute, Rate: 0.3, Seed: seed + 5, Statuses: faultStatuses},
	}
}

// injectFaults sets each fault; acctest.Emulator.InjectFault fails the test at its end for any
// that never fired.
func injectFaults(t *testing.T, e *acctest.Emulator, fs ...emulator.Fault) {
	t.Helper()
	for _, f := range fs {
		e.InjectFault(t, f)
	}
}

// unpairFaults fail about 30 % of the unpairs of a destroy, with a status or the answer lost.
func unpairFaults(seed int64) []emulator.Fault {
	return []emulator.Fault{
		{Route: unpairRoute, Rate: 0.2, Seed: seed + 10, Statuses: faultStatuses},
		{Route: unpairRoute, Rate: 0.15, Seed: seed + 15, Mode: emulator.ModeCommitThenDrop},
	}
}

// TestAccActivation_LostAnswers carries out every pairing's first activation and drops its
// answer. The client sends it again and PingOne refuses the repeat, since the device is active;
// the provider reads the device, finds it ACTIVE, and the apply succeeds. No second OTP is
// computed: each token's counter is at exactly 1.
func TestAccActivation_LostAnswers(t *testing.T) {
	const n = 6
	acctest.NeedsControlAPI(t, "loses the answer of every pairing's first activation after PingOne carried it out")
	e := acctest.StartEmulator(t)
	users := createUsers(t, e, "lost", n)
	var dropped *emulator.FaultHandle
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             checkDestroyed(e, e.Info.EnvironmentID),
		Steps: []resource.TestStep{{
			PreConfig: func() {
				dropped = e.InjectFault(t, emulator.Fault{Route: activateRoute, Count: n, Mode: emulator.ModeCommitThenDrop})
			},
			Config: pairingsConfig(e, "LOSTANSWER", users),
			Check: func(*terraform.State) error {
				if dropped.Fired() != n {
					return fmt.Errorf("%d answers lost, want %d", dropped.Fired(), n)
				}
				if got := e.APICalls(activateRoute); got != 2*n {
					return fmt.Errorf("%d activation requests, want %d: each lost once, its repeat refused, and no new OTP", got, 2*n)
				}
				return checkPairedOnce(t, e, users)
			},
		}},
	})
}

// TestAccSecrets_ActivationTraceLogs pairs and activates a token from its seed, then tries a
// seed that is not the token's, with TF_LOG=trace into a file, engine and provider binaries as
// users run them. Neither the log nor any command's output holds the seeds or the one-time
// passwords computed from them, while the log did record the activations, masked.
func TestAccSecrets_ActivationTraceLogs(t *testing.T) {
	requireAcc(t)
	t.Parallel()
	e := acctest.StartEmulator(t)
	env := e.Info.EnvironmentID
	w := newWorkspace(t, e)
	logFile := filepath.Join(w.dir, "trace.log")
	w.setEnv("TF_LOG", "trace")
	w.setEnv("TF_LOG_PATH", logFile)
	good, bad := e.CreateUser(t, env, "good"), e.CreateUser(t, env, "bad")

	// Eight-digit OTPs, so that a chance match among the log's numbers is unlikely: the right
	// seed's OTP at counter 0, and the wrong seed's at counters 0 and 1.
	otps := map[string]string{}
	for name, seed := range map[string]string{"right": seedSHA1, "wrong": seedOther} {
		key, err := otp.DecodeSecret(seed)
		if err != nil {
			t.Fatal(err)
		}
		for counter := range uint64(2) {
			code, err := otp.HOTP(key, counter, 8, otp.HmacSHA1)
			if err != nil {
				t.Fatal(err)
			}
			otps[fmt.Sprintf("OTP of the %s seed at counter %d", name, counter)] = code
		}
	}
	leaks := &leakChecker{t: t, texts: map[string]string{}, secrets: map[string]string{
		"token seed": seedSHA1, "wrong seed": seedOther, "client secret": e.Info.ClientSecret,
	}}
	for name, code := range otps {
		leaks.secrets[name] = code
	}
	pairing := func(name, serial, user, seed string) string {
		return fmt.Sprintf(`
resource "pingone_oath_token" %[1]q {
  environment_id = %[2]q
  serial_number  = %[3]q
  type           = "HOTP"
  otp_length     = 8
  secret         = %[5]q
}

resource "pingone_user_mfa_device_oath_token" %[1]q {
  environment_id    = %[2]q
  user_id           = %[4]q
  serial_number     = pingone_oath_token.%[1]s.serial_number
  activation_secret = %[6]q
}
`, name, env, serial, user, seedSHA1, seed)
	}
	w.writeConfig(pairing("good", e.Serial("TRACEPAIR"), good, seedSHA1))
	res := w.mustRun(0, "apply", "-auto-approve", "-input=false", "-no-color")
	leaks.addResult(res)
	leaks.addResult(w.planEmpty())
	leaks.addResult(w.mustRun(0, "show", "-no-color"))

	w.writeConfig(pairing("good", e.Serial("TRACEPAIR"), good, seedSHA1) + pairing("bad", e.Serial("TRACEWRONG"), bad, seedOther))
	res = w.mustRun(1, "apply", "-auto-approve", "-input=false", "-no-color")
	leaks.addResult(res)
	requireOutput(t, res, `Activation secret does not match the token`, `PingOne rejected the one-time password`)
	leaks.addResult(w.mustRun(0, "destroy", "-auto-approve", "-input=false", "-no-color"))

	raw, err := os.ReadFile(logFile)
	if err != nil {
		t.Fatal(err)
	}
	log := string(raw)
	leaks.add("the TF_LOG=trace file", log)
	leaks.check()
	// The log must hold what it was checked for: the activations, their bodies masked, and the
	// refusal of the wrong seed's OTP.
	for _, want := range []string{
		regexp.QuoteMeta("/v1/environments/" + env + "/users/" + good + "/devices/"),
		`\\?"otp\\?":\\?"\*\*\*\\?"`,
		`INVALID_OTP`,
	} {
		if !regexp.MustCompile(want).MatchString(log) {
			t.Errorf("the trace log lacks %s; it did not capture the activation traffic", want)
		}
	}
	figure(t, "%s: %d KiB of TF_LOG=trace output checked for %d secrets and one-time passwords",
		w.eng.version(), len(raw)/1024, len(leaks.secrets))
}
