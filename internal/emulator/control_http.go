package emulator

import (
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
)

// controlFunc answers one control API request; the control API is for tests and scripts, so
// its errors are a plain {"error": "..."}.
type controlFunc func(w http.ResponseWriter, r *http.Request)

// controlRoutes mirrors the Go-side control methods over HTTP.
func (e *Emulator) controlRoutes() {
	add := func(method, path string, h controlFunc) { e.ctl.add(method, path, false, h) }
	add("GET", "/_emulator/info", e.ctlInfo)
	add("POST", "/_emulator/environments", e.ctlCreateEnvironment)
	add("DELETE", "/_emulator/environments/{envID}", e.ctlDeleteEnvironment)
	add("PUT", "/_emulator/environments/{envID}/role", e.ctlSetRole(true))
	add("DELETE", "/_emulator/environments/{envID}/role", e.ctlSetRole(false))
	add("POST", "/_emulator/faults", e.ctlAddFault)
	add("GET", "/_emulator/faults", e.ctlListFaults)
	add("GET", "/_emulator/faults/{faultID}", e.ctlReadFault)
	add("DELETE", "/_emulator/faults", e.ctlClearFaults)
	add("GET", "/_emulator/settings", e.ctlGetSettings)
	add("PUT", "/_emulator/settings", e.ctlPutSettings)
	add("GET", "/_emulator/counters", e.ctlCounters)
	add("DELETE", "/_emulator/counters", e.ctlResetCounters)
	add("GET", "/_emulator/environments/{envID}/oathTokens/{oathTokenID}/otp", e.ctlOTP)
	add("GET", "/_emulator/environments/{envID}/serials", e.ctlSerials)
}

// serveControl answers the control API, to loopback clients only: it can delete environments
// and read OTPs, which nobody on the network should.
func (e *Emulator) serveControl(w http.ResponseWriter, r *http.Request) {
	if !fromLoopback(r) {
		writeControl(w, http.StatusForbidden, controlError("the control API answers loopback clients only"))
		return
	}
	rt, params, allowed := e.ctl.match(r.Method, r.URL.Path)
	if rt == nil {
		if len(allowed) > 0 {
			w.Header().Set("Allow", strings.Join(allowed, ", "))
			writeControl(w, http.StatusMethodNotAllowed, controlError("method not allowed"))
			return
		}
		writeControl(w, http.StatusNotFound, controlError("no such control endpoint"))
		return
	}
	bind(r, rt.pattern, params)
	rt.handle(w, r)
}

func fromLoopback(r *http.Request) bool {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return false
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

type controlErr struct {
	Error string `json:"error"`
}

func controlError(msg string) controlErr { return controlErr{Error: msg} }

func writeControl(w http.ResponseWriter, status int, body any) {
	if body == nil {
		w.WriteHeader(status)
		return
	}
	data, err := json.Marshal(body)
	if err != nil {
		status, data = http.StatusInternalServerError, []byte(`{"error":"encode response"}`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(append(data, '\n')) // A failed write means the client went away.
}

// decodeControl reads a JSON body; an empty body decodes as {}.
func decodeControl(r *http.Request, v any) error {
	dec := json.NewDecoder(http.MaxBytesReader(nil, r.Body, 1<<20))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	return nil
}

func (e *Emulator) ctlInfo(w http.ResponseWriter, r *http.Request) {
	writeControl(w, http.StatusOK, e.Info())
}

// ctlCreateEnvironment is POST /_emulator/environments {"role": true}; role defaults to true,
// the common case of an environment the worker manages.
func (e *Emulator) ctlCreateEnvironment(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Role *bool `json:"role"`
	}
	if err := decodeControl(r, &body); err != nil {
		writeControl(w, http.StatusBadRequest, controlError(err.Error()))
		return
	}
	role := body.Role == nil || *body.Role
	writeControl(w, http.StatusCreated, map[string]any{"id": e.CreateEnvironment(role), "role": role})
}

func (e *Emulator) ctlDeleteEnvironment(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("envID")
	if id == e.info.AdminEnvironmentID {
		writeControl(w, http.StatusBadRequest, controlError("the admin environment cannot be deleted"))
		return
	}
	if !e.DeleteEnvironment(id) {
		writeControl(w, http.StatusNotFound, controlError("no environment "+id))
		return
	}
	writeControl(w, http.StatusNoContent, nil)
}

func (e *Emulator) ctlSetRole(granted bool) controlFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id := r.PathValue("envID")
		if !e.setRole(id, granted) {
			writeControl(w, http.StatusNotFound, controlError("no environment "+id))
			return
		}
		writeControl(w, http.StatusNoContent, nil)
	}
}

