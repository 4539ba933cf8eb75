package reliability_test

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/oathtokens/terraform-provider-pingone/internal/acctest"
	"github.com/oathtokens/terraform-provider-pingone/internal/emulator"
)

// TestAccEmulator_RestartMidApply stops the emulator while an apply of 60 tokens is under way
// and starts a new one on the same address from the same state file, as a PingOne outage
// followed by recovery would look to the provider. The apply rides out the outage (refused
// connections and dropped requests are retried); afterwards the state and PingOne hold the same
// 60 tokens with the same IDs and a plan is empty. A second restart between commands changes
// nothing either, and the destroy leaves nothing behind.
func TestAccEmulator_RestartMidApply(t *testing.T) {
	const n = 60
	requireAcc(t)
	acctest.NeedsControlAPI(t, "stops the emulator mid-apply and starts it again from its state file, as a PingOne outage would look")
	t.Parallel()
	stateFile := filepath.Join(t.TempDir(), "pingone.json")
	options := func(listen string) func(*emulator.Options) {
		return func(o *emulator.Options) {
			o.StateFile = stateFile
			o.Listen = listen
			// Each request takes 100 ms, so the apply is still going when the emulator stops.
			o.Latency = 100 * time.Millisecond
		}
	}
	first := acctest.StartEmulator(t, options("127.0.0.1:0"))
	env, addr := first.Info.EnvironmentID, first.Info.APIHostname
	w := newWorkspace(t, first)
	w.writeConfig(tokensBlock("durable", env, "DURABLE", n, ""))

	run := w.start("apply", "-auto-approve", "-input=false", "-no-color")
	deadline := time.Now().Add(time.Minute)
	for first.APICalls(createRoute) < n/3 {
		if time.Now().After(deadline) {
			t.Fatalf("the apply made %d creates in a minute: %s", first.APICalls(createRoute), run.wait())
		}
		time.Sleep(5 * time.Millisecond)
	}
	before := first.APICalls(createRoute)
	if err := first.Close(); err != nil {
		t.Fatalf("stop the emulator: %v", err)
	}
	time.Sleep(500 * time.Millisecond) // The provider meets a closed port meanwhile.
	second := acctest.StartEmulator(t, options(addr))
	if second.Info != first.Info {
		t.Fatalf("the restarted emulator differs: %+v, was %+v", second.Info, first.Info)
	}
	res := run.wait()
	if res.code != 0 {
		t.Fatalf("the apply did not ride out the restart: %s", res)
	}
	figure(t, "%s: emulator stopped after %d of %d creates for 0.5 s; the apply finished after %s with %d more creates",
		w.eng.version(), before, n, round(res.took), second.APICalls(createRoute))
	if got := second.APICalls(tokenRoute); got != 0 {
		t.Errorf("the provider fetched %d access tokens after the restart; the one it held should still be valid", got)
	}

	w.planEmpty()
	requireKeys(t, "PingOne", heldTokens(t, second, env), serials(env, "DURABLE", n))
	requireSameTokens(t, w.stateTokens(), heldTokens(t, second, env))

	if err := second.Close(); err != nil {
		t.Fatalf("stop the emulator: %v", err)
	}
	third := acctest.StartEmulator(t, options(addr))
	w.planEmpty()
	requireSameTokens(t, w.stateTokens(), heldTokens(t, third, env))
	if res := w.destroy(); res.code != 0 {
		t.Fatalf("destroy after the restarts: %s", res)
	}
	if left := third.TokenSerials(env); len(left) != 0 {
		t.Fatalf("%d tokens left after destroy", len(left))
	}
}
