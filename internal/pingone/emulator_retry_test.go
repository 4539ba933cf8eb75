package pingone

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/oathtokens/terraform-provider-pingone/internal/emulator"
)

// Retries against the emulator: Retry-After, rate limits, 5xx bursts, lost answers and
// cancellation.

func TestEmulatorRetryAfterHonored(t *testing.T) {
	e := startEmulator(t, emulator.Options{})
	env := e.Info().EnvironmentID
	c := emuClient(t, emuConfig(e, AuthStyleBasic))
	e.AddFault(emulator.Fault{Route: routeCreate, Status: http.StatusTooManyRequests, Count: 1, RetryAfter: 1})
	start := time.Now()
	if _, err := c.CreateOATHToken(context.Background(), env, hotp("LIMITED")); err != nil {
		t.Fatal(err)
	}
	if elapsed := time.Since(start); elapsed < 950*time.Millisecond {
		t.Fatalf("retried after %s, before Retry-After's 1s (MinWait is 10ms)", elapsed)
	}
	if n := count(e, routeCreate); n != 2 {
		t.Fatalf("%d creates, want 2", n)
	}
}

func TestEmulatorRateLimitedParallelCalls(t *testing.T) {
	e := startEmulator(t, emulator.Options{RateLimit: 20})
	env := e.Info().EnvironmentID
	cfg := emuConfig(e, AuthStyleBasic)
	cfg.Retry.MaxAttempts = 10
	c := emuClient(t, cfg)
	var wg sync.WaitGroup
	errs := make(chan error, 40)
	for i := 0; i < 40; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := c.ListOATHTokens(context.Background(), env, ListOATHTokensOptions{}); err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if n := count(e, routeList); n <= 40 {
		t.Logf("%d list requests: the limit was never reached", n)
	}
}

func TestEmulatorServerErrorBursts(t *testing.T) {
	e := startEmulator(t, emulator.Options{})
	env := e.Info().EnvironmentID
	c := emuClient(t, emuConfig(e, AuthStyleBasic))
	ctx := context.Background()
	tok, err := c.CreateOATHToken(ctx, env, hotp("BURST"))
	if err != nil {
		t.Fatal(err)
	}
	e.ResetCounters()
	e.AddFault(emulator.Fault{Route: routeRead, Statuses: []int{500, 502, 504}, Count: 3, Seed: 7})
	if _, err := c.ReadOATHToken(ctx, env, tok.ID); err != nil {
		t.Fatalf("burst of 3 with 5 attempts: %v", err)
	}
	if n := count(e, routeRead); n != 4 {
		t.Fatalf("%d reads, want 4", n)
	}

	// A longer outage ends the retries with the last answer and the attempt count.
	e.ClearFaults()
	e.AddFault(emulator.Fault{Route: routeRead, Status: 500})
	_, err = c.ReadOATHToken(ctx, env, tok.ID)
	var apiErr *Error
	if !errors.As(err, &apiErr) || apiErr.HTTPStatus != 500 || !strings.Contains(err.Error(), "gave up after 5 attempts") {
		t.Fatalf("err %v", err)
	}
	e.ClearFaults()

	// The token endpoint is retried too.
	e.AddFault(emulator.Fault{Route: routeToken, Statuses: []int{500, 502}, Count: 2})
	fresh := emuClient(t, emuConfig(e, AuthStyleBasic))
	if _, err := fresh.ReadOATHToken(ctx, env, tok.ID); err != nil {
		t.Fatalf("token endpoint burst: %v", err)
	}
}

func TestEmulatorCommitThenDropAdoptsDuplicate(t *testing.T) {
	e := startEmulator(t, emulator.Options{})
	env := e.Info().EnvironmentID
	c := emuClient(t, emuConfig(e, AuthStyleBasic))
	ctx := context.Background()
	e.AddFault(emulator.Fault{Route: routeCreate, Mode: emulator.ModeCommitThenDrop, Count: 1})
	_, err := c.CreateOATHToken(ctx, env, hotp("DROPPED"))
	// The first attempt created the token and lost the answer; the retry finds the serial taken.
	if !IsDuplicate(err) || !RetriedAfterAmbiguousFailure(err) {
		t.Fatalf("err %v (after an ambiguous attempt: %v)", err, RetriedAfterAmbiguousFailure(err))
	}
	found, err := c.FindOATHTokenBySerial(ctx, env, "DROPPED", false)
	if err != nil || found.SerialNumber != "DROPPED" {
		t.Fatalf("adopt: %+v %v", found, err)
	}
}

func TestEmulatorCanceledContext(t *testing.T) {
	e := startEmulator(t, emulator.Options{})
	env := e.Info().EnvironmentID
	c := emuClient(t, emuConfig(e, AuthStyleBasic))
	if _, err := c.ListOATHTokens(context.Background(), env, ListOATHTokensOptions{}); err != nil {
		t.Fatal(err)
	}
	e.AddFault(emulator.Fault{Route: routeList, Status: 503, RetryAfter: 30})
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.ListOATHTokens(ctx, env, ListOATHTokensOptions{})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err %v", err)
	}
	if elapsed := time.Since(start); elapsed > 2*time.Second {
		t.Fatalf("took %s to notice the deadline", elapsed)
	}
}
