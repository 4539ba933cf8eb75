package acctest

import (
	"fmt"
	"os"
	"testing"

	"github.com/oathtokens/terraform-provider-pingone/internal/emulator"
)

// Emulator is a PingOne emulator started for one test, stopped when the test ends.
type Emulator struct {
	*emulator.Emulator
	Info emulator.Info
}

// StartEmulator starts an emulator of the test's own, so that its request counters and faults
// concern that test alone.
func StartEmulator(t testing.TB, opts ...func(*emulator.Options)) *Emulator {
	t.Helper()
	if sharedCA == nil {
		t.Fatal("acctest.Main was not called from TestMain")
	}
	o := emulator.Options{CA: sharedCA}
	for _, opt := range opts {
		opt(&o)
	}
	e, err := emulator.Start(o)
	if err != nil {
		t.Fatalf("start the PingOne emulator: %v", err)
	}
	t.Cleanup(func() { _ = e.Close() })
	return &Emulator{Emulator: e, Info: e.Info()}
}

// ProviderConfig is a provider block that signs in to the emulator with client credentials.
func (e *Emulator) ProviderConfig() string {
	return fmt.Sprintf(`
provider "pingone" {
  client_id      = %q
  client_secret  = %q
  environment_id = %q
  service_endpoints {
    auth_hostname = %q
    api_hostname  = %q
  }
}
`, e.Info.ClientID, e.Info.ClientSecret, e.Info.AdminEnvironmentID, e.Info.AuthHostname, e.Info.APIHostname)
}

// APICalls counts the requests the emulator received for one route template, such as
// "POST /v1/environments/{envID}/oathTokens".
func (e *Emulator) APICalls(route string) int {
	return e.Counters().Requests[route]
}

// InjectFault adds a fault to the emulator, failing the test at once when the fault is invalid
// (an unknown route, say) and at its end when the fault never fired: a fault that did nothing
// proves nothing, and the test would pass for the wrong reason.
func (e *Emulator) InjectFault(t testing.TB, f emulator.Fault) *emulator.FaultHandle {
	t.Helper()
	var h *emulator.FaultHandle
	func() {
		defer func() {
			if p := recover(); p != nil {
				t.Fatalf("%v", p)
			}
		}()
		h = e.AddFault(f)
	}()
	t.Cleanup(func() {
		// A skipped test (an acceptance test without TF_ACC, say) exercised nothing on purpose.
		if h.Fired() == 0 && !t.Skipped() {
			t.Errorf("the fault on %q (status %d %v, mode %q, latency %s) never fired: the test did not exercise it",
				f.Route, f.Status, f.Statuses, f.Mode, f.Latency)
		}
	})
	return h
}

// PreCheck skips nothing and needs nothing: the emulator stands in for PingOne. It only checks
// that the engine is the one the project built, so that no test downloads Terraform.
func PreCheck(t testing.TB) {
	t.Helper()
	if os.Getenv("TF_ACC_TERRAFORM_PATH") == "" {
		t.Fatal("TF_ACC_TERRAFORM_PATH must point at the engine built by make (make testacc does this)")
	}
}
