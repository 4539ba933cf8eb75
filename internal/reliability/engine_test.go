package reliability_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/oathtokens/terraform-provider-pingone/internal/acctest"
)

// Some tests drive the engine binary itself, with the provider built as a real plugin binary,
// because terraform-plugin-testing cannot pass -parallelism, interrupt a run, or show what
// TF_LOG writes to a file: the engine and the provider run exactly as a user runs them.

// providerSources are the dev_overrides keys: each engine resolves "oathtokens/pingone" to its
// own registry.
var providerSources = []string{
	"registry.terraform.io/oathtokens/pingone",
	"registry.opentofu.org/oathtokens/pingone",
}

// terraformBlock is the head of every engine-driven configuration: the provider takes all its
// settings from the PINGONE_* variables of the engine's environment.
const terraformBlock = `terraform {
  required_providers {
    pingone = {
      source = "oathtokens/pingone"
    }
  }
}

provider "pingone" {}
`

// commandTimeout bounds one engine command, so a hang fails the test instead of the suite.
const commandTimeout = 4 * time.Minute

// requireAcc skips an engine-driven test outside acceptance runs, as resource.Test does.
func requireAcc(t *testing.T) {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1 and TF_ACC_TERRAFORM_PATH (make testacc does both)")
	}
	acctest.PreCheck(t)
}

// engine is the binary under test, Terraform or OpenTofu.
type engine struct {
	path  string
	name  string // "Terraform" or "OpenTofu", from its version output.
	major int
	minor int
}

var engineInfo struct {
	once sync.Once
	eng  engine
	err  error
}

// engineUnderTest reads the engine's name and version from `version`, once per test binary.
func engineUnderTest(t *testing.T) engine {
	t.Helper()
	engineInfo.once.Do(func() {
		path := os.Getenv("TF_ACC_TERRAFORM_PATH")
		out, err := exec.Command(path, "version").Output()
		if err != nil {
			engineInfo.err = fmt.Errorf("%s version: %w", path, err)
			return
		}
		m := regexp.MustCompile(`^(\S+) v(\d+)\.(\d+)\.`).FindStringSubmatch(string(out))
		if m == nil {
			engineInfo.err = fmt.Errorf("%s version: unexpected output %q", path, out)
			return
		}
		major, _ := strconv.Atoi(m[2])
		minor, _ := strconv.Atoi(m[3])
		engineInfo.eng = engine{path: path, name: m[1], major: major, minor: minor}
	})
	if engineInfo.err != nil {
		t.Fatal(engineInfo.err)
	}
	return engineInfo.eng
}

// atLeast reports whether the engine's version is major.minor or later.
func (e engine) atLeast(major, minor int) bool {
	return e.major > major || e.major == major && e.minor >= minor
}

func (e engine) version() string { return fmt.Sprintf("%s %d.%d", e.name, e.major, e.minor) }

var providerBuild struct {
	once sync.Once
	dir  string
	err  error
}

// providerDir builds the provider binary once per test binary, into .bin/reliability/ at the
// module root (git-ignored, where make puts every binary it builds), and returns that directory
// for dev_overrides. The binary is written under a temporary name and renamed into place, so a
// concurrent test run never executes a half-written file.
func providerDir(t *testing.T) string {
	t.Helper()
	providerBuild.once.Do(func() {
		providerBuild.dir, providerBuild.err = buildProvider()
	})
	if providerBuild.err != nil {
		t.Fatal(providerBuild.err)
	}
	return providerBuild.dir
}

func buildProvider() (string, error) {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		return "", err
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		return "", fmt.Errorf("module root not found from the test's directory: %w", err)
	}
	dir := filepath.Join(root, ".bin", "reliability")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	tmp := filepath.Join(dir, fmt.Sprintf(".terraform-provider-pingone.%d", os.Getpid()))
	cmd := exec.Command("go", "build", "-o", tmp, ".")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("build the provider: %w\n%s", err, out)
	}
	if err := os.Rename(tmp, filepath.Join(dir, "terraform-provider-pingone")); err != nil {
		return "", err
	}
	return dir, nil
}

// workspace is a working directory with its own CLI configuration and environment, in which
// the engine runs the way a user runs it.
type workspace struct {
	t   *testing.T
	eng engine
	dir string
	env map[string]string
}

