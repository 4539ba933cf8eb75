package reliability_test

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/oathtokens/terraform-provider-pingone/internal/acctest"
	"github.com/oathtokens/terraform-provider-pingone/internal/emulator"
)

// Faults that do not heal must end the run with an error a user can act on, within the
// configured timeout, and leave a state that describes exactly what exists in PingOne: every
// token made is in the state, nothing in the state is missing from PingOne.

// timeoutSlack is what an engine run may take beyond a resource timeout: starting the engine
// and the provider, refreshing, and writing the state. Generous, because a loaded CI machine
// is slow; a run that ignored the timeout would still take minutes (ten retries, waits up to
// 30 s each).
const timeoutSlack = 25 * time.Second

// requireOutput fails unless the command's output matches every pattern. The engines wrap
// long lines, so every run of white space in the output counts as one space.
func requireOutput(t *testing.T, res result, patterns ...string) {
	t.Helper()
	out := strings.Join(strings.Fields(res.output()), " ")
	for _, p := range patterns {
		if !regexp.MustCompile(p).MatchString(out) {
			t.Errorf("the output of %s does not match %q", strings.Join(res.args, " "), p)
		}
	}
	if t.Failed() {
		t.Fatalf("%s", res)
	}
	t.Logf("%s ended with: %s", strings.Join(res.args[:1], " "), firstError(res))
}

// firstError is the first error a command printed, on one line.
func firstError(res result) string {
	_, after, ok := strings.Cut(res.stderr, "Error: ")
	if !ok {
		return "(no error)"
	}
	block, _, _ := strings.Cut(after, "\nError: ")
	return strings.Join(strings.Fields(block), " ")
}

// TestAccFaults_ServerErrorForever applies three tokens in one environment and two in another
// whose creates always fail with 500, under timeouts { create = "5s" }. The run fails with
// "Create OATH token failed" within the timeout, naming the failing token and the last answer;
// the three good tokens are created and in the state, the two others are in neither.
func TestAccFaults_ServerErrorForever(t *testing.T) {
	requireAcc(t)
	acctest.NeedsControlAPI(t, "makes every create in one environment fail with 500")
	t.Parallel()
	e := acctest.StartEmulator(t)
	env, broken := e.Info.EnvironmentID, e.CreateEnvironment(true)
	w := newWorkspace(t, e)
	w.writeConfig(tokensBlock("good", env, "GOOD", 3, "") +
		tokensBlock("stuck", broken, "STUCK", 2, "  timeouts {\n    create = \"5s\"\n  }"))
	e.InjectFault(t, emulator.Fault{Route: "POST /v1/environments/" + broken + "/oathTokens", Status: 500})

	res := w.apply()
	if res.code == 0 {
		t.Fatalf("the apply succeeded although every create in %s fails: %s", broken, res)
	}
	requireOutput(t, res, `Create OATH token failed`, `create OATH token "STUCK00[01]": context deadline exceeded after \d+ attempts; the last answer was HTTP 500`)
	if res.took > 5*time.Second+timeoutSlack {
		t.Errorf("the run took %s, beyond the 5s timeout and %s of slack", res.took, timeoutSlack)
	}
	e.ClearFaults()
	requireKeys(t, "the state", w.stateTokens(), serials(env, "GOOD", 3))
	requireSameTokens(t, w.stateTokens(), heldTokens(t, e, env, broken))
	figure(t, "%s: apply failed after %s (timeouts.create = 5s) with %d creates in the broken environment",
		w.eng.version(), round(res.took), e.APICalls(createRoute)-3)
}

