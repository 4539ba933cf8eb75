package emulator

import (
	"net/http"
	"strings"
	"testing"
)

// TestUnknownEnvironmentStatus: by default a deleted or unknown environment is 404; with the
// setting at 403 it is exactly the answer of an environment without a role, as PingOne may
// answer, so a client cannot tell the two apart. A missing role is 403 either way.
func TestUnknownEnvironmentStatus(t *testing.T) {
	h := start(t, Options{})
	deleted := h.e.CreateEnvironment(true)
	h.e.DeleteEnvironment(deleted)
	noRole := h.e.CreateEnvironment(false)
	unknown := "00000000-0000-4000-8000-000000000000"
	list := func(env string) response { return h.do("GET", "/v1/environments/"+env+"/oathTokens", "", nil) }

	for _, env := range []string{deleted, unknown} {
		checkError(t, list(env), want{404, "NOT_FOUND", []string{"NOT_FOUND"}})
	}
	checkError(t, list(noRole), want{403, "ACCESS_FAILED", []string{"INSUFFICIENT_PERMISSIONS"}})

	r := h.ctl("PUT", "/settings", `{"unknown_environment_status":403}`)
	if r.status != http.StatusOK || r.object(t)["unknown_environment_status"] != float64(403) {
		t.Fatalf("settings: %d %s", r.status, r.body)
	}
	roleless := checkError(t, list(noRole), want{403, "ACCESS_FAILED", []string{"INSUFFICIENT_PERMISSIONS"}})
	for _, env := range []string{deleted, unknown} {
		gone := checkError(t, list(env), want{403, "ACCESS_FAILED", []string{"INSUFFICIENT_PERMISSIONS"}})
		if gone.Message != roleless.Message || gone.Details[0].Message != roleless.Details[0].Message {
			t.Errorf("a missing environment can be told from a missing role: %+v vs %+v", gone, roleless)
		}
	}
	// The environment that exists keeps working.
	if r := h.api("GET", "/oathTokens", "", nil); r.status != http.StatusOK {
		t.Errorf("target environment: %d", r.status)
	}
	h.e.SetUnknownEnvironmentStatus(404)
	checkError(t, list(deleted), want{404, "NOT_FOUND", nil})

	r = h.ctl("PUT", "/settings", `{"unknown_environment_status":410}`)
	if msg, _ := r.object(t)["error"].(string); r.status != http.StatusBadRequest || !strings.Contains(msg, "unknown_environment_status") {
		t.Errorf("bad status: %d %s", r.status, r.body)
	}
	if _, err := Start(Options{UnknownEnvironmentStatus: 500}); err == nil {
		t.Error("Start accepted UnknownEnvironmentStatus 500")
	}
	o := start(t, Options{UnknownEnvironmentStatus: 403})
	checkError(t, o.do("GET", "/v1/environments/"+unknown+"/oathTokens", "", nil), want{403, "ACCESS_FAILED", nil})
}
