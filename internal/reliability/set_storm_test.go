package reliability_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"testing"

	"github.com/oathtokens/terraform-provider-pingone/internal/acctest"
	"github.com/oathtokens/terraform-provider-pingone/internal/emulator"
)

// setStormSize is the token set the storm applies: a vendor's seed file of ten thousand tokens.
const setStormSize = 10000

const (
	jobsRoute     = "POST /v1/environments/{envID}/oathJobs"
	jobRoute      = "GET /v1/environments/{envID}/oathJobs/{jobID}"
	tokenListPage = "GET /v1/environments/{envID}/oathTokens"
)

// TestAccFaults_SetStorm10000 applies a set of 10,000 tokens while a seeded 10 % of every API
// and auth request fails with 429, 500, 502, 503 or 504 (fewer than the 30 % of the per-token
// storm: a set's refresh is a hundred list pages in a row, each fault costs seconds of backoff,
// and 20 % took the engines 4 to 6 minutes), and the answer to one job submission is
// lost after PingOne accepted it (the client submits again, and the second job meets the first
// one's tokens as duplicates). Nothing is lost and nothing is made twice: PingOne holds the
// 10,000 serial numbers once each, the state holds all of them, and a second plan, still under
// the storm, is empty. The destroy, under the storm too, leaves nothing.
func TestAccFaults_SetStorm10000(t *testing.T) {
	requireAcc(t)
	acctest.NeedsControlAPI(t, "fails a seeded 10 % of the requests of a set of 10,000 tokens and loses one job submission's answer")
	t.Parallel()
	e := acctest.StartEmulator(t)
	env := e.Info.EnvironmentID
	w := newWorkspace(t, e)
	// range() makes at most 1024 numbers, so the serial numbers are made in thousands.
	w.writeConfig(fmt.Sprintf(`
locals {
  serials = flatten([for k in range(%d) : [for i in range(1000) : format("SETSTORM%%05d", k * 1000 + i)]])
}

resource "pingone_oath_token_set" "storm" {
  environment_id = %q
  tokens  = { for s in local.serials : s => { type = "HOTP", otp_length = 6 } }
  secrets = { for s in local.serials : s => %q }
}
`, setStormSize/1000, env, seedSHA1))

	storm := e.InjectFault(t, emulator.Fault{Route: "*", Rate: 0.1, Seed: 20261202, Statuses: []int{429, 500, 502, 503, 504}, RetryAfter: 1})
	dropped := e.InjectFault(t, emulator.Fault{Route: jobsRoute, Count: 1, Mode: emulator.ModeCommitThenDrop})

	apply := underStorm(t, w, 0, "apply", "-auto-approve", "-input=false", "-no-color")
	afterApply := e.Counters()
	plan := underStorm(t, w, 0, "plan", "-detailed-exitcode", "-input=false", "-no-color")
	afterPlan := e.Counters()

	held := e.TokenSerials(env)
	slices.Sort(held)
	want := make([]string, setStormSize)
	for i := range want {
		want[i] = fmt.Sprintf("SETSTORM%05d", i)
	}
	if !slices.Equal(held, want) {
		t.Fatalf("PingOne holds %d serial numbers after the storm, want the %d declared, each once", len(held), setStormSize)
	}
	if inState := w.stateSetSerials("pingone_oath_token_set.storm"); !slices.Equal(inState, want) {
		t.Fatalf("the state holds %d serial numbers, want the %d declared", len(inState), setStormSize)
	}
	if n := afterApply.Requests[jobsRoute]; n < setStormSize/1000+1 {
		t.Errorf("%d job submissions for %d tokens in jobs of 1000: the lost answer was not submitted again", n, setStormSize)
	}

	destroy := underStorm(t, w, 0, "destroy", "-auto-approve", "-input=false", "-no-color")
	afterDestroy := e.Counters()
	e.ClearFaults()
	if left := e.TokenSerials(env); len(left) != 0 {
		t.Fatalf("%d tokens left after destroy", len(left))
	}
	figure(t, "%s: apply %s, %d requests (%d job submissions, %d polls); second plan %s, %d requests (%d list pages); "+
		"destroy %s, %d requests; %d requests failed by the storm, %d job submission answers dropped", w.eng.version(),
		round(apply.took), afterApply.Total, afterApply.Requests[jobsRoute], afterApply.Requests[jobRoute],
		round(plan.took), afterPlan.Total-afterApply.Total, afterPlan.Requests[tokenListPage]-afterApply.Requests[tokenListPage],
		round(destroy.took), afterDestroy.Total-afterPlan.Total, storm.Fired(), dropped.Fired())
}

// stateSetSerials reads the state file directly and returns the serial numbers a token set at
// address holds, sorted.
func (w *workspace) stateSetSerials(address string) []string {
	w.t.Helper()
	var st stateFile
	if err := json.Unmarshal(w.rawState(), &st); err != nil {
		w.t.Fatalf("read the state file: %v", err)
	}
	var out []string
	for _, r := range st.Resources {
		if r.Mode != "managed" || r.Type+"."+r.Name != address {
			continue
		}
		for _, inst := range r.Instances {
			tokens, _ := inst.Attributes["tokens"].(map[string]any)
			for serial := range tokens {
				out = append(out, serial)
			}
		}
	}
	slices.Sort(out)
	return out
}
