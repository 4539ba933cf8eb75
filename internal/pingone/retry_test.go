package pingone

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"", 0, false},
		{"1", time.Second, true},
		{" 120 ", 2 * time.Minute, true},
		{"0", 0, true},
		{"-3", 0, false},
		{"soon", 0, false},
		{"99999", maxRetryAfter, true},
		{now.Add(7 * time.Second).Format(http.TimeFormat), 7 * time.Second, true},
		{now.Add(-time.Hour).Format(http.TimeFormat), 0, true},
		{now.Add(3 * time.Second).Format(time.RFC850), 3 * time.Second, true},
	}
	for _, tt := range tests {
		got, ok := parseRetryAfter(tt.in, now)
		if got != tt.want || ok != tt.ok {
			t.Errorf("parseRetryAfter(%q) = %s, %v; want %s, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestJitteredWaitBounds(t *testing.T) {
	minWait, maxWait := 100*time.Millisecond, 3*time.Second
	for attempt := 0; attempt < 12; attempt++ {
		ceiling := min(maxWait, minWait<<(attempt+1))
		var lowest, highest time.Duration = maxWait, 0
		for i := 0; i < 500; i++ {
			w := jitteredWait(minWait, maxWait, attempt)
			if w < minWait || w > ceiling {
				t.Fatalf("attempt %d: wait %s outside [%s, %s]", attempt, w, minWait, ceiling)
			}
			lowest, highest = min(lowest, w), max(highest, w)
		}
		// Full jitter spreads the waits over the whole range, not around one point.
		if spread := highest - lowest; spread < (ceiling-minWait)/2 {
			t.Errorf("attempt %d: waits only spread over %s of %s", attempt, spread, ceiling-minWait)
		}
	}
	if w := jitteredWait(time.Second, time.Second, 5); w != time.Second {
		t.Fatalf("MinWait == MaxWait: %s", w)
	}
	if w := jitteredWait(time.Hour, 2*time.Hour, 1000); w < time.Hour || w > 2*time.Hour {
		t.Fatalf("huge attempt: %s", w)
	}
}

func TestBackoffHonorsRetryAfterExactly(t *testing.T) {
	resp := &http.Response{StatusCode: http.StatusTooManyRequests, Header: http.Header{"Retry-After": {"1"}}}
	// Shorter than MinWait, and longer than MaxWait: the server's value wins both ways.
	if got := backoff(5*time.Second, 10*time.Second, 0, resp); got != time.Second {
		t.Fatalf("shorter than MinWait: %s", got)
	}
	resp.Header.Set("Retry-After", "40")
	if got := backoff(time.Second, 10*time.Second, 0, resp); got != 40*time.Second {
		t.Fatalf("longer than MaxWait: %s", got)
	}
	resp.StatusCode = http.StatusServiceUnavailable
	resp.Header.Del("Retry-After")
	if got := backoff(time.Second, 10*time.Second, 0, resp); got < time.Second || got > 2*time.Second {
		t.Fatalf("no Retry-After: %s", got)
	}
}

func TestCheckRetry(t *testing.T) {
	ctx := context.Background()
	for code, want := range map[int]bool{200: false, 201: false, 204: false, 400: false, 401: false, 403: false, 404: false,
		409: false, 415: false, 408: true, 429: true, 500: true, 501: false, 502: true, 503: true, 504: true, 505: false} {
		got, err := checkRetry(ctx, &http.Response{StatusCode: code}, nil)
		if got != want || err != nil {
			t.Errorf("status %d: retry %v (%v), want %v", code, got, err, want)
		}
	}
	if got, _ := checkRetry(ctx, nil, io.ErrUnexpectedEOF); !got {
		t.Error("network errors must be retried")
	}
	canceled, cancel := context.WithCancel(ctx)
	cancel()
	got, err := checkRetry(canceled, &http.Response{StatusCode: http.StatusServiceUnavailable}, nil)
	if got || !errors.Is(err, context.Canceled) {
		t.Errorf("canceled context: retry %v, err %v", got, err)
	}
}

func TestGiveUp(t *testing.T) {
	resp := &http.Response{StatusCode: http.StatusServiceUnavailable, Body: io.NopCloser(strings.NewReader("x"))}
	got, err := giveUp(resp, errors.New("unexpected HTTP status"), 4)
	if got != resp || err != nil {
		t.Fatalf("with a response: %v, %v", got, err)
	}
	_ = got.Body.Close()
	got, err = giveUp(nil, io.EOF, 4)
	closeIfAny(got)
	if got != nil || !errors.Is(err, io.EOF) || !strings.Contains(err.Error(), "gave up after 4 attempts") {
		t.Fatalf("network error: %v", err)
	}
	got, err = giveUp(resp, context.Canceled, 2)
	closeIfAny(got)
	if got != nil || !errors.Is(err, context.Canceled) || strings.Contains(err.Error(), "gave up") {
		t.Fatalf("canceled: %v", err)
	}
}

// closeIfAny closes a response that a test did not expect to get.
func closeIfAny(resp *http.Response) {
	if resp != nil {
		_ = resp.Body.Close()
	}
}
