package pingone

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"sync/atomic"
	"testing"
)

func TestMayHaveCommitted(t *testing.T) {
	tests := []struct {
		name   string
		status int
		err    error
		want   bool
	}{
		{"200", 200, nil, false},
		{"400", 400, nil, false},
		{"429", 429, nil, false},
		{"500", 500, nil, true},
		{"502", 502, nil, true},
		{"503", 503, nil, false},
		{"504", 504, nil, true},
		{"EOF after sending", 0, io.EOF, true},
		{"reset", 0, &net.OpError{Op: "read", Err: errors.New("connection reset by peer")}, true},
		{"refused", 0, &net.OpError{Op: "dial", Err: errors.New("connection refused")}, false},
		{"DNS", 0, &net.OpError{Op: "dial", Err: &net.DNSError{Err: "no such host"}}, false},
		{"canceled", 0, context.Canceled, false},
	}
	for _, tt := range tests {
		var resp *http.Response
		if tt.err == nil {
			resp = &http.Response{StatusCode: tt.status}
		}
		if got := mayHaveCommitted(resp, tt.err); got != tt.want {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestRetriedAfterAmbiguousFailure(t *testing.T) {
	duplicate := func(w http.ResponseWriter) {
		writeJSON(w, 400, map[string]any{"id": "e", "code": "INVALID_DATA", "message": "taken",
			"details": []any{map[string]any{"code": "UNIQUENESS_VIOLATION", "target": "serialNumber", "message": "exists"}}})
	}
	drop := func(w http.ResponseWriter) {
		if conn, _, err := w.(http.Hijacker).Hijack(); err == nil {
			_ = conn.Close()
		}
	}
	tests := []struct {
		name  string
		first func(http.ResponseWriter) // nil: the first answer is already the duplicate
		want  bool
	}{
		{"plain duplicate", nil, false},
		{"connection dropped after sending", drop, true},
		{"500 first", func(w http.ResponseWriter) { writeJSON(w, 500, map[string]any{"code": "UNEXPECTED_ERROR"}) }, true},
		{"503 first", func(w http.ResponseWriter) { writeJSON(w, 503, map[string]any{"code": "UNAVAILABLE"}) }, false},
		{"429 first", func(w http.ResponseWriter) { writeJSON(w, 429, map[string]any{"code": "REQUEST_LIMITED"}) }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var seen atomic.Int32
			f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
				if seen.Add(1) == 1 && tt.first != nil {
					tt.first(w)
					return
				}
				duplicate(w)
			})
			c := f.client(t, f.config())
			_, err := c.CreateOATHToken(context.Background(), fakeEnv, OATHTokenCreate{SerialNumber: "SN", Secret: "ab", Type: "HOTP", OTPLength: 6})
			if !IsDuplicate(err) {
				t.Fatalf("err %v", err)
			}
			if got := RetriedAfterAmbiguousFailure(err); got != tt.want {
				t.Fatalf("RetriedAfterAmbiguousFailure = %v, want %v (%v)", got, tt.want, err)
			}
		})
	}
	if RetriedAfterAmbiguousFailure(errors.New("plain")) || RetriedAfterAmbiguousFailure(nil) {
		t.Fatal("true for a non-PingOne error")
	}
}
