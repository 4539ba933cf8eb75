package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// infoKeys are the keys of emulator.Info, which the JSON line must have exactly.
var infoKeys = []string{"admin_environment_id", "api_hostname", "auth_hostname", "ca_file", "client_id", "client_secret", "environment_id"}

// parseInfo checks the line is one JSON object with exactly the Info keys, all non-empty strings.
func parseInfo(t *testing.T, line []byte) map[string]string {
	t.Helper()
	var raw map[string]any
	if err := json.Unmarshal(line, &raw); err != nil {
		t.Fatalf("stdout %q is not JSON: %v", line, err)
	}
	var keys []string
	info := map[string]string{}
	for k, v := range raw {
		keys = append(keys, k)
		s, ok := v.(string)
		if !ok || s == "" {
			t.Errorf("%s = %v, want a non-empty string", k, v)
		}
		info[k] = s
	}
	slices.Sort(keys)
	if !reflect.DeepEqual(keys, infoKeys) {
		t.Fatalf("keys %q, want %q", keys, infoKeys)
	}
	return info
}

// signIn gets an access token from the emulator described by info, trusting its CA file.
func signIn(t *testing.T, info map[string]string) int {
	t.Helper()
	pem, err := os.ReadFile(info["ca_file"])
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(pem)
	tr := &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}
	defer tr.CloseIdleConnections()
	req, _ := http.NewRequest(http.MethodPost, "https://"+info["auth_hostname"]+"/"+info["admin_environment_id"]+"/as/token",
		strings.NewReader("grant_type=client_credentials"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(info["client_id"], info["client_secret"])
	res, err := (&http.Client{Transport: tr, Timeout: 10 * time.Second}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if err := res.Body.Close(); err != nil {
		t.Fatal(err)
	}
	return res.StatusCode
}

// controlSettings reads GET /_emulator/settings from the emulator described by info.
func controlSettings(t *testing.T, info map[string]string) map[string]any {
	t.Helper()
	pem, err := os.ReadFile(info["ca_file"])
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(pem)
	tr := &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}
	defer tr.CloseIdleConnections()
	res, err := (&http.Client{Transport: tr, Timeout: 10 * time.Second}).Get("https://" + info["api_hostname"] + "/_emulator/settings")
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = res.Body.Close() }()
	var out map[string]any
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil {
		t.Fatal(err)
	}
	return out
}

// syncBuffer is a bytes.Buffer safe to read while run writes to it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func TestRun(t *testing.T) {
	dir := t.TempDir()
	state := filepath.Join(dir, "state.json")
	ctx, cancel := context.WithCancel(context.Background())
	var stdout, stderr syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-state", state, "-ca-dir", filepath.Join(dir, "ca"), "-latency", "1ms", "-rate-limit", "100", "-token-ttl", "10m", "-page-size", "5",
			"-unknown-environment-status", "403", "-max-request-body", "65536", "-job-duration", "2s", "-job-time-per-token", "3ms"}, &stdout, &stderr)
	}()
	deadline := time.Now().Add(10 * time.Second)
	for !strings.HasSuffix(stdout.String(), "\n") {
		if time.Now().After(deadline) {
			t.Fatalf("no JSON line; stderr %s", stderr.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	out := stdout.String()
	if strings.Count(out, "\n") != 1 {
		t.Fatalf("stdout has more than one line: %q", out)
	}
	info := parseInfo(t, []byte(out))
	if info["ca_file"] != filepath.Join(dir, "ca", "ca.pem") || info["api_hostname"] != info["auth_hostname"] ||
		!strings.HasPrefix(info["api_hostname"], "127.0.0.1:") {
		t.Errorf("info %v", info)
	}
	if status := signIn(t, info); status != 200 {
		t.Errorf("sign in: %d", status)
	}
	want := map[string]any{"latency_ms": 1.0, "rate_limit": 100.0, "token_ttl_seconds": 600.0, "page_size": 5.0,
		"unknown_environment_status": 403.0, "max_request_body_bytes": 65536.0, "job_duration_ms": 2000.0, "job_per_token_ms": 3.0}
	got := controlSettings(t, info)
	for k, v := range want {
		if got[k] != v {
			t.Errorf("setting %s = %v, want %v (flags not applied)", k, got[k], v)
		}
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("run: %v", err)
	}
	if _, err := os.Stat(state); err != nil {
		t.Errorf("state file: %v", err)
	}
	if stdout.String() != out {
		t.Errorf("more output after the JSON line: %q", stdout.String())
	}
}

func TestRunBadFlagsAndState(t *testing.T) {
	var stderr bytes.Buffer
	if err := run(context.Background(), []string{"-page-size", "many"}, io.Discard, &stderr); !errors.Is(err, errUsage) {
		t.Errorf("bad flag: %v", err)
	}
	if err := run(context.Background(), []string{"extra"}, io.Discard, &stderr); !errors.Is(err, errUsage) {
		t.Errorf("extra argument: %v", err)
	}
	stderr.Reset()
	if err := run(context.Background(), []string{"-h"}, io.Discard, &stderr); !errors.Is(err, flag.ErrHelp) || !strings.Contains(stderr.String(), "-rate-limit") {
		t.Errorf("-h: %v, usage %q", err, stderr.String())
	}
	corrupt := filepath.Join(t.TempDir(), "state.json")
	if err := os.WriteFile(corrupt, []byte("{nope"), 0o600); err != nil {
		t.Fatal(err)
	}
	err := run(context.Background(), []string{"-state", corrupt}, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), corrupt) {
		t.Errorf("corrupt state: %v", err)
	}
}

// TestCommand builds the binary and runs it as the demo script does: one JSON line, then
// SIGTERM and exit status 0.
func TestCommand(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "pingone-emulator")
	build := exec.Command("go", "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, "-listen", "127.0.0.1:0")
	stdout, _ := cmd.StdoutPipe()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = cmd.Process.Kill() }() // Only matters when the test fails early.
	line, err := bufio.NewReader(stdout).ReadBytes('\n')
	if err != nil {
		t.Fatalf("read the JSON line: %v; stderr %s", err, stderr.String())
	}
	info := parseInfo(t, line)
	if status := signIn(t, info); status != 200 {
		t.Errorf("sign in: %d", status)
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	rest, _ := io.ReadAll(stdout)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("exit after SIGTERM: %v; stderr %s", err, stderr.String())
	}
	if len(rest) != 0 {
		t.Errorf("more stdout after the JSON line: %q", rest)
	}
	if _, err := os.Stat(info["ca_file"]); !os.IsNotExist(err) {
		t.Errorf("temporary CA file left behind: %v", err)
	}
}