// TestAccFaults_InterruptedDestroy destroys four tokens while the revokes of two of them fail
// with 500 forever, under timeouts { delete = "5s" }. The destroy fails within the timeout,
// the state keeps exactly the two tokens PingOne still holds, and a second destroy once the
// fault is gone leaves nothing behind.
func TestAccFaults_InterruptedDestroy(t *testing.T) {
	requireAcc(t)
	acctest.NeedsControlAPI(t, "makes the revokes of two tokens fail with 500")
	t.Parallel()
	e := acctest.StartEmulator(t)
	env := e.Info.EnvironmentID
	w := newWorkspace(t, e)
	w.writeConfig(tokensBlock("doomed", env, "DOOM", 4, "  timeouts {\n    delete = \"5s\"\n  }"))
	w.mustRun(0, "apply", "-auto-approve", "-input=false", "-no-color")

	held := heldTokens(t, e, env)
	survivors := []string{env + "/DOOM001", env + "/DOOM003"}
	for _, k := range survivors {
		e.InjectFault(t, emulator.Fault{Route: "DELETE /v1/environments/{envID}/oathTokens/" + held[k], Status: 500})
	}
	res := w.destroy()
	if res.code == 0 {
		t.Fatalf("the destroy succeeded although two revokes always fail: %s", res)
	}
	requireOutput(t, res, `Revoke OATH token failed`,
		`revoke OATH token `+held[survivors[0]]+`: context deadline exceeded after \d+ attempts; the last answer was HTTP 500`,
		`revoke OATH token `+held[survivors[1]]+`: context deadline exceeded`)
	if res.took > 5*time.Second+timeoutSlack {
		t.Errorf("the destroy took %s, beyond the 5s timeout and %s of slack", res.took, timeoutSlack)
	}
	e.ClearFaults()
	requireKeys(t, "the state after the interrupted destroy", w.stateTokens(), survivors)
	requireSameTokens(t, w.stateTokens(), heldTokens(t, e, env))
	figure(t, "%s: interrupted destroy failed after %s (timeouts.delete = 5s), %d revoke requests",
		w.eng.version(), round(res.took), e.APICalls(deleteRoute))

	again := w.destroy()
	if again.code != 0 {
		t.Fatalf("the second destroy: %s", again)
	}
	if left := e.TokenSerials(env); len(left) != 0 || len(w.stateTokens()) != 0 {
		t.Fatalf("after the second destroy PingOne holds %v and the state %v", left, w.stateTokens())
	}
}

// TestAccFaults_CredentialsRefused runs against refused credentials, after an apply has put
// three tokens in the state: a wrong client secret (the token endpoint answers 401
// invalid_client), then an access token that has expired (the API answers 401). Each run fails
// at once with an error that says what to check, makes no API call beyond the refused one, and
// leaves the state as it was.
func TestAccFaults_CredentialsRefused(t *testing.T) {
	requireAcc(t)
	t.Parallel()
	e := acctest.StartEmulator(t)
	env := e.Info.EnvironmentID
	w := newWorkspace(t, e)
	w.writeConfig(tokensBlock("kept", env, e.Serial("KEPT"), 3, "") + tokensBlock("more", env, e.Serial("MORE"), 2, ""))
	w.mustRun(0, "apply", "-auto-approve", "-input=false", "-no-color", "-target=pingone_oath_token.kept")
	before := w.stateTokens()

	e.ResetCounters()
	w.setEnv("PINGONE_CLIENT_SECRET", "not-the-secret-"+strings.Repeat("x", 40))
	res := w.apply()
	if res.code == 0 {
		t.Fatalf("the apply succeeded with a wrong client secret: %s", res)
	}
	requireOutput(t, res, `rejected the client credentials`, `client ID, client secret, environment ID and region`,
		`invalid_client`)
	if e.CanCheck("a refused secret costs one token request (two with the auth style probe) and no API call") {
		if c := e.Counters(); c.Total != c.Requests[tokenRoute] || c.Requests[tokenRoute] > 2 {
			t.Errorf("a refused secret led to %v: want one token request (two with the auth style probe) and no API call", c.Requests)
		}
	}
	requireSameTokens(t, w.stateTokens(), before)
	if !e.CanCheck("an access token that expired fails the run at once, with an error that says to get a new one") {
		requireSameTokens(t, w.stateTokens(), heldTokens(t, e, env))
		return
	}

	e.SetTokenTTL(time.Second)
	expired := e.AccessToken(t)
	time.Sleep(1100 * time.Millisecond)
	e.ResetCounters()
	for _, name := range []string{"PINGONE_CLIENT_ID", "PINGONE_CLIENT_SECRET", "PINGONE_ENVIRONMENT_ID"} {
		w.setEnv(name, "")
	}
	w.setEnv("PINGONE_API_ACCESS_TOKEN", expired)
	res = w.apply()
	if res.code == 0 {
		t.Fatalf("the apply succeeded with an expired access token: %s", res)
	}
	requireOutput(t, res, `OATH token failed`, `refused the access token from api_access_token \(PINGONE_API_ACCESS_TOKEN\); it may have expired`,
		`get a new one`, `HTTP 401`, `ACCESS_FAILED`)
	if n := e.Counters().Total; n > 3 {
		t.Errorf("an expired access token led to %d requests; each refused call should stop its resource at once", n)
	}
	requireSameTokens(t, w.stateTokens(), before)
	requireSameTokens(t, w.stateTokens(), heldTokens(t, e, env))
}
