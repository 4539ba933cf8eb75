package acctest

import (
	"bytes"
	"encoding/json"
	"net/http"
	"testing"
)

// PutSettings changes the emulator's settings through its control API, as a test that drives a
// separate emulator process would: keys as internal/emulator/README.md lists them, such as
// "job_row_failures" or "job_duration_ms". An unknown key fails the test.
func (e *Emulator) PutSettings(t testing.TB, settings map[string]any) {
	t.Helper()
	emu := e.control("PutSettings")
	raw, err := json.Marshal(settings)
	if err != nil {
		t.Fatal(err)
	}
	status, body, err := e.conn.do(func() (*http.Request, error) {
		req, err := http.NewRequest(http.MethodPut, emu.URL()+"/_emulator/settings", bytes.NewReader(raw))
		if err == nil {
			req.Header.Set("Content-Type", "application/json")
		}
		return req, err
	})
	switch {
	case err != nil:
		t.Fatal(err)
	case status != http.StatusOK:
		t.Fatal(errorf(http.MethodPut, "/_emulator/settings", status, http.StatusOK, body))
	}
}
