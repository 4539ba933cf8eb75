package emulator

import (
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"
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

func (e *Emulator) ctlAddFault(w http.ResponseWriter, r *http.Request) {
	var f Fault
	err := decodeControl(r, &f)
	if err == nil {
		err = f.validate()
	}
	if err != nil {
		writeControl(w, http.StatusBadRequest, controlError(err.Error()))
		return
	}
	e.AddFault(f)
	writeControl(w, http.StatusCreated, f)
}

func (e *Emulator) ctlClearFaults(w http.ResponseWriter, r *http.Request) {
	e.ClearFaults()
	writeControl(w, http.StatusNoContent, nil)
}

// settingsBody is the control API's view of the settings; in a PUT every field is optional.
type settingsBody struct {
	RateLimit               *float64 `json:"rate_limit,omitempty"`
	LatencyMS               *float64 `json:"latency_ms,omitempty"`
	PageSize                *int     `json:"page_size,omitempty"`
	TokenTTLSeconds         *float64 `json:"token_ttl_seconds,omitempty"`
	MaxTokensPerEnvironment *int     `json:"max_tokens_per_environment,omitempty"`
}

func (e *Emulator) ctlGetSettings(w http.ResponseWriter, r *http.Request) {
	s := e.currentSettings()
	latency := float64(s.latency) / float64(time.Millisecond)
	ttl := s.tokenTTL.Seconds()
	writeControl(w, http.StatusOK, settingsBody{RateLimit: &s.rateLimit, LatencyMS: &latency,
		PageSize: &s.pageSize, TokenTTLSeconds: &ttl, MaxTokensPerEnvironment: &s.maxTokens})
}

// ctlPutSettings is PUT /_emulator/settings with any subset of the settings; it answers with
// all of them.
func (e *Emulator) ctlPutSettings(w http.ResponseWriter, r *http.Request) {
	var b settingsBody
	if err := decodeControl(r, &b); err != nil {
		writeControl(w, http.StatusBadRequest, controlError(err.Error()))
		return
	}
	if b.RateLimit != nil && *b.RateLimit < 0 || b.LatencyMS != nil && *b.LatencyMS < 0 ||
		b.PageSize != nil && *b.PageSize < 1 || b.TokenTTLSeconds != nil && *b.TokenTTLSeconds <= 0 ||
		b.MaxTokensPerEnvironment != nil && *b.MaxTokensPerEnvironment < 1 {
		writeControl(w, http.StatusBadRequest, controlError("settings must be positive (rate_limit and latency_ms may be 0)"))
		return
	}
	if b.RateLimit != nil {
		e.SetRateLimit(*b.RateLimit)
	}
	if b.LatencyMS != nil {
		e.SetLatency(time.Duration(*b.LatencyMS * float64(time.Millisecond)))
	}
	if b.PageSize != nil {
		e.SetPageSize(*b.PageSize)
	}
	if b.TokenTTLSeconds != nil {
		e.SetTokenTTL(time.Duration(*b.TokenTTLSeconds * float64(time.Second)))
	}
	if b.MaxTokensPerEnvironment != nil {
		e.SetMaxTokensPerEnvironment(*b.MaxTokensPerEnvironment)
	}
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
