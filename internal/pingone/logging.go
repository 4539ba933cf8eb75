package pingone

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// subsystem is the tflog subsystem of this package. Its level follows the provider's unless
// TF_LOG_PROVIDER_PINGONE_HTTP sets one, so HTTP traffic can be traced on its own.
const subsystem = "pingone"

// logBodyLimit bounds a body written to the trace log; a long list page is still readable.
const logBodyLimit = 64 << 10

// withLogger adds the subsystem logger to a caller's context.
func withLogger(ctx context.Context) context.Context {
	return tflog.NewSubsystem(ctx, subsystem,
		tflog.WithLevelFromEnv("TF_LOG_PROVIDER_PINGONE", "HTTP"),
		tflog.WithRootFields())
}

// requestState travels in the context of one logical request, across its retries, so that the
// transport can number the attempts and the caller can say how many were made.
type requestState struct {
	attempts atomic.Int32
	// ambiguous is set once an attempt failed in a way that may have carried the request out.
	ambiguous atomic.Bool
	// lastStatus is the status of the last answer, so a request whose time runs out while it
	// retries can say what it kept getting.
	lastStatus atomic.Int32
}

type requestStateKey struct{}

// withRequestState starts the attempt count of one logical request.
func withRequestState(ctx context.Context) (context.Context, *requestState) {
	st := &requestState{}
	return context.WithValue(ctx, requestStateKey{}, st), st
}

// nextAttempt counts one more attempt and returns its number, starting at 1.
func nextAttempt(ctx context.Context) int {
	if st, ok := ctx.Value(requestStateKey{}).(*requestState); ok {
		return int(st.attempts.Add(1))
	}
	return 1
}

// loggingTransport logs every attempt: method, path, status, attempt and duration at debug, and
// masked headers and bodies at trace. It sits below the retry layer so each attempt is visible.
type loggingTransport struct {
	next http.RoundTripper
}

func (t loggingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	fields := map[string]any{
		"method":  req.Method,
		"path":    req.URL.EscapedPath(),
		"host":    req.URL.Host,
		"attempt": nextAttempt(ctx),
	}
	if req.URL.RawQuery != "" {
		fields["query"] = req.URL.RawQuery
	}
	trace := tflog.SubsystemIsTrace(ctx, subsystem)
	if trace {
		var err error
		if req, err = traceRequest(ctx, req, fields); err != nil {
			return nil, err
		}
	}

	start := time.Now()
	resp, err := t.next.RoundTrip(req)
	if st, ok := ctx.Value(requestStateKey{}).(*requestState); ok {
		if mayHaveCommitted(resp, err) {
			st.ambiguous.Store(true)
		}
		if resp != nil {
			st.lastStatus.Store(int32(resp.StatusCode))
		}
	}
	fields["duration_ms"] = time.Since(start).Milliseconds()
	if err != nil {
		fields["error"] = err.Error()
		tflog.SubsystemDebug(ctx, subsystem, "PingOne request failed", fields)
		return nil, err
	}
	fields["status"] = resp.StatusCode
	tflog.SubsystemDebug(ctx, subsystem, "PingOne request", fields)
	if trace {
		traceResponse(ctx, resp, fields)
	}
	return resp, nil
}

// traceRequest logs the request's masked headers and body. Reading the body consumes it, so the
// request goes on as a copy carrying the bytes read.
func traceRequest(ctx context.Context, req *http.Request, fields map[string]any) (*http.Request, error) {
	var body []byte
	if req.Body != nil && req.Body != http.NoBody {
		b, err := io.ReadAll(req.Body)
		_ = req.Body.Close()
		if err != nil {
			return nil, err
		}
		body = b
		r := req.Clone(ctx)
		r.Body = io.NopCloser(bytes.NewReader(b))
		r.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(b)), nil }
		req = r
	}
	tflog.SubsystemTrace(ctx, subsystem, "PingOne request body", merge(fields, map[string]any{
		"headers": maskHeaders(req.Header),
		"body":    truncate(maskBody(req.Header.Get("Content-Type"), body), logBodyLimit),
	}))
	return req, nil
}

// traceResponse logs the response's masked headers and body and puts the body back for the
// caller.
func traceResponse(ctx context.Context, resp *http.Response, fields map[string]any) {
	b, err := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	resp.Body = io.NopCloser(io.MultiReader(bytes.NewReader(b), errReader{err}))
	tflog.SubsystemTrace(ctx, subsystem, "PingOne response body", merge(fields, map[string]any{
		"headers": maskHeaders(resp.Header),
		"body":    truncate(maskBody(resp.Header.Get("Content-Type"), b), logBodyLimit),
	}))
}

// errReader hands a read error on to whoever reads the body after the logger did; a nil error
// reads as the end of the body.
type errReader struct{ err error }

func (r errReader) Read([]byte) (int, error) {
	if r.err != nil {
		return 0, r.err
	}
	return 0, io.EOF
}

// merge returns a new map holding both maps' fields, so log calls never share a mutated map.
func merge(a, b map[string]any) map[string]any {
	out := make(map[string]any, len(a)+len(b))
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		out[k] = v
	}
	return out
}

// truncatedMark ends a text that truncate shortened.
const truncatedMark = "…(truncated)"

// truncate shortens s to at most n bytes and says so.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + truncatedMark
}
