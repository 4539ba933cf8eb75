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
	raw, err := json.Marshal(settings)
	if err != nil {
		t.Fatal(err)
	}
	req, err := http.NewRequest(http.MethodPut, e.URL()+"/_emulator/settings", bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	e.do(t, req, http.StatusOK, nil)
}
