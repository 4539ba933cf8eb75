package reliability_test

import (
	"io"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/oathtokens/terraform-provider-pingone/internal/acctest"
	"github.com/oathtokens/terraform-provider-pingone/internal/emulator"
)

// competitorRoute is the counter key of the competing client's requests.
const competitorRoute = "GET /v1/environments/{envID}/users/{userID}"

// TestAccLoad_Parallelism50RateLimited runs apply, plan and destroy of 100 tokens with
// -parallelism=50 against PingOne's realistic limit of 100 requests a second, over the API and
// the auth host together. As soon as the apply starts creating, another client (as other
// pipelines sharing the license do) uses up the limit's one-second burst and then keeps
// sending 85 requests a second, so the limit bites however fast or slow the machine runs the
// engine. The requests over the limit get 429 with Retry-After; the provider waits as told,
// and no command fails.
func TestAccLoad_Parallelism50RateLimited(t *testing.T) {
	const n = 100
	requireAcc(t)
	t.Parallel()
	e := acctest.StartEmulator(t, func(o *emulator.Options) { o.RateLimit = 100 })
	env := e.Info.EnvironmentID
	w := newWorkspace(t, e)
	w.writeConfig(tokensBlock("load", env, "LOAD", n, ""))

	// The competitor starts once the provider does, so the engine's start-up cannot leave the
	// provider a full bucket.
	competitorToken := e.AccessToken(t)
	e.ResetCounters()
	run := w.start("apply", "-auto-approve", "-input=false", "-no-color", "-parallelism=50")
	for deadline := time.Now().Add(time.Minute); e.APICalls(createRoute) == 0 && time.Now().Before(deadline); {
		time.Sleep(5 * time.Millisecond)
	}
	stop := compete(e, competitorToken, 150, 85)
	apply := run.wait()
	stop()
	if apply.code != 0 {
		t.Fatalf("apply at -parallelism=50: %s", apply)
	}
	afterApply := e.Counters()
	plan := w.planEmpty("-parallelism=50")
	afterPlan := e.Counters()
	requireKeys(t, "PingOne", heldTokens(t, e, env), serials(env, "LOAD", n))
	requireSameTokens(t, w.stateTokens(), heldTokens(t, e, env))
	e.ResetCounters()

	destroy := w.destroy("-parallelism=50")
	if destroy.code != 0 {
		t.Fatalf("destroy at -parallelism=50: %s", destroy)
	}
	afterDestroy := e.Counters()
	if left := e.TokenSerials(env); len(left) != 0 {
		t.Fatalf("%d tokens left after destroy", len(left))
	}
	// Every create that was not limited made a token, so the creates beyond n were answered 429.
	provider := func(c emulator.Counters) int { return c.Total - c.Requests[competitorRoute] }
	figure(t, "%s: apply %s, %d provider requests, %d creates for %d tokens (%d answered 429), competitor %d requests; "+
		"plan (no competitor) %s, %d requests; destroy (no competitor) %s, %d requests, %d revokes", w.eng.version(),
		round(apply.took), provider(afterApply), afterApply.Requests[createRoute], n, afterApply.Requests[createRoute]-n,
		afterApply.Requests[competitorRoute], round(plan.took), afterPlan.Total-afterApply.Total,
		round(destroy.took), afterDestroy.Total, afterDestroy.Requests[deleteRoute])
	if afterApply.Requests[createRoute] == n {
		t.Errorf("no create was rate limited: the test lost its point")
	}
}

// compete sends burst requests to the emulator from another client at once, then rps a second
// until stop is called. They read users that do not exist: cheap, and counted apart from the
// provider's requests.
func compete(e *acctest.Emulator, token string, burst, rps int) (stop func()) {
	client := &http.Client{Timeout: 10 * time.Second}
	send := func() {
		req, err := http.NewRequest(http.MethodGet,
			e.URL()+"/v1/environments/"+e.Info.EnvironmentID+"/users/"+uuid.NewString(), nil)
		if err != nil {
			return
		}
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := client.Do(req)
		if err != nil {
			return // The emulator closing at the end of the test; nothing to tell.
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		_ = resp.Body.Close()
	}
	var burstWG sync.WaitGroup
	for range burst {
		burstWG.Go(send)
	}
	burstWG.Wait()
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		tick := time.NewTicker(time.Second / time.Duration(rps))
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
			}
			wg.Go(send)
		}
	})
	var once sync.Once
	return func() {
		once.Do(func() {
			close(done)
			wg.Wait()
		})
	}
}
