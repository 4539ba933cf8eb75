package emulator

import (
	"context"
	"fmt"
	"net/http"
	"time"
)

// admission is what the control knobs decided for one request before it runs.
type admission struct {
	set        settings
	latency    time.Duration
	limited    bool
	retryAfter int // Seconds, for a request over the rate limit.
	fault      *activeFault
	status     int
	// faultRetryAfter is the Retry-After of the fault's answer, "" for none.
	faultRetryAfter string
	drop            bool
}

// admit counts the request, applies the rate limit and draws the faults.
func (e *Emulator) admit(r *http.Request, rt *route[handlerFunc]) admission {
	now := e.now()
	e.ctlMu.Lock()
	defer e.ctlMu.Unlock()
	e.counters[rt.pattern]++
	e.protocols[r.Proto]++
	e.total++
	a := admission{set: e.set, latency: e.set.latency}
	if ok, wait := e.bucket.take(now); !ok {
		a.limited, a.retryAfter = true, wait
		return a
	}
	actual := splitPath(r.URL.Path)
	kept := e.faults[:0]
	for _, f := range e.faults {
		if f.matches(r.Method, rt.segs, actual) {
			a.latency += f.Latency
			switch {
			case !f.fails():
				f.delay()
			case a.fault == nil && f.draw():
				a.fault, a.status, a.drop = f, f.status(), f.Mode == ModeCommitThenDrop
				if carriesRetryAfter(a.status) {
					a.faultRetryAfter = f.retryAfter(now)
				}
			}
		}
		if !f.exhausted() {
			kept = append(kept, f)
		}
	}
	clear(e.faults[len(kept):])
	e.faults = kept
	return a
}

// limitedReply is the answer over the rate limit: PingOne's REQUEST_LIMITED on the API, the
// OAuth error shape on the token endpoint, with the seconds to wait either way.
func limitedReply(auth bool, retryAfter string) reply {
	rep := errReply(requestLimited())
	if auth {
		rep = oauthReply(http.StatusTooManyRequests, "temporarily_unavailable",
			"Too many requests were sent; wait and try again.")
	}
	return withHeader(rep, "Retry-After", retryAfter)
}

// faultReply is the answer of a failing fault: PingOne's JSON bodies for 429 and 500 (the
// OAuth shape on the token endpoint), and the plain text a gateway sends for 408, 502, 503
// and 504. retryAfter is "" when the fault sends no Retry-After.
func faultReply(status int, auth bool, retryAfter string) reply {
	var rep reply
	switch {
	case status == http.StatusTooManyRequests && auth:
		rep = oauthReply(status, "temporarily_unavailable", "Too many requests were sent; wait and try again.")
	case status == http.StatusTooManyRequests:
		rep = errReply(requestLimited())
	case status == http.StatusInternalServerError && auth:
		rep = oauthReply(status, "server_error", "Injected fault.")
	case status == http.StatusInternalServerError:
		rep = errReply(unexpectedError("Injected fault."))
	default:
		rep = reply{status: status, text: fmt.Sprintf("%d %s\n", status, http.StatusText(status)),
			contentType: "text/plain; charset=utf-8"}
	}
	if retryAfter == "" {
		return rep
	}
	return withHeader(rep, "Retry-After", retryAfter)
}

// withHeader adds one header to a reply, keeping those it has.
func withHeader(rep reply, key, value string) reply {
	h := rep.header.Clone()
	if h == nil {
		h = http.Header{}
	}
	h.Set(key, value)
	rep.header = h
	return rep
}

// sleep waits d, or less when the client goes away or the emulator closes; it reports
// whether the request should still be answered.
func (e *Emulator) sleep(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
	case <-e.done:
	}
	return false
}
