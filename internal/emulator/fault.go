package emulator

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// Fault makes matching API and auth requests fail or slow down, to test a client's retries.
//
// A fault is active until its Count is used up (or until ClearFaults when it has no Count).
// While active, every matching request gets its Latency. It fails a matching request when
// it has Status, Statuses or Mode, and — when Rate > 0 — the random draw says so; each
// failure uses up one of Count. A latency-only fault uses up one of Count per matching request.
// When several faults match, their latencies add up and the first one that fails answers.
type Fault struct {
	// Route is "METHOD /path/pattern" or "*" for every API and auth route. The method may be
	// "*"; each path segment matches the route template's segment ("{envID}"), the request's
	// actual value, or "*". A route that matches no endpoint is refused.
	Route string `json:"route"`
	// Status is the answer: 408, 429, 500, 502, 503 or 504.
	Status int `json:"status,omitempty"`
	// Statuses, when set, are drawn from at random for each failing request.
	Statuses []int `json:"statuses,omitempty"`
	// RetryAfter is the Retry-After in seconds of a 429 or 503 answer; default 1.
	RetryAfter int `json:"retry_after,omitempty"`
	// RetryAfterForm is how a 429 or 503 carries Retry-After: "seconds" (the default),
	// "date" (an HTTP date RetryAfter seconds ahead) or "absent" (no header at all).
	RetryAfterForm string `json:"retry_after_form,omitempty"`
	// Count fails the next Count matching requests; 0 means no limit.
	Count int `json:"count,omitempty"`
	// Rate is the share (0..1) of matching requests that fail at random; 0 means all of them.
	Rate float64 `json:"rate,omitempty"`
	// Seed makes the random draws repeatable; 0 draws a random seed.
	Seed int64 `json:"seed,omitempty"`
	// Latency is added to every matching request while the fault is active. In JSON it is
	// nanoseconds or a Go duration string; "latency_ms" is accepted too.
	Latency time.Duration `json:"latency,omitempty"`
	// Mode "" answers with the status; "commit_then_drop" lets the request take effect, then
	// ends the exchange without an answer, as a network failure after the commit would: over
	// HTTP/1.1 the connection is closed, over HTTP/2 the stream is reset.
	Mode string `json:"mode,omitempty"`
}

// ModeCommitThenDrop is the Fault.Mode that applies a request and then drops the answer.
const ModeCommitThenDrop = "commit_then_drop"

// The forms of Retry-After a fault can answer with.
const (
	RetryAfterSeconds = "seconds"
	RetryAfterDate    = "date"
	RetryAfterAbsent  = "absent"
)

// isFaultStatus reports whether a fault may answer with status: the ones PingOne's retry
// advice names.
func isFaultStatus(status int) bool {
	switch status {
	case 408, 429, 500, 502, 503, 504:
		return true
	}
	return false
}

// carriesRetryAfter reports whether an answer with status has a Retry-After header to shape.
func carriesRetryAfter(status int) bool { return status == 429 || status == 503 }

