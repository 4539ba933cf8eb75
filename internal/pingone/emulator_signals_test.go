package pingone

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/oathtokens/terraform-provider-pingone/internal/emulator"
)

// Retry signals as PingOne sends them, against the emulator: 429 and 503 without Retry-After,
// Retry-After as an HTTP date, 408, and the token endpoint's OAuth-shaped 429.

// requireFired fails the test unless each fault acted, so no test passes without its fault.
func requireFired(t *testing.T, faults ...*emulator.FaultHandle) {
	t.Helper()
	for _, f := range faults {
		if f.Fired() == 0 {
			t.Errorf("fault %d never fired", f.ID())
		}
	}
}

// TestEmulatorRetryWithoutAdvice: a 429 or 503 without Retry-After is retried after the
// client's own backoff (MinWait 10 ms .. MaxWait 50 ms here), not after a second, the
// emulator's default advice, which would show the client waited for advice it never got.
func TestEmulatorRetryWithoutAdvice(t *testing.T) {
	for _, status := range []int{http.StatusTooManyRequests, http.StatusServiceUnavailable} {
		t.Run(http.StatusText(status), func(t *testing.T) {
			e := startEmulator(t, emulator.Options{})
			env := e.Info().EnvironmentID
			c := emuClient(t, emuConfig(e, AuthStyleBasic))
			if _, err := c.ListOATHTokens(context.Background(), env, ListOATHTokensOptions{}); err != nil {
				t.Fatal(err) // Signs in first, so the timing below is the create's alone.
			}
			fault := e.AddFault(emulator.Fault{Route: routeCreate, Status: status, Count: 2, RetryAfterForm: emulator.RetryAfterAbsent})
			began := time.Now()
			if _, err := c.CreateOATHToken(context.Background(), env, hotp("NOADVICE")); err != nil {
				t.Fatal(err)
			}
			took := time.Since(began)
			requireFired(t, fault)
			if n := count(e, routeCreate); n != 3 {
				t.Fatalf("%d creates, want 3", n)
			}
			if took < 20*time.Millisecond || took > 900*time.Millisecond {
				t.Errorf("two retries without advice took %s; the backoff is 10-50 ms each", took)
			}
		})
	}
}

// TestEmulatorRetryAfterDate: Retry-After as an HTTP date is honored: the retry waits until
// that time even though MinWait is 10 ms.
func TestEmulatorRetryAfterDate(t *testing.T) {
	e := startEmulator(t, emulator.Options{})
	env := e.Info().EnvironmentID
	c := emuClient(t, emuConfig(e, AuthStyleBasic))
	if _, err := c.ListOATHTokens(context.Background(), env, ListOATHTokensOptions{}); err != nil {
		t.Fatal(err)
	}
	fault := e.AddFault(emulator.Fault{Route: routeCreate, Status: http.StatusServiceUnavailable, Count: 1,
		RetryAfter: 2, RetryAfterForm: emulator.RetryAfterDate})
	began := time.Now()
	if _, err := c.CreateOATHToken(context.Background(), env, hotp("DATED")); err != nil {
		t.Fatal(err)
	}
	requireFired(t, fault)
	// The date is two seconds ahead rounded up to the second: the wait is 2 to 3 s, less the
	// time the answer took to arrive.
	if took := time.Since(began); took < 1900*time.Millisecond || took > 4*time.Second {
		t.Errorf("retried after %s, want the 2 s the date asked for", took)
	}
	if n := count(e, routeCreate); n != 2 {
		t.Fatalf("%d creates, want 2", n)
	}
}

// TestEmulatorRetries408: 408 is on PingOne's retry list, and it says the request was not
// processed, so a create retried after it that meets its own serial is not taken for an
// ambiguous one.
func TestEmulatorRetries408(t *testing.T) {
	e := startEmulator(t, emulator.Options{})
	env := e.Info().EnvironmentID
	c := emuClient(t, emuConfig(e, AuthStyleBasic))
	fault := e.AddFault(emulator.Fault{Route: routeCreate, Status: http.StatusRequestTimeout, Count: 2})
	if _, err := c.CreateOATHToken(context.Background(), env, hotp("T408")); err != nil {
		t.Fatal(err)
	}
	requireFired(t, fault)
	if n := count(e, routeCreate); n != 3 {
		t.Fatalf("%d creates, want 3", n)
	}
	fault = e.AddFault(emulator.Fault{Route: routeCreate, Status: http.StatusRequestTimeout, Count: 1})
	_, err := c.CreateOATHToken(context.Background(), env, hotp("T408"))
	requireFired(t, fault)
	if !IsDuplicate(err) || RetriedAfterAmbiguousFailure(err) {
		t.Fatalf("a duplicate after a 408: %v (ambiguous %v)", err, RetriedAfterAmbiguousFailure(err))
	}
}

// TestEmulatorTokenEndpointLimited: the token endpoint's 429 is in the OAuth error shape; the
// client retries it (without advice here) and, when it persists, reports it with its OAuth code
// and does not remember it as a refusal of the credentials.
func TestEmulatorTokenEndpointLimited(t *testing.T) {
	e := startEmulator(t, emulator.Options{})
	env := e.Info().EnvironmentID
	fault := e.AddFault(emulator.Fault{Route: routeToken, Status: http.StatusTooManyRequests, Count: 1,
		RetryAfterForm: emulator.RetryAfterAbsent})
	c := emuClient(t, emuConfig(e, AuthStyleBasic))
	if _, err := c.ListOATHTokens(context.Background(), env, ListOATHTokensOptions{}); err != nil {
		t.Fatalf("one 429 from the token endpoint: %v", err)
	}
	requireFired(t, fault)

	fresh := emuClient(t, emuConfig(e, AuthStyleBasic))
	fault = e.AddFault(emulator.Fault{Route: routeToken, Status: http.StatusTooManyRequests, RetryAfterForm: emulator.RetryAfterAbsent})
	_, err := fresh.ListOATHTokens(context.Background(), env, ListOATHTokensOptions{})
	requireFired(t, fault)
	var apiErr *Error
	if !errors.As(err, &apiErr) || apiErr.HTTPStatus != 429 || apiErr.Code != "temporarily_unavailable" ||
		!strings.Contains(err.Error(), "gave up after 5 attempts") {
		t.Fatalf("persistent 429 from the token endpoint: %v (%+v)", err, apiErr)
	}
	e.ClearFaults()
	if _, err := fresh.ListOATHTokens(context.Background(), env, ListOATHTokensOptions{}); err != nil {
		t.Fatalf("after the limit passed, the client still fails: %v", err)
	}
}

