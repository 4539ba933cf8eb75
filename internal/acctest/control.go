package acctest

import (
	"testing"
	"time"

	"github.com/oathtokens/terraform-provider-pingone/internal/emulator"
)

// What only the emulator's control API can do: count requests, inject faults, change settings,
// make and delete environments, grant and withdraw roles, and show the OTP PingOne expects. A
// real PingOne has none of it, so each of these fails the test in external mode, naming itself: a
// test that needs one must say so up front with NeedsControlAPI, so that it skips before it
// creates anything, or guard one check with CanCheck. (ResetCounters alone is harmless there: it
// forgets counts that a real PingOne never kept.)

// NeedsControlAPI skips the test against a real PingOne, saying what it would have checked; call
// it first, before anything is created. With the emulator it does nothing.
func NeedsControlAPI(t testing.TB, why string) {
	t.Helper()
	if External() {
		t.Skipf("needs the emulator's control API: %s", why)
	}
}

// NeedsOwnEnvironment skips the test against a real PingOne, where the tests share one
// environment, when it needs one of its own: to list or import every token of it, say. With the
// emulator, every test has its own.
func NeedsOwnEnvironment(t testing.TB, why string) {
	t.Helper()
	if External() {
		t.Skipf("needs an environment of its own, which each emulator gives its test: %s", why)
	}
}

// notChecked starts the log line of a check that a real PingOne cannot make; make
// testacc-external lists these lines.
const notChecked = "NOT CHECKED against a real PingOne (needs the emulator's control API):"

// CanCheck reports whether the check that what describes can be made, which with the emulator it
// always can. Against a real PingOne it logs that the check was not made, and why, and returns
// false: the rest of the test still runs.
func (e *Emulator) CanCheck(what string) bool {
	if e.emu != nil {
		return true
	}
	e.t.Helper()
	e.t.Logf("%s %s", notChecked, what)
	return false
}

// control is the emulator, or a failure that names what needed it.
func (e *Emulator) control(what string) *emulator.Emulator {
	if e.emu == nil {
		e.t.Helper()
		e.t.Fatalf("%s needs the emulator's control API, which a real PingOne does not have: the test must call "+
			"acctest.NeedsControlAPI(t, why) before it creates anything, or guard the check with e.CanCheck(what)", what)
	}
	return e.emu
}

// Counters are the emulator's request counters since the last reset.
func (e *Emulator) Counters() emulator.Counters { return e.control("Counters").Counters() }

// ResetCounters sets the emulator's request counters to zero; against a real PingOne, which
// counts nothing the tests can read, it does nothing.
func (e *Emulator) ResetCounters() {
	if e.emu != nil {
		e.emu.ResetCounters()
	}
}

// APICalls counts the requests the emulator received for one route template, such as
// "POST /v1/environments/{envID}/oathTokens".
func (e *Emulator) APICalls(route string) int {
	return e.control("APICalls").Counters().Requests[route]
}

// AddFault adds a fault to the emulator; InjectFault also checks that it fired.
func (e *Emulator) AddFault(f emulator.Fault) *emulator.FaultHandle {
	return e.control("AddFault").AddFault(f)
}

// InjectFault adds a fault to the emulator, failing the test at once when the fault is invalid
// (an unknown route, say) and at its end when the fault never fired: a fault that did nothing
// proves nothing, and the test would pass for the wrong reason.
func (e *Emulator) InjectFault(t testing.TB, f emulator.Fault) *emulator.FaultHandle {
	t.Helper()
	emu := e.control("InjectFault")
	var h *emulator.FaultHandle
	func() {
		defer func() {
			if p := recover(); p != nil {
				t.Fatalf("%v", p)
			}
		}()
		h = emu.AddFault(f)
	}()
	t.Cleanup(func() {
		// A skipped test (an acceptance test without TF_ACC, say) exercised nothing on purpose.
		if h.Fired() == 0 && !t.Skipped() {
			t.Errorf("the fault on %q (status %d %v, mode %q, latency %s) never fired: the test did not exercise it",
				f.Route, f.Status, f.Statuses, f.Mode, f.Latency)
		}
	})
	return h
}

