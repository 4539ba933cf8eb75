package emulator

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/google/uuid"
)

// handlerFunc computes the answer to one API request while holding e.mu. It never writes to
// the connection itself, so a slow client cannot hold the lock.
type handlerFunc func(c *call) reply

// call is what a handler may use: the request, its body already read, the environment the
// path names (API routes only), the time, and the settings in force when it arrived.
type call struct {
	e    *Emulator
	r    *http.Request
	env  *environment
	body []byte
	now  time.Time
	set  settings
}

// reply is a handler's answer, written after e.mu is released.
type reply struct {
	status      int
	body        any // JSON-encoded; nil means no body.
	text        string
	contentType string
	header      http.Header
	changed     bool // The state changed: count a generation and save it.
}

func resource(status int, body any) reply {
	return reply{status: status, body: body, contentType: "application/hal+json;charset=UTF-8"}
}

func errReply(err *apiError) reply {
	return reply{status: err.status, body: err, contentType: "application/json"}
}

// ServeHTTP routes a request: the control API, or an API/auth request through counters, the
// rate limit, faults and latency to its handler.
func (e *Emulator) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, "/_emulator/") {
		e.serveControl(w, r)
		return
	}
	w.Header().Set("Correlation-Id", uuid.NewString())
	rt, params, allowed := e.api.match(r.Method, r.URL.Path)
	if rt == nil {
		if len(allowed) > 0 {
			w.Header().Set("Allow", strings.Join(allowed, ", "))
			writeReply(w, errReply(methodNotAllowed()))
			return
		}
		writeReply(w, errReply(notFound("the requested resource")))
		return
	}
	bind(r, rt.pattern, params)
	adm := e.admit(r.Method, rt, r.URL.Path)
	if !e.sleep(r.Context(), adm.latency) {
		dropConnection(w) // Closing, or the client left: an empty 200 would be a lie.
		return
	}
	switch {
	case adm.limited:
		rep := errReply(requestLimited())
		rep.header = http.Header{"Retry-After": {fmt.Sprint(adm.retryAfter)}}
		writeReply(w, rep)
	case adm.fault != nil && !adm.drop:
		writeReply(w, faultReply(adm.status, adm.fault.retryAfter()))
	default:
		rep := e.handle(rt, r, adm.set)
		if adm.drop {
			dropConnection(w)
			return
		}
		writeReply(w, rep)
	}
}

// handle reads the body, checks the access token and the environment, and runs the handler
// under the state lock; a change is saved before the client hears about it.
func (e *Emulator) handle(rt *route[handlerFunc], r *http.Request, set settings) reply {
	if rt.inEnv && !e.validAccessToken(r.Header.Get("Authorization"), e.now()) {
		rep := errReply(invalidAccessToken())
		rep.header = http.Header{"Www-Authenticate": {`Bearer error="invalid_token"`}}
		return rep
	}
	body, err := io.ReadAll(http.MaxBytesReader(nil, r.Body, maxBodyBytes))
	if err != nil {
		return errReply(invalidRequest(invalidValue("body", "The body could not be read: "+err.Error())))
	}
	// Handlers read the query with r.URL.Query, which drops what it cannot parse; a parameter
	// silently lost would be answered as if it had not been sent.
	if _, err := url.ParseQuery(r.URL.RawQuery); err != nil {
		return errReply(invalidRequest(invalidValue("query", "The query string could not be parsed: "+err.Error())))
	}
	c := &call{e: e, r: r, body: body, now: e.clock(), set: set}
	e.mu.Lock()
	var rep reply
	if rt.inEnv {
		rep, c.env = e.environmentFor(r.PathValue("envID"))
	}
	if rep.status == 0 {
		rep = rt.handle(c)
	}
	if rep.changed {
		e.gen++
	}
	e.mu.Unlock()
	if rep.changed {
		if err := e.save(); err != nil {
			e.log.Printf("%v", err)
			return errReply(unexpectedError("The change was applied but could not be saved."))
		}
	}
	return rep
}

// environmentFor tells a missing environment (404, so a client can tell "gone") from one the
// worker holds no role in (403). The caller holds e.mu.
func (e *Emulator) environmentFor(id string) (reply, *environment) {
	env := e.st.envs[id]
	switch {
	case env == nil:
		return errReply(notFound("the environment " + id)), nil
	case !env.Role:
		return errReply(insufficientPermissions()), nil
	}
	return reply{}, env
}

// admission is what the control knobs decided for one request before it runs.
type admission struct {
	set        settings
	latency    time.Duration
	limited    bool
	retryAfter int
	fault      *activeFault
	status     int
	drop       bool
}

// admit counts the request, applies the rate limit and draws the faults.
func (e *Emulator) admit(method string, rt *route[handlerFunc], path string) admission {
	now := e.now()
	e.ctlMu.Lock()
	defer e.ctlMu.Unlock()
	e.counters[rt.pattern]++
	e.total++
	a := admission{set: e.set, latency: e.set.latency}
	if ok, wait := e.bucket.take(now); !ok {
		a.limited, a.retryAfter = true, wait
		return a
	}
	actual := splitPath(path)
	kept := e.faults[:0]
	for _, f := range e.faults {
		if f.matches(method, rt.segs, actual) {
			a.latency += f.Latency
			switch {
			case !f.fails():
				f.use()
			case a.fault == nil && f.draw():
				a.fault, a.status, a.drop = f, f.status(), f.Mode == ModeCommitThenDrop
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

// faultReply is the answer of a failing fault: PingOne's JSON bodies for 429 and 500, and the
// plain text a gateway sends for 502, 503 and 504.
func faultReply(status, retryAfter int) reply {
	var rep reply
	switch status {
	case http.StatusTooManyRequests:
		rep = errReply(requestLimited())
	case http.StatusInternalServerError:
		rep = errReply(unexpectedError("Injected fault."))
	default:
		rep = reply{status: status, text: fmt.Sprintf("%d %s\n", status, http.StatusText(status)),
			contentType: "text/plain; charset=utf-8"}
	}
	if status == http.StatusTooManyRequests || status == http.StatusServiceUnavailable {
		rep.header = http.Header{"Retry-After": {fmt.Sprint(retryAfter)}}
	}
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

// dropConnection closes the connection without a response, as a network failure after the
// server committed would. Aborting the handler is the fallback where hijacking is impossible.
func dropConnection(w http.ResponseWriter) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	_ = conn.Close() // The point is to close it; how it closes does not matter.
}

func writeReply(w http.ResponseWriter, rep reply) {
	for k, vs := range rep.header {
		w.Header()[k] = vs
	}
	var data []byte
	switch {
	case rep.body != nil:
		var err error
		if data, err = json.Marshal(rep.body); err != nil {
			rep = errReply(unexpectedError("The response could not be encoded."))
			data, _ = json.Marshal(rep.body)
		}
	case rep.text != "":
		data = []byte(rep.text)
	}
	if len(data) == 0 {
		w.WriteHeader(rep.status)
		return
	}
	w.Header().Set("Content-Type", rep.contentType)
	w.WriteHeader(rep.status)
	// A failed write means the client went away: there is nobody left to tell.
	_, _ = w.Write(data)
}
