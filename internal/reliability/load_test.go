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
// and no command fails. Every request goes over HTTP/2, as against PingOne: the provider's 50
// parallel requests share a connection as streams, which is the connection behavior users get.
func TestAccLoad_Parallelism50RateLimited(t *testing.T) {
	const n = 100
	requireAcc(t)
	acctest.NeedsControlAPI(t, "limits PingOne to 100 requests a second while a competitor uses most of them, and counts the 429s")
	t.Parallel()
	e := acctest.StartEmulator(t, func(o *emulator.Options) { o.RateLimit = 100 })
	env := e.Info.EnvironmentID
	w := newWorkspace(t, e)
	w.writeConfig(tokensBlock("load", env, "LOAD", n, ""))

	// The competitor starts once the provider does, so the engine's start-up cannot leave the
	// provider a full bucket. Its connection is opened beforehand (over HTTP/2 its 150 requests
	// share it), so no handshake delays its burst on a loaded machine.
	const burst = 150
	rival := newCompetitor(e, e.AccessToken(t), burst)
	rival.warmUp(burst)
	e.ResetCounters()
	run := w.start("apply", "-auto-approve", "-input=false", "-no-color", "-parallelism=50")
	for deadline := time.Now().Add(time.Minute); e.APICalls(createRoute) == 0 && time.Now().Before(deadline); {
		time.Sleep(5 * time.Millisecond)
	}
	stop := rival.compete(burst, 85)
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
	for what, c := range map[string]emulator.Counters{"apply": afterApply, "plan": afterPlan, "destroy": afterDestroy} {
		if c.Protocols["HTTP/2.0"] != c.Total {
			t.Errorf("%s: %v of %d requests; want every one over HTTP/2", what, c.Protocols, c.Total)
		}
	}
}

// competitor is another client of the same PingOne license, sending its own requests. They
// read users that do not exist: cheap, and counted apart from the provider's requests.
type competitor struct {
	e      *acctest.Emulator
	token  string
	client *http.Client
}

// newCompetitor makes a competitor that keeps up to conns connections open between requests.
func newCompetitor(e *acctest.Emulator, token string, conns int) *competitor {
	transport := http.DefaultTransport.(*http.Transport).Clone()
	transport.MaxIdleConnsPerHost = conns
	return &competitor{e: e, token: token, client: &http.Client{Transport: transport, Timeout: 10 * time.Second}}
}

func (c *competitor) send() {
	req, err := http.NewRequest(http.MethodGet,
		c.e.URL()+"/v1/environments/"+c.e.Info.EnvironmentID+"/users/"+uuid.NewString(), nil)
	if err != nil {
		return
	}
	req.Header.Set("Authorization", "Bearer "+c.token)
	resp, err := c.client.Do(req)
	if err != nil {
		return // The emulator closing at the end of the test; nothing to tell.
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	_ = resp.Body.Close()
}

// sendAtOnce sends n requests concurrently and waits for their answers.
func (c *competitor) sendAtOnce(n int) {
	var wg sync.WaitGroup
	for range n {
		wg.Go(c.send)
	}
	wg.Wait()
}

// warmUp opens n connections, which stay open for the burst of compete.
func (c *competitor) warmUp(n int) { c.sendAtOnce(n) }

// compete sends burst requests at once, then rps a second until stop is called.
func (c *competitor) compete(burst, rps int) (stop func()) {
	c.sendAtOnce(burst)
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
			wg.Go(c.send)
		}
	})
	var once sync.Once
	return func() {
		once.Do(func() {
			close(done)
			wg.Wait()
			c.client.CloseIdleConnections()
		})
	}
}
