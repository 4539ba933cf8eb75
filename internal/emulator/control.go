package emulator

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/google/uuid"
)

// Counters are the numbers of API and auth requests per route pattern ("POST
// /v1/environments/{envID}/oathTokens"), including those answered by faults or the rate
// limiter. Requests to unknown routes and to the control API are not counted.
type Counters struct {
	Requests map[string]int `json:"requests"`
	Total    int            `json:"total"`
}

// Counters returns a copy of the request counters.
func (e *Emulator) Counters() Counters {
	e.ctlMu.Lock()
	defer e.ctlMu.Unlock()
	return Counters{Requests: maps.Clone(e.counters), Total: e.total}
}

// ResetCounters sets every counter back to zero.
func (e *Emulator) ResetCounters() {
	e.ctlMu.Lock()
	defer e.ctlMu.Unlock()
	clear(e.counters)
	e.total = 0
}

// AddFault adds a fault after the existing ones. It panics on an invalid fault, as
// regexp.MustCompile does: faults are written by tests, and a silently ignored one would make
// a test pass for the wrong reason. The control API answers 400 instead.
func (e *Emulator) AddFault(f Fault) {
	if err := f.validate(); err != nil {
		panic(err)
	}
	e.ctlMu.Lock()
	defer e.ctlMu.Unlock()
	e.faults = append(e.faults, newActiveFault(f))
}

// ClearFaults removes every fault.
func (e *Emulator) ClearFaults() {
	e.ctlMu.Lock()
	defer e.ctlMu.Unlock()
	e.faults = nil
}

// SetRateLimit changes the global rate limit (requests per second, 0 = unlimited) and
// starts with a full bucket.
func (e *Emulator) SetRateLimit(rps float64) {
	e.ctlMu.Lock()
	defer e.ctlMu.Unlock()
	e.set.rateLimit = max(rps, 0)
	e.bucket.reset(e.set.rateLimit, e.now())
}

// SetLatency changes the latency added to every API and auth request.
func (e *Emulator) SetLatency(d time.Duration) {
	e.ctlMu.Lock()
	defer e.ctlMu.Unlock()
	e.set.latency = max(d, 0)
}

// SetPageSize changes the largest page a list returns; n < 1 restores the default.
func (e *Emulator) SetPageSize(n int) {
	if n < 1 {
		n = defaultPageSize
	}
	e.ctlMu.Lock()
	defer e.ctlMu.Unlock()
	e.set.pageSize = n
}

// SetTokenTTL changes the lifetime of access tokens issued from now on; d <= 0 restores the
// default.
func (e *Emulator) SetTokenTTL(d time.Duration) {
	if d <= 0 {
		d = defaultTokenTTL
	}
	e.ctlMu.Lock()
	defer e.ctlMu.Unlock()
	e.set.tokenTTL = d
}

// SetMaxTokensPerEnvironment changes the per-environment token limit; n < 1 restores the default.
func (e *Emulator) SetMaxTokensPerEnvironment(n int) {
	if n < 1 {
		n = defaultMaxTokens
	}
	e.ctlMu.Lock()
	defer e.ctlMu.Unlock()
	e.set.maxTokens = n
}

func (e *Emulator) currentSettings() settings {
	e.ctlMu.Lock()
	defer e.ctlMu.Unlock()
	return e.set
}

// mutate changes the state from the Go side and saves it, as an API request would.
func (e *Emulator) mutate(change func(st *state) bool) bool {
	e.mu.Lock()
	changed := change(e.st)
	if changed {
		e.gen++
	}
	e.mu.Unlock()
	if changed {
		if err := e.save(); err != nil {
			e.log.Printf("%v", err)
		}
	}
	return changed
}

// CreateEnvironment adds an empty environment, with or without a role for the worker, and
// returns its id.
func (e *Emulator) CreateEnvironment(withRole bool) string {
	id := uuid.NewString()
	e.mutate(func(st *state) bool {
		st.envs[id] = newEnvironment(id, withRole, e.clock())
		return true
	})
	return id
}

// DeleteEnvironment deletes an environment and everything in it; afterwards the API answers
// 404 for it. The admin environment, where the worker lives, cannot be deleted.
func (e *Emulator) DeleteEnvironment(id string) bool {
	return e.mutate(func(st *state) bool {
		if st.envs[id] == nil || id == st.adminEnvID {
			return false
		}
		delete(st.envs, id)
		return true
	})
}

// SetRole grants or withdraws the worker's role in an environment; without a role the API
// answers 403. Unknown environments are ignored.
func (e *Emulator) SetRole(envID string, granted bool) {
	e.setRole(envID, granted)
}

func (e *Emulator) setRole(envID string, granted bool) bool {
	found := false
	e.mutate(func(st *state) bool {
		env := st.envs[envID]
		found = env != nil
		if !found || env.Role == granted {
			return false
		}
		env.Role = granted
		return true
	})
	return found
}

// errNotFound is wrapped by the Go-side lookups, so the control API can answer 404.
var errNotFound = errors.New("not found")

// CurrentOTP is the OTP the token would show now: for HOTP at the server counter plus ahead,
// for TOTP at the server clock plus the drift plus ahead steps.
func (e *Emulator) CurrentOTP(envID, tokenID string, ahead int) (string, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	env := e.st.envs[envID]
	if env == nil {
		return "", fmt.Errorf("environment %s: %w", envID, errNotFound)
	}
	t := env.tokens[tokenID]
	if t == nil {
		return "", fmt.Errorf("OATH token %s in environment %s: %w", tokenID, envID, errNotFound)
	}
	code, err := t.currentOTP(ahead, e.now())
	if err != nil {
		return "", fmt.Errorf("OTP of token %s: %w", tokenID, err)
	}
	return code, nil
}

// TokenSerials returns every serial number in the environment, sorted, to assert that a run
// left no duplicates or strays; nil when the environment does not exist.
func (e *Emulator) TokenSerials(envID string) []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	env := e.st.envs[envID]
	if env == nil {
		return nil
	}
	return append([]string{}, slices.Sorted(maps.Keys(env.bySerial))...)
}
