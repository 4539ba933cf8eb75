package reliability_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/oathtokens/terraform-provider-pingone/internal/acctest"
	"github.com/oathtokens/terraform-provider-pingone/internal/emulator"
)

// stateTokensOf reads the tokens of a terraform-plugin-testing state as "envID/serial" → ID.
func stateTokensOf(s *terraform.State) map[string]string {
	out := map[string]string{}
	for _, r := range s.RootModule().Resources {
		if r.Type != "pingone_oath_token" {
			continue
		}
		a := r.Primary.Attributes
		out[a["environment_id"]+"/"+a["serial_number"]] = r.Primary.ID
	}
	return out
}

// checkDestroyed is a CheckDestroy that fails when PingOne still holds a token in env.
func checkDestroyed(e *acctest.Emulator, env string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if left := e.TokenSerials(env); len(left) > 0 {
			return fmt.Errorf("tokens left in PingOne after destroy: %v", left)
		}
		return nil
	}
}

// TestAccFaults_CommitThenDrop carries out the first create of each of eight tokens and then
// drops the connection without an answer, as a network failure after the commit would; then
// does the same to the first revoke of each during destroy. The apply and the destroy succeed,
// with no duplicate and no orphan: each retried create meets its own serial number and adopts
// the token, each retried revoke finds the token gone.
func TestAccFaults_CommitThenDrop(t *testing.T) {
	const n = 8
	acctest.NeedsControlAPI(t, "drops the answers to creates and revokes that PingOne carried out")
	e := acctest.StartEmulator(t)
	env := e.Info.EnvironmentID
	creates := e.InjectFault(t, emulator.Fault{Route: createRoute, Count: n, Mode: emulator.ModeCommitThenDrop})
	config := e.ProviderConfig() + tokensBlock("dropped", env, "DROP", n, "")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy: func(s *terraform.State) error {
			if err := checkDestroyed(e, env)(s); err != nil {
				return err
			}
			if got := e.APICalls(deleteRoute); got != 2*n {
				return fmt.Errorf("revoke requests = %d, want %d (each dropped once, then retried)", got, 2*n)
			}
			return nil
		},
		Steps: []resource.TestStep{
			{
				Config: config,
				Check: func(s *terraform.State) error {
					held := heldTokens(t, e, env)
					if len(held) != n {
						return fmt.Errorf("PingOne holds %d tokens, want %d", len(held), n)
					}
					requireSameTokens(t, stateTokensOf(s), held)
					if got := e.APICalls(createRoute); got != 2*n || creates.Fired() != n {
						return fmt.Errorf("create requests = %d, want %d (each of %d dropped once, then retried)", got, 2*n, creates.Fired())
					}
					return nil
				},
			},
			{
				// The same configuration destroyed, with the revokes' answers lost in turn.
				PreConfig: func() {
					e.InjectFault(t, emulator.Fault{Route: deleteRoute, Count: n, Mode: emulator.ModeCommitThenDrop})
				},
				Config:  config,
				Destroy: true,
			},
		},
	})
}

// TestAccFaults_TokenExpiresMidApply lets access tokens live 600 ms while each request takes
// 250 ms to answer: the provider, which believes a token lives a whole second (expires_in is
// rounded up to whole seconds), sends requests whose token expires on the way. It fetches a new
// token and sends them again, so the apply, the plans after it and the destroy never fail.
func TestAccFaults_TokenExpiresMidApply(t *testing.T) {
	const n = 30
	acctest.NeedsControlAPI(t, "makes access tokens live 600 ms while each request takes 250 ms")
	e := acctest.StartEmulator(t, func(o *emulator.Options) {
		o.TokenTTL = 600 * time.Millisecond
		o.Latency = 250 * time.Millisecond
	})
	env := e.Info.EnvironmentID
	var started time.Time
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             checkDestroyed(e, env),
		Steps: []resource.TestStep{{
			PreConfig: func() { started = time.Now() },
			Config:    e.ProviderConfig() + tokensBlock("expiring", env, "EXPIRE", n, ""),
			Check: func(s *terraform.State) error {
				c := e.Counters()
				figure(t, "plan and apply of %d tokens took %s: %d creates (%d answered 401 and were sent again with a new token), "+
					"%d access tokens fetched", n, round(time.Since(started)), c.Requests[createRoute],
					c.Requests[createRoute]-n, c.Requests[tokenRoute])
				if c.Requests[tokenRoute] < 2 {
					return fmt.Errorf("%d access tokens fetched: the apply did not outlive one", c.Requests[tokenRoute])
				}
				if c.Requests[createRoute] == n {
					return fmt.Errorf("no create met an expired token; the test lost its point")
				}
				requireKeys(t, "PingOne", serialKeys(env, e.TokenSerials(env)), serials(env, "EXPIRE", n))
				requireSameTokens(t, stateTokensOf(s), heldTokens(t, e, env))
				return nil
			},
		}},
	})
}

// serialKeys turns serial numbers into "envID/serial" keys.
func serialKeys(env string, serials []string) map[string]string {
	out := make(map[string]string, len(serials))
	for _, s := range serials {
		out[env+"/"+s] = ""
	}
	return out
}