// newWorkspace prepares a directory whose engine uses the provider binary through dev_overrides
// (so no init is needed) and signs in to the test's PingOne with the PINGONE_* variables: the
// emulator's, or those the user set for a real PingOne.
func newWorkspace(t *testing.T, e *acctest.Emulator) *workspace {
	t.Helper()
	eng := engineUnderTest(t)
	bin := providerDir(t)
	dir := t.TempDir()
	var rc strings.Builder
	rc.WriteString("provider_installation {\n  dev_overrides {\n")
	for _, src := range providerSources {
		fmt.Fprintf(&rc, "    %q = %q\n", src, bin)
	}
	rc.WriteString("  }\n  direct {}\n}\ndisable_checkpoint = true\n")
	if err := os.WriteFile(filepath.Join(dir, "cli.tfrc"), []byte(rc.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	w := &workspace{t: t, eng: eng, dir: dir, env: e.ProviderEnv()}
	for name, value := range map[string]string{
		"TF_CLI_CONFIG_FILE": filepath.Join(dir, "cli.tfrc"),
		"TF_IN_AUTOMATION":   "1",
		"TF_INPUT":           "0",
		"CHECKPOINT_DISABLE": "1",
	} {
		w.env[name] = value
	}
	return w
}

// setEnv sets (or with "" removes) one variable of the engine's environment.
func (w *workspace) setEnv(name, value string) {
	if value == "" {
		delete(w.env, name)
		return
	}
	w.env[name] = value
}

// environ is the engine's environment: this process's, without anything that could change what
// the engine or the provider does, plus the workspace's own variables.
func (w *workspace) environ() []string {
	var out []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		switch {
		case strings.HasPrefix(name, "PINGONE_"), strings.HasPrefix(name, "TF_"), name == "SSL_CERT_FILE",
			name == "CHECKPOINT_DISABLE":
			continue
		}
		out = append(out, kv)
	}
	for k, v := range w.env {
		out = append(out, k+"="+v)
	}
	return out
}

// writeConfig replaces the workspace's configuration with terraformBlock plus body.
func (w *workspace) writeConfig(body string) {
	w.t.Helper()
	if err := os.WriteFile(filepath.Join(w.dir, "main.tf"), []byte(terraformBlock+body), 0o600); err != nil {
		w.t.Fatal(err)
	}
}

// result is what one engine command did.
type result struct {
	args   []string
	code   int
	stdout string
	stderr string
	took   time.Duration
}

func (r result) String() string {
	return fmt.Sprintf("%s (exit %d after %s)\n--- stdout\n%s\n--- stderr\n%s", strings.Join(r.args, " "), r.code,
		r.took.Round(time.Millisecond), r.stdout, r.stderr)
}

// output is stdout and stderr together, for messages that may land on either.
func (r result) output() string { return r.stdout + "\n" + r.stderr }

// running is an engine command started in the background.
type running struct {
	w      *workspace
	cmd    *exec.Cmd
	cancel context.CancelFunc
	stdout bytes.Buffer
	stderr bytes.Buffer
	start  time.Time
	args   []string
}

// start runs the engine with args in the background.
func (w *workspace) start(args ...string) *running {
	w.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), commandTimeout)
	r := &running{w: w, cancel: cancel, args: args}
	r.cmd = exec.CommandContext(ctx, w.eng.path, args...)
	r.cmd.Dir = w.dir
	r.cmd.Env = w.environ()
	r.cmd.Stdout = &r.stdout
	r.cmd.Stderr = &r.stderr
	r.cmd.WaitDelay = 10 * time.Second
	r.start = time.Now()
	if err := r.cmd.Start(); err != nil {
		cancel()
		w.t.Fatalf("start %s: %v", w.eng.path, err)
	}
	return r
}

// wait waits for the command to end and returns what it did.
func (r *running) wait() result {
	r.w.t.Helper()
	defer r.cancel()
	err := r.cmd.Wait()
	res := result{args: r.args, stdout: r.stdout.String(), stderr: r.stderr.String(), took: time.Since(r.start)}
	var exit *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exit) && exit.Exited():
		res.code = exit.ExitCode()
	default:
		r.w.t.Fatalf("%s: %v\n%s", strings.Join(r.args, " "), err, res)
	}
	return res
}

// run runs the engine with args and returns what it did, whatever its exit status.
func (w *workspace) run(args ...string) result {
	w.t.Helper()
	return w.start(args...).wait()
}

// mustRun runs the engine and fails the test unless it exits with want.
func (w *workspace) mustRun(want int, args ...string) result {
	w.t.Helper()
	res := w.run(args...)
	if res.code != want {
		w.t.Fatalf("want exit %d from %s", want, res)
	}
	return res
}

// apply, plan and destroy are the commands a pipeline runs; extra adds flags such as
// -parallelism=50.
func (w *workspace) apply(extra ...string) result {
	return w.run(append([]string{"apply", "-auto-approve", "-input=false", "-no-color"}, extra...)...)
}

func (w *workspace) destroy(extra ...string) result {
	return w.run(append([]string{"destroy", "-auto-approve", "-input=false", "-no-color"}, extra...)...)
}

// planEmpty runs a plan with -detailed-exitcode and fails the test unless it shows no change.
func (w *workspace) planEmpty(extra ...string) result {
	w.t.Helper()
	return w.mustRun(0, append([]string{"plan", "-detailed-exitcode", "-input=false", "-no-color"}, extra...)...)
}

// stateFile is the part of the state file format (version 4, both engines) the tests read.
type stateFile struct {
	Resources []struct {
		Mode      string `json:"mode"`
		Type      string `json:"type"`
		Name      string `json:"name"`
		Instances []struct {
			Attributes map[string]any `json:"attributes"`
		} `json:"instances"`
	} `json:"resources"`
}

// rawState is the state file as the engine wrote it to disk; nil before the first apply.
func (w *workspace) rawState() []byte {
	w.t.Helper()
	data, err := os.ReadFile(filepath.Join(w.dir, "terraform.tfstate"))
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		w.t.Fatal(err)
	}
	return data
}

// stateTokens reads the state file directly, without asking the engine (which could refresh),
// and returns each OATH token's ID by environment and serial number: "envID/serial" → ID.
func (w *workspace) stateTokens() map[string]string {
	w.t.Helper()
	out := map[string]string{}
	data := w.rawState()
	if data == nil {
		return out
	}
	var st stateFile
	if err := json.Unmarshal(data, &st); err != nil {
		w.t.Fatalf("read the state file: %v", err)
	}
	for _, r := range st.Resources {
		if r.Mode != "managed" || r.Type != "pingone_oath_token" {
			continue
		}
		for _, inst := range r.Instances {
			env, _ := inst.Attributes["environment_id"].(string)
			serial, _ := inst.Attributes["serial_number"].(string)
			id, _ := inst.Attributes["id"].(string)
			key := env + "/" + serial
			if _, dup := out[key]; dup {
				w.t.Fatalf("the state holds %s twice", key)
			}
			out[key] = id
		}
	}
	return out
}