// ctlAddFault is POST /_emulator/faults; it answers the fault's report, whose id reads it back.
func (e *Emulator) ctlAddFault(w http.ResponseWriter, r *http.Request) {
	var f Fault
	err := decodeControl(r, &f)
	if err == nil {
		err = e.checkFault(f)
	}
	if err != nil {
		writeControl(w, http.StatusBadRequest, controlError(err.Error()))
		return
	}
	h := e.AddFault(f)
	writeControl(w, http.StatusCreated, FaultReport{ID: h.ID(), Fault: f, Fired: 0, Active: true})
}

func (e *Emulator) ctlListFaults(w http.ResponseWriter, r *http.Request) {
	writeControl(w, http.StatusOK, map[string][]FaultReport{"faults": e.Faults()})
}

func (e *Emulator) ctlReadFault(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("faultID")
	for _, rep := range e.Faults() {
		if strconv.Itoa(rep.ID) == id {
			writeControl(w, http.StatusOK, rep)
			return
		}
	}
	writeControl(w, http.StatusNotFound, controlError("no fault "+id+" since the last DELETE /_emulator/faults"))
}

func (e *Emulator) ctlClearFaults(w http.ResponseWriter, r *http.Request) {
	e.ClearFaults()
	writeControl(w, http.StatusNoContent, nil)
}

func (e *Emulator) ctlGetSettings(w http.ResponseWriter, r *http.Request) {
	writeControl(w, http.StatusOK, e.currentSettings().body())
}

// ctlPutSettings is PUT /_emulator/settings with any subset of the settings; it answers with
// all of them. One bad value refuses the whole request, naming every bad key.
func (e *Emulator) ctlPutSettings(w http.ResponseWriter, r *http.Request) {
	var b settingsBody
	err := decodeControl(r, &b)
	if err == nil {
		err = b.validate()
	}
	if err != nil {
		writeControl(w, http.StatusBadRequest, controlError(err.Error()))
		return
	}
	e.applySettings(b)
	e.ctlGetSettings(w, r)
}

func (e *Emulator) ctlCounters(w http.ResponseWriter, r *http.Request) {
	writeControl(w, http.StatusOK, e.Counters())
}

func (e *Emulator) ctlResetCounters(w http.ResponseWriter, r *http.Request) {
	e.ResetCounters()
	writeControl(w, http.StatusNoContent, nil)
}

// ctlOTP is GET /_emulator/environments/{envID}/oathTokens/{oathTokenID}/otp?ahead=N.
func (e *Emulator) ctlOTP(w http.ResponseWriter, r *http.Request) {
	ahead := 0
	if s := r.URL.Query().Get("ahead"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			writeControl(w, http.StatusBadRequest, controlError("ahead must be an integer"))
			return
		}
		ahead = n
	}
	code, err := e.CurrentOTP(r.PathValue("envID"), r.PathValue("oathTokenID"), ahead)
	switch {
	case errors.Is(err, errNotFound):
		writeControl(w, http.StatusNotFound, controlError(err.Error()))
	case err != nil:
		writeControl(w, http.StatusBadRequest, controlError(err.Error()))
	default:
		writeControl(w, http.StatusOK, map[string]string{"otp": code})
	}
}

func (e *Emulator) ctlSerials(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("envID")
	serials := e.TokenSerials(id)
	if serials == nil {
		writeControl(w, http.StatusNotFound, controlError("no environment "+id))
		return
	}
	writeControl(w, http.StatusOK, map[string][]string{"serials": serials})
}
