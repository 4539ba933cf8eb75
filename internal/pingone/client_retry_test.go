package pingone

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// failing answers status n times, then succeeds.
func failing(n int32, status int, header map[string]string) (http.HandlerFunc, *atomic.Int32) {
	var seen atomic.Int32
	return func(w http.ResponseWriter, r *http.Request) {
		if seen.Add(1) <= n {
			for k, v := range header {
				w.Header().Set(k, v)
			}
			writeJSON(w, status, map[string]any{"id": "e-retry", "code": "UNEXPECTED_ERROR", "message": "busy"})
			return
		}
		writeJSON(w, 200, tokenBody("tok-1", "SN"))
	}, &seen
}

func TestRetriesRetryableStatuses(t *testing.T) {
	for _, status := range []int{408, 429, 500, 502, 503, 504} {
		h, seen := failing(2, status, nil)
		f := newFake(t, h)
		c := f.client(t, f.config())
		if _, err := c.ReadOATHToken(context.Background(), fakeEnv, "tok-1"); err != nil {
			t.Fatalf("status %d: %v", status, err)
		}
		if seen.Load() != 3 {
			t.Fatalf("status %d: %d attempts, want 3", status, seen.Load())
		}
	}
}

func TestNoRetryOfOtherClientErrors(t *testing.T) {
	for _, status := range []int{400, 403, 404, 409, 415, 501} {
		h, seen := failing(5, status, nil)
		f := newFake(t, h)
		c := f.client(t, f.config())
		if _, err := c.ReadOATHToken(context.Background(), fakeEnv, "tok-1"); err == nil {
			t.Fatalf("status %d: no error", status)
		}
		if seen.Load() != 1 {
			t.Fatalf("status %d: %d attempts, want 1", status, seen.Load())
		}
	}
}

func TestRetriesExhausted(t *testing.T) {
	h, seen := failing(100, 503, map[string]string{"Retry-After": "0"})
	f := newFake(t, h)
	c := f.client(t, f.config())
	_, err := c.CreateOATHToken(context.Background(), fakeEnv, OATHTokenCreate{SerialNumber: "SN", Secret: "ab", Type: "HOTP", OTPLength: 6})
	var apiErr *Error
	if !errors.As(err, &apiErr) || apiErr.HTTPStatus != 503 || apiErr.ID != "e-retry" {
		t.Fatalf("err %v", err)
	}
	if !strings.Contains(err.Error(), "gave up after 4 attempts") || !strings.Contains(err.Error(), `create OATH token "SN"`) {
		t.Fatalf("message %q", err)
	}
	if seen.Load() != 4 {
		t.Fatalf("%d attempts, want MaxAttempts=4", seen.Load())
	}
	// Every attempt resent the whole body.
	for _, call := range f.calls() {
		if !strings.Contains(string(call.Body), `"serialNumber":"SN"`) {
			t.Fatalf("attempt without body: %q", call.Body)
		}
	}
}

func TestRetryAfterHonoredEvenBelowMinWait(t *testing.T) {
	h, _ := failing(1, 429, map[string]string{"Retry-After": "1"})
	f := newFake(t, h)
	cfg := f.config()
	cfg.Retry = RetryPolicy{MaxAttempts: 3, MinWait: 20 * time.Second, MaxWait: time.Minute}
	c := f.client(t, cfg)
	start := time.Now()
	if _, err := c.ReadOATHToken(context.Background(), fakeEnv, "tok-1"); err != nil {
		t.Fatal(err)
	}
	calls := f.calls()
	if len(calls) != 2 {
		t.Fatalf("%d calls", len(calls))
	}
	gap := calls[1].At.Sub(calls[0].At)
	if gap < 950*time.Millisecond || time.Since(start) > 5*time.Second {
		t.Fatalf("waited %s between attempts; want Retry-After's 1s, not MinWait's 20s", gap)
	}
}

func TestRetryAfterHTTPDate(t *testing.T) {
	var seen atomic.Int32
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		if seen.Add(1) == 1 {
			// HTTP dates have a one-second resolution; two seconds ahead is at least one.
			w.Header().Set("Retry-After", time.Now().Add(2*time.Second).UTC().Format(http.TimeFormat))
			writeJSON(w, 503, map[string]any{"code": "UNAVAILABLE"})
			return
		}
		writeJSON(w, 200, tokenBody("t", "S"))
	})
	c := f.client(t, f.config())
	if _, err := c.ReadOATHToken(context.Background(), fakeEnv, "t"); err != nil {
		t.Fatal(err)
	}
	calls := f.calls()
	if gap := calls[1].At.Sub(calls[0].At); gap < 900*time.Millisecond {
		t.Fatalf("waited only %s", gap)
	}
}

func TestNetworkErrorsRetried(t *testing.T) {
	var seen atomic.Int32
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		if seen.Add(1) <= 2 {
			// Drop the connection without an answer: the client sees EOF or a reset.
			conn, _, err := w.(http.Hijacker).Hijack()
			if err == nil {
				_ = conn.Close()
			}
			return
		}
		writeJSON(w, 200, tokenBody("t", "S"))
	})
	c := f.client(t, f.config())
	if _, err := c.ReadOATHToken(context.Background(), fakeEnv, "t"); err != nil {
		t.Fatal(err)
	}
	if seen.Load() != 3 {
		t.Fatalf("%d attempts", seen.Load())
	}
}

func TestNetworkErrorsExhausted(t *testing.T) {
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			_ = conn.Close()
		}
	})
	c := f.client(t, f.config())
	_, err := c.ReadOATHToken(context.Background(), fakeEnv, "t")
	if err == nil || !strings.Contains(err.Error(), "read OATH token t: gave up after 4 attempts") {
		t.Fatalf("err %v", err)
	}
}

func TestCanceledContextStopsRetries(t *testing.T) {
	h, seen := failing(100, 503, map[string]string{"Retry-After": "30"})
	f := newFake(t, h)
	c := f.client(t, f.config())
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.ReadOATHToken(ctx, fakeEnv, "t")
	if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "read OATH token t") {
		t.Fatalf("err %v", err)
	}
	if elapsed := time.Since(start); elapsed > 2*time.Second {
		t.Fatalf("returned after %s", elapsed)
	}
	if seen.Load() != 1 {
		t.Fatalf("%d attempts", seen.Load())
	}

	// A context canceled before the call makes no request at all.
	canceled, cancel2 := context.WithCancel(context.Background())
	cancel2()
	before := len(f.calls())
	if _, err := c.ReadOATHToken(canceled, fakeEnv, "t"); !errors.Is(err, context.Canceled) {
		t.Fatalf("err %v", err)
	}
	if len(f.calls()) != before {
		t.Fatal("a canceled call reached the server")
	}
}

func TestCancelDuringRequest(t *testing.T) {
	release := make(chan struct{})
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	})
	defer close(release)
	c := f.client(t, f.config())
	ctx, cancel := context.WithCancel(context.Background())
	go func() { time.Sleep(100 * time.Millisecond); cancel() }()
	_, err := c.ReadOATHToken(ctx, fakeEnv, "t")
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err %v", err)
	}
}
