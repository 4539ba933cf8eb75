package emulator

import (
	"errors"
	"fmt"
	"maps"
	"slices"

	"github.com/google/uuid"
)

// Counters are the numbers of API and auth requests per route pattern ("POST
// /v1/environments/{envID}/oathTokens"), including those answered by faults or the rate
// limiter. Requests to unknown routes and to the control API are not counted.
type Counters struct {
	Requests map[string]int `json:"requests"`
	Total    int            `json:"total"`
	// Protocols counts the same requests by protocol ("HTTP/2.0", "HTTP/1.1"), so a test can
	// show which one its client spoke.
	Protocols map[string]int `json:"protocols"`
	// JobRowsFailed counts the job rows that a JobRowFailure made fail.
	JobRowsFailed int `json:"job_rows_failed"`
}

// Counters returns a copy of the request counters.
func (e *Emulator) Counters() Counters {
	e.ctlMu.Lock()
	defer e.ctlMu.Unlock()
	return Counters{Requests: maps.Clone(e.counters), Total: e.total, Protocols: maps.Clone(e.protocols),
		JobRowsFailed: int(e.rowsFailed.Load())}
}

// ResetCounters sets every counter back to zero.
func (e *Emulator) ResetCounters() {
	e.ctlMu.Lock()
	defer e.ctlMu.Unlock()
	clear(e.counters)
	clear(e.protocols)
	e.total = 0
	e.rowsFailed.Store(0)
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
	var code string
	var err error
	found := e.look(envID, func(env *environment) {
		t := env.tokens[tokenID]
		if t == nil {
			err = fmt.Errorf("OATH token %s in environment %s: %w", tokenID, envID, errNotFound)
			return
		}
		if code, err = t.currentOTP(ahead, e.now()); err != nil {
			err = fmt.Errorf("OTP of token %s: %w", tokenID, err)
		}
	})
	if !found {
		return "", fmt.Errorf("environment %s: %w", envID, errNotFound)
	}
	return code, err
}

// TokenSerials returns every serial number in the environment, sorted, to assert that a run
// left no duplicates or strays; nil when the environment does not exist.
func (e *Emulator) TokenSerials(envID string) []string {
	var out []string
	e.look(envID, func(env *environment) {
		out = append([]string{}, slices.Sorted(maps.Keys(env.bySerial))...)
	})
	return out
}

// look runs fn on an environment, if it exists, after carrying out its job rows that are due,
// as an API request to it would; it reports whether the environment exists.
func (e *Emulator) look(envID string, fn func(env *environment)) bool {
	e.mu.Lock()
	env := e.st.envs[envID]
	advanced := false
	if env != nil {
		if advanced = e.advanceJobs(env, e.clock()); advanced {
			e.gen++
		}
		fn(env)
	}
	e.mu.Unlock()
	if advanced {
		if err := e.save(); err != nil {
			e.log.Printf("%v", err)
		}
	}
	return env != nil
}
