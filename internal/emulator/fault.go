package emulator

import (
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
	// actual value, or "*".
	Route string `json:"route"`
	// Status is the answer: 429, 500, 502, 503 or 504 (429 and 503 carry Retry-After).
	Status int `json:"status,omitempty"`
	// Statuses, when set, are drawn from at random for each failing request.
	Statuses []int `json:"statuses,omitempty"`
	// RetryAfter is the Retry-After in seconds for 429 and 503; default 1.
	RetryAfter int `json:"retry_after,omitempty"`
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
	// closes the connection without answering, as a network failure after the commit would.
	Mode string `json:"mode,omitempty"`
}

// ModeCommitThenDrop is the Fault.Mode that applies a request and then drops the connection.
const ModeCommitThenDrop = "commit_then_drop"

// isFaultStatus reports whether a fault may answer with status: the ones PingOne's retry
// advice names and the emulator has a body for.
func isFaultStatus(status int) bool {
	switch status {
	case 429, 500, 502, 503, 504:
		return true
	}
	return false
}

// UnmarshalJSON accepts the latency as nanoseconds, as a duration string, or as latency_ms,
// because shell scripts write milliseconds more naturally than nanoseconds.
func (f *Fault) UnmarshalJSON(data []byte) error {
	type plain Fault
	var aux struct {
		plain
		Latency   json.RawMessage `json:"latency"`
		LatencyMS *float64        `json:"latency_ms"`
	}
	if err := json.Unmarshal(data, &aux); err != nil {
		return err
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

// validate explains what is wrong with a fault before it can misbehave silently.
func (f Fault) validate() error {
	var errs []error
	if _, _, err := parseFaultRoute(f.Route); err != nil {
		errs = append(errs, err)
	}
	for _, s := range append([]int{f.Status}, f.Statuses...) {
		if s != 0 && !isFaultStatus(s) {
			errs = append(errs, fmt.Errorf("status %d is not one of 429, 500, 502, 503, 504", s))
		}
	}
	fails := f.Status != 0 || len(f.Statuses) > 0
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

// activeFault is a fault with its remaining budget and random source.
type activeFault struct {
	Fault
	method    string
	segs      []string // nil matches every path.
	remaining int      // -1: no limit.
	rng       *rand.Rand
}

func newActiveFault(f Fault) *activeFault {
	method, segs, _ := parseFaultRoute(f.Route)
	remaining := f.Count
	if remaining == 0 {
		remaining = -1
	}
	seed := uint64(f.Seed)
	if f.Seed == 0 {
		seed = rand.Uint64()
	}
	return &activeFault{Fault: f, method: method, segs: segs, remaining: remaining, rng: rand.New(rand.NewPCG(seed, seed))}
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

func (a *activeFault) fails() bool {
	return a.Status != 0 || len(a.Statuses) > 0 || a.Mode != ""
}

// draw decides whether this matching request fails and uses up the budget accordingly.
func (a *activeFault) draw() bool {
	if !a.fails() {
		a.use()
		return false
	}
	if a.Rate > 0 && a.rng.Float64() >= a.Rate {
		return false
	}
	a.use()
	return true
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

func (a *activeFault) retryAfter() int {
	if a.RetryAfter > 0 {
		return a.RetryAfter
	}
	return 1
}
