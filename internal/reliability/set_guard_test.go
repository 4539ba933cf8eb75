package reliability_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/oathtokens/terraform-provider-pingone/internal/acctest"
	"github.com/oathtokens/terraform-provider-pingone/internal/pingone"
)

// TestAccSet_PairingGuardAndDestroyCalls checks the token set's pairing guard on the path that
// costs no extra read, and what a destroy costs. The guard takes the pairings from the refresh
// that precedes a revoke, so a destroy costs the refresh's listing and the revoke jobs, nothing
// more; a token paired after that refresh (here: after a refresh-only apply, then a destroy with
// -refresh=false) is still never revoked, because revoke jobs leave paired tokens alone, and the
// destroy fails naming it while the others are revoked. With a refresh, the guard sees the
// pairing first and revokes nothing, naming the user and the device.
func TestAccSet_PairingGuardAndDestroyCalls(t *testing.T) {
	requireAcc(t)
	acctest.NeedsControlAPI(t, "counts the requests of a destroy and reads the pairing the emulator made")
	t.Parallel()
	e := acctest.StartEmulator(t)
	env := e.Info.EnvironmentID
	w := newWorkspace(t, e)
	const n = 30 // more than the set reads one by one: its refresh lists
	config := func(allow bool) string {
		return fmt.Sprintf(`
resource "pingone_oath_token_set" "guarded" {
  environment_id           = %q
  tokens                   = { for i in range(%d) : format("GUARD%%02d", i) => { type = "HOTP", otp_length = 6 } }
  secrets                  = { for i in range(%d) : format("GUARD%%02d", i) => %q }
  allow_revoke_when_paired = %t
}
`, env, n, n, seedSHA1, allow)
	}
	w.writeConfig(config(false))
	w.apply()
	w.mustRun(0, "apply", "-refresh-only", "-auto-approve", "-input=false", "-no-color")

	ids := tokenIDsBySerial(t, e, env)
	userID, deviceID := e.PairToken(t, env, ids["GUARD00"], "GUARD00", seedSHA1)

	// Paired after the refresh that the state holds: the guard cannot know, the job refuses it.
	e.ResetCounters()
	res := w.mustRun(1, "destroy", "-refresh=false", "-auto-approve", "-input=false", "-no-color")
	out := strings.Join(strings.Fields(res.output()), " ")
	if !strings.Contains(out, "GUARD00") || !strings.Contains(out, "paired with a user's device by the time PingOne ran the job") {
		t.Errorf("destroy -refresh=false with GUARD00 paired since the refresh: want it named as left in place:\n%s", res.output())
	}
	c := e.Counters()
	polls := c.Requests[jobRoute]
	if c.Requests[tokenListPage] != 0 || c.Requests[readRoute] != 0 || c.Requests[jobsRoute] != 1 {
		t.Errorf("destroy -refresh=false: %d list pages, %d token reads, %d job submissions; want 0, 0 and 1: %v",
			c.Requests[tokenListPage], c.Requests[readRoute], c.Requests[jobsRoute], c.Requests)
	}
	if held := e.TokenSerials(env); !slices.Equal(held, []string{"GUARD00"}) { // one serial: no order to sort
		t.Fatalf("PingOne holds %v, want only the paired GUARD00", held)
	}
	if inState := w.stateSetSerials("pingone_oath_token_set.guarded"); !slices.Equal(inState, []string{"GUARD00"}) {
		t.Fatalf("the state holds %v, want only GUARD00, which PingOne still holds", inState)
	}

	// With a refresh, the guard sees the pairing and names the user and the device.
	e.ResetCounters()
	res = w.mustRun(1, "destroy", "-auto-approve", "-input=false", "-no-color")
	out = strings.Join(strings.Fields(res.output()), " ")
	for _, want := range []string{"OATH tokens are paired with users", "GUARD00", userID, deviceID, "nothing was revoked"} {
		if !strings.Contains(out, want) {
			t.Errorf("destroy of a paired token: want %q in:\n%s", want, res.output())
		}
	}
	if c := e.Counters(); c.Requests[jobsRoute] != 0 {
		t.Errorf("the refused destroy submitted %d jobs", c.Requests[jobsRoute])
	}

	// Allowed, and the 29 others made again: the destroy costs the refresh's one listing page
	// and one revoke job, nothing else, though the set learns the new tokens' IDs only then.
	w.writeConfig(config(true))
	w.apply()
	e.ResetCounters()
	w.destroy()
	c = e.Counters()
	if c.Requests[tokenListPage] != 1 || c.Requests[readRoute] != 0 || c.Requests[jobsRoute] != 1 {
		t.Errorf("destroy of %d tokens: %d list pages (want 1, the refresh's), %d token reads (want 0), %d job submissions "+
			"(want 1): %v", n, c.Requests[tokenListPage], c.Requests[readRoute], c.Requests[jobsRoute], c.Requests)
	}
	if held := e.TokenSerials(env); len(held) != 0 {
		t.Errorf("PingOne still holds %v", held)
	}
	figure(t, "%s: destroy -refresh=false of %d tokens, one paired since the refresh: no read, 1 revoke job, %d polls, the "+
		"paired token kept; destroy of %d tokens: 1 list page, 1 revoke job, %d polls", w.eng.version(), n, polls, n,
		c.Requests[jobRoute])
}

// tokenIDsBySerial reads the environment's token IDs through the API.
func tokenIDsBySerial(t *testing.T, e *acctest.Emulator, env string) map[string]string {
	t.Helper()
	tokens, err := e.Client(t).ListOATHTokens(t.Context(), env, pingone.ListOATHTokensOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ids := make(map[string]string, len(tokens))
	for _, tok := range tokens {
		ids[tok.SerialNumber] = tok.ID
	}
	return ids
}
