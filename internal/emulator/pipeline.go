package emulator

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
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
	// then, when set, is called once the state lock is released and its reply is sent
	// instead: a request that waits (for a synchronous job) waits outside the lock.
	then func(ctx context.Context) reply
}

func resource(status int, body any) reply {
	return reply{status: status, body: body, contentType: "application/hal+json;charset=UTF-8"}
}

func errReply(err *apiError) reply {
	return reply{status: err.status, body: err, contentType: "application/json"}
}

// createdReply is a 201 (or, for jobs, 202) answer with the Location of what it made.
func createdReply(status int, body any, location string) reply {
	rep := resource(status, body)
	rep.header = http.Header{"Location": {location}}
	rep.changed = true
	return rep
}

// ServeHTTP routes a request: the control API, or an API/auth request through counters, the
// rate limit, faults and latency to its handler.
func (e *Emulator) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	e.inflight.Add(1)
	defer e.inflight.Add(-1)
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
	adm := e.admit(r, rt)
	if !e.sleep(r.Context(), adm.latency) {
		dropConnection(w) // Closing, or the client left: an empty 200 would be a lie.
		return
	}
	auth := !rt.inEnv
	switch {
	case adm.limited:
		writeReply(w, limitedReply(auth, strconv.Itoa(adm.retryAfter)))
	case adm.fault != nil && !adm.drop:
		writeReply(w, faultReply(adm.status, auth, adm.faultRetryAfter))
	default:
		rep := e.handle(rt, r, adm.set)
		if adm.drop {
			dropConnection(w)
			return
		}
		if rep.then != nil {
			rep = rep.then(r.Context())
		}
		writeReply(w, rep)
	}
}

// handle checks the access token, reads the body and checks the environment, and runs the
// handler under the state lock; a change is saved before the client hears about it.
func (e *Emulator) handle(rt *route[handlerFunc], r *http.Request, set settings) reply {
	if rt.inEnv && !e.validAccessToken(r.Header.Get("Authorization"), e.now()) {
		rep := errReply(invalidAccessToken())
		rep.header = http.Header{"Www-Authenticate": {`Bearer error="invalid_token"`}}
		return rep
	}
	body, rep := readBody(r, set.maxBodyBytes, !rt.inEnv)
	if rep.status != 0 {
		return rep
	}
	// Handlers read the query with r.URL.Query, which drops what it cannot parse; a parameter
	// silently lost would be answered as if it had not been sent.
	if _, err := url.ParseQuery(r.URL.RawQuery); err != nil {
		return errReply(invalidRequest(invalidValue("query", "The query string could not be parsed: "+err.Error())))
	}
	c := &call{e: e, r: r, body: body, now: e.clock(), set: set}
	e.mu.Lock()
	advanced := false
	if rt.inEnv {
		rep, c.env = e.environmentFor(r.PathValue("envID"), set.unknownEnvStatus)
		if c.env != nil {
			advanced = e.advanceJobs(c.env, c.now)
		}
	}
	if rep.status == 0 {
		rep = rt.handle(c)
	}
	changed := rep.changed || advanced
	if changed {
		e.gen++
	}
	e.mu.Unlock()
	if changed {
		if err := e.save(); err != nil {
			e.log.Printf("%v", err)
			return errReply(unexpectedError("The change was applied but could not be saved."))
		}
	}
	return rep
}

// readBody reads the request body up to the limit; a larger one gets 413, in the OAuth shape
// on the token endpoint.
func readBody(r *http.Request, limit int64, auth bool) ([]byte, reply) {
	body, err := io.ReadAll(http.MaxBytesReader(nil, r.Body, limit))
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge) && auth:
		return nil, oauthReply(http.StatusRequestEntityTooLarge, "invalid_request",
			fmt.Sprintf("The request body is larger than %d bytes.", limit))
	case errors.As(err, &tooLarge):
		return nil, errReply(requestTooLarge(limit))
	case err != nil:
		return nil, errReply(invalidRequest(invalidValue("body", "The body could not be read: "+err.Error())))
	}
	return body, reply{}
}

// environmentFor tells a missing environment from one the worker holds no role in (403). A
// missing one is 404, so a client can tell "gone", unless the setting makes it 403 as PingOne
// may answer, exactly like a missing role. The caller holds e.mu.
func (e *Emulator) environmentFor(id string, unknownStatus int) (reply, *environment) {
	env := e.st.envs[id]
	switch {
	case env == nil && unknownStatus == http.StatusForbidden:
		return errReply(insufficientPermissions()), nil
	case env == nil:
		return errReply(notFound("the environment " + id)), nil
	case !env.Role:
		return errReply(insufficientPermissions()), nil
	}
	return reply{}, env
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