// ClearFaults removes every fault.
func (e *Emulator) ClearFaults() { e.control("ClearFaults").ClearFaults() }

// Faults reports every fault since the last clear.
func (e *Emulator) Faults() []emulator.FaultReport { return e.control("Faults").Faults() }

// CreateEnvironment makes an environment, where the worker holds a role when withRole. Against a
// real PingOne, SecondEnvironment gives another environment for tests that only need one.
func (e *Emulator) CreateEnvironment(withRole bool) string {
	return e.control("CreateEnvironment").CreateEnvironment(withRole)
}

// DeleteEnvironment deletes an environment and everything in it.
func (e *Emulator) DeleteEnvironment(id string) bool {
	return e.control("DeleteEnvironment").DeleteEnvironment(id)
}

// SetRole grants or withdraws the worker's role in an environment.
func (e *Emulator) SetRole(envID string, granted bool) { e.control("SetRole").SetRole(envID, granted) }

// CurrentOTP is the OTP PingOne expects from the token now, computed from the secret PingOne
// stored: what a test checks PingOne's side with. TokenOTP computes a token's OTP from its seed
// in both modes.
func (e *Emulator) CurrentOTP(envID, tokenID string, ahead int) (string, error) {
	return e.control("CurrentOTP").CurrentOTP(envID, tokenID, ahead)
}

// URL is the emulator's base URL, for tests that speak HTTP to it directly.
func (e *Emulator) URL() string { return e.control("URL").URL() }

// Close stops the emulator, as an outage would.
func (e *Emulator) Close() error { return e.control("Close").Close() }

// PutSettings and the setters below change the emulator's settings (internal/emulator/README.md).

// SetRateLimit limits the requests per second over all clients.
func (e *Emulator) SetRateLimit(rps float64) { e.control("SetRateLimit").SetRateLimit(rps) }

// SetLatency adds latency to every API and auth answer.
func (e *Emulator) SetLatency(d time.Duration) { e.control("SetLatency").SetLatency(d) }

// SetPageSize sets the largest list page.
func (e *Emulator) SetPageSize(n int) { e.control("SetPageSize").SetPageSize(n) }

// SetTokenTTL sets the lifetime of access tokens issued from now on.
func (e *Emulator) SetTokenTTL(d time.Duration) { e.control("SetTokenTTL").SetTokenTTL(d) }

// SetMaxTokensPerEnvironment sets how many tokens an environment holds.
func (e *Emulator) SetMaxTokensPerEnvironment(n int) {
	e.control("SetMaxTokensPerEnvironment").SetMaxTokensPerEnvironment(n)
}

// SetUnknownEnvironmentStatus sets the answer for a missing environment: 404 or 403.
func (e *Emulator) SetUnknownEnvironmentStatus(status int) {
	e.control("SetUnknownEnvironmentStatus").SetUnknownEnvironmentStatus(status)
}

// SetOpaqueAccessTokens makes access tokens that are not JWTs.
func (e *Emulator) SetOpaqueAccessTokens(on bool) {
	e.control("SetOpaqueAccessTokens").SetOpaqueAccessTokens(on)
}

// SetResyncAnswersEmpty makes a resync answer 204 without a body.
func (e *Emulator) SetResyncAnswersEmpty(on bool) {
	e.control("SetResyncAnswersEmpty").SetResyncAnswersEmpty(on)
}

// SetJobTiming sets how long batch jobs take.
func (e *Emulator) SetJobTiming(duration, perToken time.Duration) {
	e.control("SetJobTiming").SetJobTiming(duration, perToken)
}

// SetJobSyncWait sets the longest wait of a synchronous job request.
func (e *Emulator) SetJobSyncWait(d time.Duration) { e.control("SetJobSyncWait").SetJobSyncWait(d) }

// SetJobStallAfterRows stops jobs submitted from now on after n rows.
func (e *Emulator) SetJobStallAfterRows(n int) {
	e.control("SetJobStallAfterRows").SetJobStallAfterRows(n)
}

// SetJobRowFailures makes rows of jobs submitted from now on fail.
func (e *Emulator) SetJobRowFailures(failures map[string]emulator.JobRowFailure) {
	e.control("SetJobRowFailures").SetJobRowFailures(failures)
}
