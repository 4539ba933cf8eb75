package emulator

import (
	"fmt"
	"strings"
)

// FaultHandle is a fault added with AddFault. It tells how many requests the fault acted on,
// so a test can show that the fault it set did something: a fault that never fired proves
// nothing.
type FaultHandle struct {
	e *Emulator
	a *activeFault
}

// ID is the fault's number, as the control API reports it.
func (h *FaultHandle) ID() int { return h.a.id }

// Fired is how many requests the fault failed (or, for a latency-only fault, slowed down).
// It keeps counting the fault's past after ClearFaults.
func (h *FaultHandle) Fired() int {
	h.e.ctlMu.Lock()
	defer h.e.ctlMu.Unlock()
	return h.a.fired
}

// FaultReport is what the control API tells of one fault.
type FaultReport struct {
	ID    int   `json:"id"`
	Fault Fault `json:"fault"`
	// Fired is how many requests the fault failed, or for a latency-only fault slowed down.
	Fired int `json:"fired"`
	// Active is false once Count is used up.
	Active bool `json:"active"`
}

// AddFault adds a fault after the existing ones and returns its handle. It panics on an
// invalid fault, as regexp.MustCompile does: faults are written by tests, and a silently
// ignored one (a misspelled route that matches nothing, say) would make a test pass for the
// wrong reason. The control API answers 400 instead.
func (e *Emulator) AddFault(f Fault) *FaultHandle {
	if err := e.checkFault(f); err != nil {
		panic(err)
	}
	e.ctlMu.Lock()
	defer e.ctlMu.Unlock()
	e.faultSeq++
	a := newActiveFault(e.faultSeq, f)
	e.faults = append(e.faults, a)
	e.faultLog = append(e.faultLog, a)
	return &FaultHandle{e: e, a: a}
}

// checkFault validates a fault and refuses a route that no endpoint can match.
func (e *Emulator) checkFault(f Fault) error {
	if err := f.validate(); err != nil {
		return err
	}
	method, segs, _ := parseFaultRoute(f.Route)
	for _, rt := range e.api.routes {
		if couldMatch(method, segs, rt.method, rt.segs) {
			return nil
		}
	}
	patterns := make([]string, len(e.api.routes))
	for i, rt := range e.api.routes {
		patterns[i] = rt.pattern
	}
	return fmt.Errorf("invalid fault: route %q matches no endpoint; the endpoints are %s", f.Route,
		strings.Join(patterns, ", "))
}

// ClearFaults removes every fault. Handles keep their counts.
func (e *Emulator) ClearFaults() {
	e.ctlMu.Lock()
	defer e.ctlMu.Unlock()
	e.faults = nil
	e.faultLog = nil
}

// Faults reports every fault added since the last ClearFaults, active or used up.
func (e *Emulator) Faults() []FaultReport {
	e.ctlMu.Lock()
	defer e.ctlMu.Unlock()
	out := make([]FaultReport, len(e.faultLog))
	for i, a := range e.faultLog {
		out[i] = FaultReport{ID: a.id, Fault: a.Fault, Fired: a.fired, Active: !a.exhausted()}
	}
	return out
}
