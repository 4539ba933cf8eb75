package acctest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// CLI runs an engine's own commands in a directory of its own, with the provider built from this
// checkout and found through dev_overrides, as a user runs them. It is for what
// terraform-plugin-testing cannot drive, such as terraform query -generate-config-out. The
// emulator's CA reaches the engine and the provider through SSL_CERT_FILE, which Main sets.
type CLI struct {
	t      testing.TB
	engine string
	// Dir is the working directory the commands run in.
	Dir string
	env []string
}

// NewCLI builds the provider and prepares a working directory for the engine in
// TF_ACC_TERRAFORM_PATH. It skips the test on OpenTofu and on Terraform older than minVersion
// (such as "1.14.0"), naming what is missing.
func NewCLI(t testing.TB, minVersion, needs string) *CLI {
	t.Helper()
	// terraform-plugin-testing skips acceptance tests without TF_ACC; so does a test run by hand.
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1 (make testacc does)")
	}
	PreCheck(t)
	engine := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if name, version := engineVersion(t, engine); name != "Terraform" || versionBelow(version, minVersion) {
		t.Skipf("%s %s: %s needs Terraform %s or later", name, version, needs, minVersion)
	}

	work := t.TempDir()
	bin := filepath.Join(work, "bin")
	build := exec.Command("go", "build", "-trimpath", "-o", filepath.Join(bin, "terraform-provider-pingone"), ".")
	build.Dir = ModuleRoot()
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build the provider: %v\n%s", err, out)
	}
	rc := filepath.Join(work, "cli.tfrc")
	config := fmt.Sprintf(`provider_installation {
  dev_overrides {
    "registry.terraform.io/oathtokens/pingone" = %q
  }
  direct {}
}
disable_checkpoint = true
`, bin)
	if err := os.WriteFile(rc, []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(work, "config")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	env := append(os.Environ(), "TF_CLI_CONFIG_FILE="+rc, "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1")
	return &CLI{t: t, engine: engine, Dir: dir, env: env}
}

// Run runs the engine with args and returns its combined output; a non-zero exit fails the test.
func (c *CLI) Run(args ...string) string {
	c.t.Helper()
	out, code := c.RunExit(args...)
	if code != 0 {
		c.t.Fatalf("%s %s exited with %d:\n%s", filepath.Base(c.engine), strings.Join(args, " "), code, out)
	}
	return out
}

// RunExit runs the engine with args and returns its combined output and exit status.
func (c *CLI) RunExit(args ...string) (string, int) {
	c.t.Helper()
	cmd := exec.Command(c.engine, args...)
	cmd.Dir = c.Dir
	cmd.Env = c.env
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		return string(out), exit.ExitCode()
	case err != nil:
		c.t.Fatalf("run %s %s: %v", c.engine, strings.Join(args, " "), err)
	}
	return string(out), 0
}

// WriteFile writes a file into the working directory.
func (c *CLI) WriteFile(name, content string) {
	c.t.Helper()
	if err := os.WriteFile(filepath.Join(c.Dir, name), []byte(content), 0o600); err != nil {
		c.t.Fatal(err)
	}
}

// ReadFile reads a file of the working directory.
func (c *CLI) ReadFile(name string) string {
	c.t.Helper()
	raw, err := os.ReadFile(filepath.Join(c.Dir, name))
	if err != nil {
		c.t.Fatal(err)
	}
	return string(raw)
}

// ShowJSON runs show -json (of the state, or of a saved plan file) and decodes it into v.
func (c *CLI) ShowJSON(v any, planFile ...string) {
	c.t.Helper()
	cmd := exec.Command(c.engine, append([]string{"show", "-json"}, planFile...)...)
	cmd.Dir = c.Dir
	cmd.Env = c.env
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		c.t.Fatalf("show -json %v: %v\n%s", planFile, err, stderr.String())
	}
	if err := json.Unmarshal(out, v); err != nil {
		c.t.Fatalf("decode show -json %v: %v", planFile, err)
	}
}

// ModuleRoot is the directory of this module's go.mod, for commands that build it or read its
// examples.
func ModuleRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// engineVersion asks the engine its name (Terraform or OpenTofu) and version.
func engineVersion(t testing.TB, engine string) (name, version string) {
	t.Helper()
	out, err := exec.Command(engine, "version").Output()
	if err != nil {
		t.Fatalf("%s version: %v", engine, err)
	}
	fields := strings.Fields(string(out))
	if len(fields) < 2 {
		t.Fatalf("%s version printed %q", engine, out)
	}
	return fields[0], strings.TrimPrefix(fields[1], "v")
}

// versionBelow compares dotted versions numerically, ignoring any pre-release suffix.
func versionBelow(version, minimum string) bool {
	have, want := strings.Split(strings.SplitN(version, "-", 2)[0], "."), strings.Split(minimum, ".")
	for i := range want {
		var h int
		if i < len(have) {
			h, _ = strconv.Atoi(have[i])
		}
		w, _ := strconv.Atoi(want[i])
		if h != w {
			return h < w
		}
	}
	return false
}
