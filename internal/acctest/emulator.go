package acctest

import (
	"fmt"
	"os"
	"sync"
	"testing"

	"github.com/oathtokens/terraform-provider-pingone/internal/emulator"
)

// Emulator is the PingOne one test runs against: an emulator started for that test and stopped
// when it ends, or, in external mode, the real PingOne environment the tests share, in which the
// test owns the serial numbers and user names that start with its namespace. Its methods that the
// real API can do work in both modes; those only the emulator's control API can do (control.go)
// fail the test in external mode, which must therefore declare NeedsControlAPI before creating
// anything, or guard the check with CanCheck.
type Emulator struct {
	Info emulator.Info

	t testing.TB
	// emu is the in-process emulator; nil against a real PingOne.
	emu *emulator.Emulator
	// namespace starts the serial numbers and user names this test creates against a real
	// PingOne; empty with the emulator, whose environments are the test's alone.
	namespace string

	mu sync.Mutex
	// users are the users CreateUser made, deleted when the test ends in external mode.
	users []createdUser
	// usesSecond says the test asked for the second environment, which the clean-up then sweeps
	// too.
	usesSecond bool
	// conn signs in to this PingOne for the test's own requests.
	conn *connection
}

// StartEmulator starts an emulator of the test's own, so that its request counters and faults
// concern that test alone. In external mode it starts nothing: it returns the shared real
// PingOne, with a namespace of the test's own, and removes at the test's end whatever tokens and
// users the test left there (those it created through the API, or that a failed destroy left).
// Options shape an emulator, so they need NeedsControlAPI first.
func StartEmulator(t testing.TB, opts ...func(*emulator.Options)) *Emulator {
	t.Helper()
	if x := target; x != nil {
		if len(opts) > 0 {
			t.Fatal("emulator options need the in-process emulator: call acctest.NeedsControlAPI(t, why) first")
		}
		e := &Emulator{Info: x.info(), t: t, namespace: x.nextNamespace(), conn: x.conn}
		t.Cleanup(e.removeLeftovers)
		return e
	}
	if sharedCA == nil {
		t.Fatal("acctest.Main was not called from TestMain")
	}
	o := emulator.Options{CA: sharedCA}
	for _, opt := range opts {
		opt(&o)
	}
	emu, err := emulator.Start(o)
	if err != nil {
		t.Fatalf("start the PingOne emulator: %v", err)
	}
	t.Cleanup(func() { _ = emu.Close() })
	info := emu.Info()
	return &Emulator{Info: info, t: t, emu: emu, conn: &connection{
		clientID: info.ClientID, clientSecret: info.ClientSecret, adminEnvironmentID: info.AdminEnvironmentID,
		apiHost: info.APIHostname, authHost: info.AuthHostname,
	}}
}

// ProviderConfig is a provider block that signs in with client credentials: to the emulator,
// by its hosts and credentials; to a real PingOne, an empty block, so that the provider takes
// everything from the PINGONE_* variables exactly as a user's configuration would.
func (e *Emulator) ProviderConfig() string {
	if e.emu == nil {
		return "\nprovider \"pingone\" {}\n"
	}
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

// ProviderEnv is the environment an engine or provider binary started by a test needs to reach
// this PingOne: PINGONE_* variables and SSL_CERT_FILE, from the emulator's Info, or as the user
// set them for a real PingOne.
func (e *Emulator) ProviderEnv() map[string]string {
	if x := target; e.emu == nil && x != nil {
		out := make(map[string]string, len(x.connectionVariables))
		for k, v := range x.connectionVariables {
			out[k] = v
		}
		return out
	}
	return map[string]string{
		"SSL_CERT_FILE":                 e.Info.CAFile,
		"PINGONE_CLIENT_ID":             e.Info.ClientID,
		"PINGONE_CLIENT_SECRET":         e.Info.ClientSecret,
		"PINGONE_ENVIRONMENT_ID":        e.Info.AdminEnvironmentID,
		"PINGONE_API_SERVICE_HOSTNAME":  e.Info.APIHostname,
		"PINGONE_AUTH_SERVICE_HOSTNAME": e.Info.AuthHostname,
	}
}

// PreCheck skips nothing and needs nothing: the emulator stands in for PingOne, and in external
// mode Main has checked the variables. It only checks that the engine is the one the project
// built, so that no test downloads Terraform.
func PreCheck(t testing.TB) {
	t.Helper()
	if os.Getenv("TF_ACC_TERRAFORM_PATH") == "" {
		t.Fatal("TF_ACC_TERRAFORM_PATH must point at the engine built by make (make testacc does this)")
	}
}
