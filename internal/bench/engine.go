package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Engine is one engine binary under test.
type Engine struct {
	Name    string // "terraform" or "tofu"
	Path    string
	Version string // filled in by probe
}

// probe reads the engine's version, which also warms its binary into the page cache.
func (e *Engine) probe(ctx context.Context, env []string) error {
	cmd := exec.CommandContext(ctx, e.Path, "version", "-json")
	cmd.Env = env
	out, err := cmd.Output()
	if err != nil {
		return fmt.Errorf("%s version: %w", e.Path, err)
	}
	var v struct {
		Version string `json:"terraform_version"`
	}
	if err := json.Unmarshal(out, &v); err != nil || v.Version == "" {
		return fmt.Errorf("%s version -json: unexpected output %q", e.Path, bytes.TrimSpace(out))
	}
	e.Version = v.Version
	return nil
}

// subject is what a working directory holds: N OATH tokens (one resource each, or one token set
// holding them all), or N terraform_data resources (the engine's floor: built into the engine, no
// provider process, no API).
type subject string

const (
	subjectTokens subject = "pingone_oath_token"
	subjectSet    subject = "pingone_oath_token_set"
	subjectNoop   subject = "benchnoop_token"
	subjectData   subject = "terraform_data"
	// subjectSetValue is one terraform_data whose input is the token set's tokens map: what the
	// engine alone spends on carrying the set's value through a plan, its state and a diff.
	subjectSetValue subject = "terraform_data (set's value)"
	subjectClient   subject = "client only"
)

// The serial numbers of the two token subjects differ, so that a listing shows whose a token is.
const (
	tokenSerialPrefix = "BENCH"
	setSerialPrefix   = "SET"
)

// tokenConfig declares n HOTP tokens with distinct serial numbers.
func tokenConfig(n int, envID string, allowRevokeWhenPaired bool) string {
	var b strings.Builder
	fmt.Fprintf(&b, `terraform {
  required_providers {
    pingone = {
      source = "oathtokens/pingone"
    }
  }
}

provider "pingone" {}

resource "pingone_oath_token" "bench" {
  count = %d

  environment_id = %q
  serial_number  = format("BENCH%%06d", count.index)
  type           = "HOTP"
  otp_length     = 6
  secret         = "3132333435363738393031323334353637383930"
`, n, envID)
	if allowRevokeWhenPaired {
		b.WriteString("\n  allow_revoke_when_paired = true\n")
	}
	b.WriteString("}\n")
	return b.String()
}

// expectedSerials are the serial numbers tokenConfig (prefix BENCH) or setConfig (prefix SET)
// declares, in sorted order.
func expectedSerials(prefix string, n int) []string {
	out := make([]string, n)
	for i := range n {
		out[i] = fmt.Sprintf("%s%06d", prefix, i)
	}
	return out
}

// dataConfig declares n terraform_data resources, each with an input like a token's serial.
func dataConfig(n int) string {
	return fmt.Sprintf(`resource "terraform_data" "bench" {
  count = %d

  input = format("BENCH%%06d", count.index)
}
`, n)
}

// noopConfig declares n resources of the no-op framework provider, with a token's attributes.
func noopConfig(n int) string {
	return fmt.Sprintf(`terraform {
  required_providers {
    benchnoop = {
      source = "oathtokens/benchnoop"
    }
  }
}

resource "benchnoop_token" "bench" {
  count = %d

  environment_id = "00000000-0000-0000-0000-000000000000"
  serial_number  = format("BENCH%%06d", count.index)
  type           = "HOTP"
  otp_length     = 6
  secret         = "3132333435363738393031323334353637383930"
}
`, n)
}