// UnmarshalJSON accepts the latency as nanoseconds, as a duration string, or as latency_ms,
// because shell scripts write milliseconds more naturally than nanoseconds. Unknown keys are
// refused by name: a misspelled "retryAfter" or "cnt" would otherwise leave a fault that does
// something else than its author meant, silently.
func (f *Fault) UnmarshalJSON(data []byte) error {
	type plain Fault
	var aux struct {
		plain
		Latency   json.RawMessage `json:"latency"`
		LatencyMS *float64        `json:"latency_ms"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&aux); err != nil {
		return fmt.Errorf("fault: %w", err)
	}
	*f = Fault(aux.plain)
	f.Latency = 0
	if len(aux.Latency) > 0 && string(aux.Latency) != "null" {
		var ns int64
		var s string
		switch {
		case json.Unmarshal(aux.Latency, &ns) == nil:
			f.Latency = time.Duration(ns)
		case json.Unmarshal(aux.Latency, &s) == nil:
			d, err := time.ParseDuration(s)
			if err != nil {
				return fmt.Errorf("latency: %w", err)
			}
			f.Latency = d
		default:
			return errors.New("latency must be nanoseconds or a duration string")
		}
	}
	if aux.LatencyMS != nil {
		f.Latency += time.Duration(*aux.LatencyMS * float64(time.Millisecond))
	}
	return nil
}

// validate explains what is wrong with a fault before it can misbehave silently. It does not
// know the routes; Emulator.checkFault adds that.
func (f Fault) validate() error {
	var errs []error
	if _, _, err := parseFaultRoute(f.Route); err != nil {
		errs = append(errs, err)
	}
	statuses := f.statuses()
	for _, s := range statuses {
		if !isFaultStatus(s) {
			errs = append(errs, fmt.Errorf("status %d is not one of 408, 429, 500, 502, 503, 504", s))
		}
	}
	fails := len(statuses) > 0
	switch f.Mode {
	case "":
		if !fails && f.Latency <= 0 {
			errs = append(errs, errors.New("a fault needs a status, statuses, a mode or a latency"))
		}
	case ModeCommitThenDrop:
		if fails {
			errs = append(errs, errors.New("mode commit_then_drop takes no status"))
		}
	default:
		errs = append(errs, fmt.Errorf("mode %q is not \"\" or %q", f.Mode, ModeCommitThenDrop))
	}
	errs = append(errs, f.validateRetryAfter(statuses)...)
	if f.Rate < 0 || f.Rate > 1 {
		errs = append(errs, fmt.Errorf("rate %v is outside 0..1", f.Rate))
	}
	if f.Count < 0 || f.RetryAfter < 0 || f.Latency < 0 {
		errs = append(errs, errors.New("count, retry_after and latency must not be negative"))
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("invalid fault: %w", err)
	}
	return nil
}

// validateRetryAfter refuses Retry-After settings that could never show: on a fault that
// never answers 429 or 503, or a number of seconds with the header absent.
func (f Fault) validateRetryAfter(statuses []int) []error {
	var errs []error
	switch f.RetryAfterForm {
	case "", RetryAfterSeconds, RetryAfterDate:
	case RetryAfterAbsent:
		if f.RetryAfter != 0 {
			errs = append(errs, errors.New("retry_after has no effect with retry_after_form \"absent\""))
		}
	default:
		errs = append(errs, fmt.Errorf("retry_after_form %q is not %q, %q or %q", f.RetryAfterForm,
			RetryAfterSeconds, RetryAfterDate, RetryAfterAbsent))
	}
	if f.RetryAfter != 0 || f.RetryAfterForm != "" {
		shaped := false
		for _, s := range statuses {
			shaped = shaped || carriesRetryAfter(s)
		}
		if !shaped {
			errs = append(errs, errors.New("retry_after and retry_after_form apply to status 429 and 503 only"))
		}
	}
	return errs
}

// statuses lists every status the fault may answer with.
func (f Fault) statuses() []int {
	var out []int
	if f.Status != 0 {
		out = append(out, f.Status)
	}
	return append(out, f.Statuses...)
}

// parseFaultRoute splits "METHOD /path" into the method and path segments; "*" matches all.
func parseFaultRoute(route string) (string, []string, error) {
	if route == "*" {
		return "*", nil, nil
	}
	method, path, ok := strings.Cut(route, " ")
	if !ok || method == "" || !strings.HasPrefix(path, "/") {
		return "", nil, fmt.Errorf("route %q is not \"*\" or \"METHOD /path\"", route)
	}
	return method, splitPath(path), nil
}

// activeFault is a fault with its remaining budget, random source and the number of requests
// it acted on. The Emulator's ctlMu guards the counters.
type activeFault struct {
	Fault
	id        int
	method    string
	segs      []string // nil matches every path.
	remaining int      // -1: no limit.
	fired     int
	rng       *rand.Rand
}

func newActiveFault(id int, f Fault) *activeFault {
	method, segs, _ := parseFaultRoute(f.Route)
	remaining := f.Count
	if remaining == 0 {
		remaining = -1
	}
	seed := uint64(f.Seed)
	if f.Seed == 0 {
		seed = rand.Uint64()
	}
	return &activeFault{Fault: f, id: id, method: method, segs: segs, remaining: remaining,
		rng: rand.New(rand.NewPCG(seed, seed))}
}

// matches compares against the route template and the actual path together, so a fault can
// target every token ("{oathTokenID}") or one token (its id).
func (a *activeFault) matches(method string, template, actual []string) bool {
	if a.method != "*" && a.method != method {
		return false
	}
	if a.segs == nil {
		return true
	}
	if len(a.segs) != len(template) || len(template) != len(actual) {
		return false
	}
	for i, s := range a.segs {
		if s != "*" && s != template[i] && s != actual[i] {
			return false
		}
	}
	return true
}

// couldMatch reports whether some request to the route template could match the fault: the
// fault's segments equal the template's, are "*", or are a concrete value where the template
// has a parameter. A parameter of another name ("{tokenID}") is a typo, not a value.
func couldMatch(method string, segs []string, rtMethod string, template []string) bool {
	if method != "*" && method != rtMethod {
		return false
	}
	if segs == nil {
		return true
	}
	if len(segs) != len(template) {
		return false
	}
	for i, s := range segs {
		_, isParam := paramName(template[i])
		_, sIsParam := paramName(s)
		switch {
		case s == "*", s == template[i]:
		case isParam && !sIsParam && s != "":
		default:
			return false
		}
	}
	return true
}

func (a *activeFault) fails() bool {
	return a.Status != 0 || len(a.Statuses) > 0 || a.Mode != ""
}

// draw decides whether this matching request fails and uses up the budget accordingly.
func (a *activeFault) draw() bool {
	if a.Rate > 0 && a.rng.Float64() >= a.Rate {
		return false
	}
	a.use()
	a.fired++
	return true
}

// delay counts a request that a latency-only fault slowed down.
func (a *activeFault) delay() {
	a.use()
	a.fired++
}

func (a *activeFault) use() {
	if a.remaining > 0 {
		a.remaining--
	}
}

func (a *activeFault) exhausted() bool { return a.remaining == 0 }

// status picks the answer for one failing request.
func (a *activeFault) status() int {
	if len(a.Statuses) > 0 {
		return a.Statuses[a.rng.IntN(len(a.Statuses))]
	}
	return a.Status
}

// retryAfter is the Retry-After header of a 429 or 503 answer at now, or "" for none.
func (a *activeFault) retryAfter(now time.Time) string {
	secs := a.RetryAfter
	if secs == 0 {
		secs = 1
	}
	switch a.RetryAfterForm {
	case RetryAfterAbsent:
		return ""
	case RetryAfterDate:
		// HTTP dates have whole seconds: rounding up keeps the wait at least RetryAfter.
		when := now.Add(time.Duration(secs) * time.Second)
		if t := when.Truncate(time.Second); t.Before(when) {
			when = t.Add(time.Second)
		}
		return when.UTC().Format(httpTimeFormat)
	default:
		return fmt.Sprint(secs)
	}
}

// httpTimeFormat is the IMF-fixdate form of RFC 9110, as net/http.TimeFormat.
const httpTimeFormat = "Mon, 02 Jan 2006 15:04:05 GMT"
