package reliability_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/oathtokens/terraform-provider-pingone/internal/acctest"
	"github.com/oathtokens/terraform-provider-pingone/internal/emulator"
	"github.com/oathtokens/terraform-provider-pingone/internal/pingone"
)

// assignmentsFaultsSize is how many tokens the bulk assignments pair under faults.
const assignmentsFaultsSize = 200

// TestAccAssignments_Faults pairs and activates 200 tokens with one pingone_oath_token_assignments
// while about 30 % of the requests to the device routes, the token reads and the token listings
// fail, with statuses PingOne's retry advice names or, for pairings and activations, carried out
// with their answers lost; the pairings run eight at a time. Every pairing ends ACTIVE with its
// own user, each token's counter moved exactly one step, no user holds a second device and no
// token is paired twice; the refresh then plans nothing, and the destroy, under faults on the
// unpairs, leaves every token unpaired.
func TestAccAssignments_Faults(t *testing.T) {
	const n = assignmentsFaultsSize
	acctest.NeedsControlAPI(t, "fails or loses the answers of about 30 % of the requests of 200 pairings")
	e := acctest.StartEmulator(t)
	env := e.Info.EnvironmentID
	serials := make([]string, n)
	creates := make([]pingone.OATHTokenCreate, n)
	for i := range serials {
		serials[i] = fmt.Sprintf("BULK%03d", i)
		creates[i] = pingone.OATHTokenCreate{SerialNumber: serials[i], Secret: seedSHA1, Type: "HOTP", OTPLength: 6}
	}
	loadTokensJob(t, e, creates)
	users := createUsers(t, e, "bulk", n)
	var assignments, seeds strings.Builder
	for i, serial := range serials {
		fmt.Fprintf(&assignments, "    %s = %q\n", serial, users[i])
		fmt.Fprintf(&seeds, "    %s = %q\n", serial, seedSHA1)
	}
	config := e.ProviderConfig() + fmt.Sprintf(`
resource "pingone_oath_token_assignments" "bulk" {
  environment_id = %q
  assignments = {
%s  }
  activation_secrets = {
%s  }
}
`, env, assignments.String(), seeds.String())

	inject := func(fs ...emulator.Fault) { injectFaults(t, e, fs...) }
	var started time.Time
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			e.ClearFaults()
			tokens, err := e.Client(t).ListOATHTokens(context.Background(), env, pingone.ListOATHTokensOptions{ExpandDevices: true})
			if err != nil {
				return err
			}
			if len(tokens) != n {
				return fmt.Errorf("%d tokens after destroy, want the %d loaded", len(tokens), n)
			}
			for _, tok := range tokens {
				if len(tok.Devices) != 0 {
					return fmt.Errorf("token %s is still paired after destroy: %+v", tok.SerialNumber, tok.Devices)
				}
			}
			return nil
		},
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					e.ResetCounters()
					started = time.Now()
					inject(pairingFaults(200)...)
					// The searches that explain a refused pairing, and the refresh's listing.
					inject(emulator.Fault{Route: listRoute, Rate: 0.3, Seed: 206, Statuses: faultStatuses})
				},
				Config: config,
				Check: func(*terraform.State) error {
					c := e.Counters()
					figure(t, "%d pairings activated in %s under about 30 %% faults: %d pairing, %d activation, %d device-read, "+
						"%d token-read, %d token-list requests", n, round(time.Since(started)), c.Requests[pairRoute],
						c.Requests[activateRoute], c.Requests[deviceRoute], c.Requests[readRoute], c.Requests[listRoute])
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
					if err := checkEachTokenOnce(t, e, serials, users); err != nil {
						t.Error(err)
					}
				},
				Config:           config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				PreConfig: func() { inject(unpairFaults(200)...) },
				Config:    config,
				Destroy:   true,
			},
		},
	})
}

// checkEachTokenOnce fails unless each token is paired with exactly one device, its own user's.
func checkEachTokenOnce(t *testing.T, e *acctest.Emulator, serials, users []string) error {
	tokens, err := e.Client(t).ListOATHTokens(context.Background(), e.Info.EnvironmentID, pingone.ListOATHTokensOptions{ExpandDevices: true})
	if err != nil {
		return err
	}
	bySerial := make(map[string]pingone.OATHToken, len(tokens))
	for _, tok := range tokens {
		bySerial[tok.SerialNumber] = tok
	}
	for i, serial := range serials {
		tok, ok := bySerial[serial]
		if !ok || len(tok.Devices) != 1 || tok.Devices[0].UserID != users[i] {
			return fmt.Errorf("token %s is paired with %+v, want once, with user %d", serial, tok.Devices, i)
		}
	}
	return nil
}

// loadTokensJob creates tokens in one batch job, before any fault, as an administrator loading a
// shipment.
func loadTokensJob(t *testing.T, e *acctest.Emulator, tokens []pingone.OATHTokenCreate) {
	t.Helper()
	ctx := context.Background()
	client := e.Client(t)
	job, err := client.CreateTokensJob(ctx, e.Info.EnvironmentID, tokens)
	if err != nil {
		t.Fatal(err)
	}
	if job, err = client.WaitForOATHJob(ctx, e.Info.EnvironmentID, job, pingone.DefaultJobPolling); err != nil {
		t.Fatal(err)
	}
	if job.Result.Created != len(tokens) {
		t.Fatalf("the job created %d tokens, want %d", job.Result.Created, len(tokens))
	}
}