// cliConfig points both engines' registry addresses of the provider and of the no-op provider
// at dir.
func cliConfig(dir string) string {
	return fmt.Sprintf(`provider_installation {
  dev_overrides {
    "registry.terraform.io/oathtokens/pingone"   = %[1]q
    "registry.opentofu.org/oathtokens/pingone"   = %[1]q
    "registry.terraform.io/oathtokens/benchnoop" = %[1]q
    "registry.opentofu.org/oathtokens/benchnoop" = %[1]q
  }
  direct {}
}
disable_checkpoint = true
`, dir)
}

// phase is one engine command.
type phase string

const (
	phaseApply   phase = "apply"
	phasePlan    phase = "plan"
	phaseDestroy phase = "destroy"
)

var phases = []phase{phaseApply, phasePlan, phaseDestroy}

// args are the engine arguments of a phase. A plan must find nothing to do: -detailed-exitcode
// makes a non-empty plan exit 2, which the harness reports as a failure.
func (p phase) args(parallelism int) []string {
	common := []string{"-input=false", "-no-color", "-compact-warnings", "-parallelism=" + strconv.Itoa(parallelism)}
	switch p {
	case phasePlan:
		return append([]string{"plan", "-detailed-exitcode"}, common...)
	default:
		return append([]string{string(p), "-auto-approve"}, common...)
	}
}

// workdir is one temporary Terraform working directory.
type workdir struct {
	dir     string
	env     []string
	subject subject
	// watch is the provider binary whose processes are watched, if any.
	watch string
	// count is how many resources or tokens the configuration declares.
	count int
}

// newWorkdir writes the configuration, which declares count resources or tokens, into a fresh
// directory under parent.
func newWorkdir(parent, name string, s subject, count int, watch, config string, env []string) (*workdir, error) {
	dir := filepath.Join(parent, name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(config), 0o644); err != nil {
		return nil, err
	}
	return &workdir{dir: dir, env: env, subject: s, watch: watch, count: count}, nil
}

// commandResult is what one engine command did.
type commandResult struct {
	Wall time.Duration
	// CPU is the user and system time of the engine and every process it waited for, its
	// provider processes included. It suffers less than wall time from a busy machine.
	CPU   time.Duration
	Procs procStats
}

// run runs one phase and times it from start to exit, watching the provider processes' memory.
func (w *workdir) run(ctx context.Context, e *Engine, p phase, parallelism int) (commandResult, error) {
	logPath := filepath.Join(w.dir, fmt.Sprintf("%s-%s.log", e.Name, p))
	logFile, err := os.OpenFile(logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return commandResult{}, err
	}
	defer func() { _ = logFile.Close() }()
	cmd := exec.CommandContext(ctx, e.Path, p.args(parallelism)...)
	cmd.Dir = w.dir
	cmd.Env = w.env
	cmd.Stdout, cmd.Stderr = logFile, logFile

	start := time.Now()
	if err := cmd.Start(); err != nil {
		return commandResult{}, fmt.Errorf("%s %s: %w", e.Name, p, err)
	}
	var watcher *procWatcher
	if w.watch != "" {
		watcher = watchChildren(cmd.Process.Pid, w.watch, 20*time.Millisecond)
	}
	err = cmd.Wait()
	res := commandResult{Wall: time.Since(start)}
	if ps := cmd.ProcessState; ps != nil {
		res.CPU = ps.UserTime() + ps.SystemTime()
	}
	if watcher != nil {
		res.Procs = watcher.stop()
	}
	if err != nil {
		var exit *exec.ExitError
		if p == phasePlan && errors.As(err, &exit) && exit.ExitCode() == 2 {
			return res, fmt.Errorf("%s plan found changes where none were expected: see %s", e.Name, tail(logPath))
		}
		return res, fmt.Errorf("%s %s: %w: %s", e.Name, p, err, tail(logPath))
	}
	return res, nil
}

// tail returns the end of a log file, for error messages.
func tail(path string) string {
	data, err := os.ReadFile(path)
	if err != nil {
		return path
	}
	const keep = 1500
	if len(data) > keep {
		data = data[len(data)-keep:]
	}
	return path + ":\n" + string(data)
}