// TestEmulatorSpeaksHTTP2: every request of the client, token requests included, goes over
// HTTP/2, as against PingOne; a lost answer there is a reset stream, which the client retries
// as the ambiguous failure it is.
func TestEmulatorSpeaksHTTP2(t *testing.T) {
	e := startEmulator(t, emulator.Options{})
	env := e.Info().EnvironmentID
	c := emuClient(t, emuConfig(e, AuthStyleBasic))
	ctx := context.Background()
	tok, err := c.CreateOATHToken(ctx, env, hotp("H2"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.ReadOATHToken(ctx, env, tok.ID); err != nil {
		t.Fatal(err)
	}
	drop := e.AddFault(emulator.Fault{Route: routeCreate, Mode: emulator.ModeCommitThenDrop, Count: 1})
	_, err = c.CreateOATHToken(ctx, env, hotp("H2DROP"))
	requireFired(t, drop)
	if !IsDuplicate(err) || !RetriedAfterAmbiguousFailure(err) {
		t.Fatalf("a create whose answer was lost over HTTP/2: %v", err)
	}
	counters := e.Counters()
	if counters.Protocols["HTTP/2.0"] != counters.Total || counters.Requests[routeToken] != 1 {
		t.Fatalf("protocols %v of %d requests (%v)", counters.Protocols, counters.Total, counters.Requests)
	}
}

// TestEmulatorAccessTokensNeverParsed: with access tokens whose payload is neither base64url
// nor JSON, everything works and one token serves the run: the client never reads its tokens
// (it relies on expires_in alone).
func TestEmulatorAccessTokensNeverParsed(t *testing.T) {
	e := startEmulator(t, emulator.Options{})
	e.SetOpaqueAccessTokens(true)
	env := e.Info().EnvironmentID
	c := emuClient(t, emuConfig(e, AuthStyleBasic))
	ctx := context.Background()
	tok, err := c.CreateOATHToken(ctx, env, hotp("OPAQUE"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.ReadOATHToken(ctx, env, tok.ID); err != nil {
		t.Fatal(err)
	}
	if err := c.RevokeOATHToken(ctx, env, tok.ID); err != nil {
		t.Fatal(err)
	}
	if n := count(e, routeToken); n != 1 {
		t.Fatalf("%d token requests, want 1", n)
	}
}

// TestEmulatorResyncEmptyAnswer: PingOne's documentation does not promise a body after a
// resync; when there is none, the client reads the token instead (one read, no more) and
// returns it as it is after the resync.
func TestEmulatorResyncEmptyAnswer(t *testing.T) {
	e := startEmulator(t, emulator.Options{})
	env := e.Info().EnvironmentID
	c := emuClient(t, emuConfig(e, AuthStyleBasic))
	ctx := context.Background()
	tok, err := c.CreateOATHToken(ctx, env, hotp("RESYNC"))
	if err != nil {
		t.Fatal(err)
	}
	otpAt := func(ahead int) string {
		code, err := e.CurrentOTP(env, tok.ID, ahead)
		if err != nil {
			t.Fatal(err)
		}
		return code
	}
	got, err := c.ResyncOATHToken(ctx, env, tok.ID, otpAt(20), otpAt(21))
	if err != nil || got.HOTP == nil || got.HOTP.Counter != 22 {
		t.Fatalf("resync: %+v %v", got, err)
	}
	e.SetResyncAnswersEmpty(true)
	e.ResetCounters()
	got, err = c.ResyncOATHToken(ctx, env, tok.ID, otpAt(5), otpAt(6))
	if err != nil || got.HOTP == nil || got.HOTP.Counter != 29 || got.ID != tok.ID {
		t.Fatalf("resync with an empty answer: %+v %v", got, err)
	}
	if n := count(e, routeRead); n != 1 {
		t.Fatalf("%d reads after the empty answer, want 1", n)
	}
}

// TestEmulatorMissingEnvironment: a deleted environment is NOT_FOUND by default, and by the
// setting a 403 that the client cannot tell from a missing role, as PingOne may answer.
func TestEmulatorMissingEnvironment(t *testing.T) {
	e := startEmulator(t, emulator.Options{})
	gone := e.CreateEnvironment(true)
	e.DeleteEnvironment(gone)
	c := emuClient(t, emuConfig(e, AuthStyleBasic))
	ctx := context.Background()
	if _, err := c.ListOATHTokens(ctx, gone, ListOATHTokensOptions{}); !IsNotFound(err) || IsForbidden(err) {
		t.Fatalf("404 mode: %v", err)
	}
	e.SetUnknownEnvironmentStatus(http.StatusForbidden)
	if _, err := c.ListOATHTokens(ctx, gone, ListOATHTokensOptions{}); !IsForbidden(err) || IsNotFound(err) {
		t.Fatalf("403 mode: %v", err)
	}
}
