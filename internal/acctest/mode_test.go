package acctest

import (
	"fmt"
	"maps"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// clearModeEnv sets every variable external mode reads to empty, so the machine's own cannot
// change what a case sees.
func clearModeEnv(t *testing.T) {
	for _, name := range []string{"TF_ACC", EnvTestEnvironment, EnvSecondEnvironment, EnvAllowForeignTokens,
		"PINGONE_CLIENT_ID", "PINGONE_CLIENT_SECRET", "PINGONE_ENVIRONMENT_ID", "PINGONE_REGION_CODE",
		"PINGONE_API_SERVICE_HOSTNAME", "PINGONE_AUTH_SERVICE_HOSTNAME", "SSL_CERT_FILE", "PINGONE_API_ACCESS_TOKEN"} {
		t.Setenv(name, "")
	}
}

const (
	testEnvID   = "5c7a1f2e-0000-4000-8000-000000000001"
	secondEnvID = "5c7a1f2e-0000-4000-8000-000000000002"
	adminEnvID  = "5c7a1f2e-0000-4000-8000-000000000003"
)

func setWorker(t *testing.T) {
	t.Setenv("PINGONE_CLIENT_ID", "9d2f7c1e-0000-4000-8000-00000000000a")
	t.Setenv("PINGONE_CLIENT_SECRET", "s3cret")
	t.Setenv("PINGONE_ENVIRONMENT_ID", adminEnvID)
}

// TestExternalFromEnv shows when the tests switch to a real PingOne: only with TF_ACC and
// PINGONE_ACC_ENVIRONMENT_ID, and then only with a complete worker and consistent settings,
// resolving the hosts as the provider does.
func TestExternalFromEnv(t *testing.T) {
	t.Run("unit runs use the emulator whatever the variables", func(t *testing.T) {
		clearModeEnv(t)
		setWorker(t)
		t.Setenv(EnvTestEnvironment, testEnvID)
		if x, err := externalFromEnv(); x != nil || err != nil {
			t.Errorf("without TF_ACC: %v, %v; want the emulator", x, err)
		}
	})
	t.Run("acceptance runs without a test environment use the emulator", func(t *testing.T) {
		clearModeEnv(t)
		setWorker(t)
		t.Setenv("TF_ACC", "1")
		if x, err := externalFromEnv(); x != nil || err != nil {
			t.Errorf("without %s: %v, %v; want the emulator", EnvTestEnvironment, x, err)
		}
	})
	for _, c := range []struct {
		name string
		set  map[string]string
		want string
	}{
		{"no worker", map[string]string{"PINGONE_CLIENT_ID": "", "PINGONE_CLIENT_SECRET": ""},
			"set PINGONE_CLIENT_ID, PINGONE_CLIENT_SECRET: the tests and sweepers sign in as a worker application"},
		{"the same environment twice", map[string]string{EnvSecondEnvironment: strings.ToUpper(testEnvID)},
			EnvSecondEnvironment + " must name another environment"},
		{"allowance not 1", map[string]string{EnvAllowForeignTokens: "yes"}, EnvAllowForeignTokens + ` must be 1 or unset, not "yes"`},
		{"one hostname", map[string]string{"PINGONE_API_SERVICE_HOSTNAME": "api.example.com"},
			"set both PINGONE_API_SERVICE_HOSTNAME and PINGONE_AUTH_SERVICE_HOSTNAME"},
		{"unknown region", map[string]string{"PINGONE_REGION_CODE": "MARS"}, `PINGONE_REGION_CODE "MARS" is not one of`},
	} {
		t.Run(c.name, func(t *testing.T) {
			clearModeEnv(t)
			setWorker(t)
			t.Setenv("TF_ACC", "1")
			t.Setenv(EnvTestEnvironment, testEnvID)
			for k, v := range c.set {
				t.Setenv(k, v)
			}
			x, err := externalFromEnv()
			if x != nil || err == nil || !regexp.MustCompile(c.want).MatchString(err.Error()) {
				t.Errorf("got %v, %v; want an error saying %q", x, err, c.want)
			}
		})
	}
	t.Run("a region's hosts and the variables as set", func(t *testing.T) {
		clearModeEnv(t)
		setWorker(t)
		t.Setenv("TF_ACC", "1")
		t.Setenv(EnvTestEnvironment, strings.ToUpper(testEnvID))
		t.Setenv(EnvSecondEnvironment, secondEnvID)
		t.Setenv("PINGONE_REGION_CODE", "EU")
		x, err := externalFromEnv()
		if err != nil {
			t.Fatal(err)
		}
		if x.conn.apiHost != "api.pingone.eu" || x.conn.authHost != "auth.pingone.eu" {
			t.Errorf("hosts %s and %s, want EU's", x.conn.apiHost, x.conn.authHost)
		}
		if got := x.environments(); !slices.Equal(got, []string{testEnvID, secondEnvID}) {
			t.Errorf("environments %v, want both, in lower case", got)
		}
		// The engines get the variables the user set, and nothing derived (no hostnames).
		if got := slices.Sorted(maps.Keys(x.connectionVariables)); !slices.Equal(got,
			[]string{"PINGONE_CLIENT_ID", "PINGONE_CLIENT_SECRET", "PINGONE_ENVIRONMENT_ID", "PINGONE_REGION_CODE"}) {
			t.Errorf("the engines would get %v", got)
		}
		if !regexp.MustCompile(`^[A-Z0-9]{5}$`).MatchString(x.runID) {
			t.Errorf("run ID %q is not five letters and digits", x.runID)
		}
	})
}

// TestNamespaces shows that what a test names against a real PingOne is what the sweepers
// remove, that tests never share a namespace, and that the emulator keeps the tests' own names.
func TestNamespaces(t *testing.T) {
	x := &external{runID: "AB12C"}
	first, second := &Emulator{t: t, namespace: x.nextNamespace()}, &Emulator{t: t, namespace: x.nextNamespace()}
	if first.namespace != "TFACCAB12C001" || second.namespace != "TFACCAB12C002" {
		t.Fatalf("namespaces %s and %s", first.namespace, second.namespace)
	}
	serial, user := first.Serial("LIFE1"), first.UserName("holder")
	if serial != "TFACCAB12C001LIFE1" || user != "tfaccab12c001-holder" {
		t.Errorf("serial %s, user %s", serial, user)
	}
	if !IsTestSerial(serial) || !IsTestUsername(user) {
		t.Errorf("the sweepers would not remove %s or %s", serial, user)
	}
	if !first.Owns(serial) || second.Owns(serial) {
		t.Errorf("%s is owned by the wrong test", serial)
	}
	for _, s := range []string{"VENDOR0001", "TFACC1", "TFACCAB12C001", "tfaccab12c001LIFE1", "TFACCAB12C001LIFE-1"} {
		if IsTestSerial(s) {
			t.Errorf("the sweepers would remove %s, which no test makes", s)
		}
	}
	for _, u := range []string{"alice", "tfaccountant", "tfaccab12c001holder", "tfacc-ab12c001-holder"} {
		if IsTestUsername(u) {
			t.Errorf("the sweepers would remove user %s, whom no test makes", u)
		}
	}

	emulated := &Emulator{t: t}
	if emulated.Serial("LIFE1") != "LIFE1" || emulated.UserName("holder") != "holder" || !emulated.Owns("ANY") {
		t.Errorf("with the emulator the tests' own names change")
	}

	// A name that would pass PingOne's 50 characters fails the test that chose it.
	rec := &fatalRecorder{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		(&Emulator{t: rec, namespace: first.namespace}).Serial(strings.Repeat("X", 38))
	}()
	<-done
	if !strings.Contains(rec.fatal, "is 51 characters, more than PingOne's 50") {
		t.Errorf("a 51-character serial number: %q", rec.fatal)
	}
}

// fatalRecorder records a Fatalf instead of failing the test.
type fatalRecorder struct {
	testing.TB
	fatal string
}

func (r *fatalRecorder) Helper() {}

func (r *fatalRecorder) Fatalf(format string, args ...any) {
	r.fatal = fmt.Sprintf(format, args...)
	runtime.Goexit()
}
