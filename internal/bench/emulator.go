package bench

import (
	"bufio"
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"time"

	"github.com/oathtokens/terraform-provider-pingone/internal/emulator"
)

// emulatorSettings are the knobs a scenario turns, passed as the command's flags or set through
// the control API. A zero PageSize is the emulator's default.
type emulatorSettings struct {
	Latency   time.Duration
	RateLimit float64
	PageSize  int
}

// emulatorProc is a running pingone-emulator command and a client for its control API.
type emulatorProc struct {
	cmd  *exec.Cmd
	info emulator.Info
	http *http.Client
	dir  string
	log  *os.File
	done chan struct{} // closed when the command has exited
}

// startEmulator runs the emulator command on a free loopback port and waits for its JSON line.
func startEmulator(ctx context.Context, bin, dir string, s emulatorSettings) (*emulatorProc, error) {
	logFile, err := os.Create(filepath.Join(dir, "emulator.log"))
	if err != nil {
		return nil, fmt.Errorf("create emulator log: %w", err)
	}
	args := []string{"-listen", "127.0.0.1:0", "-ca-dir", dir}
	if s.Latency > 0 {
		args = append(args, "-latency", s.Latency.String())
	}
	if s.RateLimit > 0 {
		args = append(args, "-rate-limit", fmt.Sprint(s.RateLimit))
	}
	if s.PageSize > 0 {
		args = append(args, "-page-size", fmt.Sprint(s.PageSize))
	}
	cmd := exec.Command(bin, args...)
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + dir, "TMPDIR=" + dir}
	cmd.Stderr = logFile
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		_ = logFile.Close()
		return nil, fmt.Errorf("emulator stdout: %w", err)
	}
	if err := cmd.Start(); err != nil {
		_ = logFile.Close()
		return nil, fmt.Errorf("start emulator: %w", err)
	}
	p := &emulatorProc{cmd: cmd, dir: dir, log: logFile, done: make(chan struct{})}

	lines := make(chan []byte, 1)
	go func() {
		r := bufio.NewReader(stdout)
		line, _ := r.ReadBytes('\n')
		lines <- line
		_, _ = io.Copy(io.Discard, r) // Keep the pipe drained until the command exits.
		_ = cmd.Wait()                // A SIGTERM exit is the expected end.
		close(p.done)
	}()
	var line []byte
	select {
	case line = <-lines:
	case <-time.After(30 * time.Second):
	case <-ctx.Done():
	}
	if err := json.Unmarshal(line, &p.info); err != nil || p.info.APIHostname == "" {
		p.stop()
		return nil, fmt.Errorf("the emulator did not print its info line (%q): see %s", bytes.TrimSpace(line), logFile.Name())
	}
	if err := requireLoopback(p.info.APIHostname, p.info.AuthHostname); err != nil {
		p.stop()
		return nil, err
	}
	if p.http, err = loopbackClient(p.info.CAFile); err != nil {
		p.stop()
		return nil, err
	}
	return p, nil
}

// requireLoopback refuses any host that is not 127.0.0.1: the harness talks to nothing else.
func requireLoopback(hosts ...string) error {
	for _, h := range hosts {
		host, _, err := net.SplitHostPort(h)
		if err != nil || host != "127.0.0.1" {
			return fmt.Errorf("emulator host %q is not 127.0.0.1", h)
		}
	}
	return nil
}

// loopbackClient trusts only the emulator's CA, uses no proxy and dials only 127.0.0.1.
func loopbackClient(caFile string) (*http.Client, error) {
	pem, err := os.ReadFile(caFile)
	if err != nil {
		return nil, fmt.Errorf("read emulator CA: %w", err)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pem) {
		return nil, errors.New("the emulator CA file holds no certificate")
	}
	dialer := &net.Dialer{Timeout: 5 * time.Second}
	return &http.Client{
		Timeout: 30 * time.Second,
		Transport: &http.Transport{
			Proxy:           nil,
			TLSClientConfig: &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12},
			DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
				if err := requireLoopback(addr); err != nil {
					return nil, err
				}
				return dialer.DialContext(ctx, network, addr)
			},
		},
	}, nil
}

// stop ends the command with SIGTERM, and SIGKILL if it does not leave within five seconds.
func (p *emulatorProc) stop() {
	if p.cmd.Process != nil {
		_ = p.cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-p.done:
		case <-time.After(5 * time.Second):
			_ = p.cmd.Process.Kill()
			<-p.done
		}
	}
	if p.http != nil {
		p.http.CloseIdleConnections()
	}
	_ = p.log.Close()
}

// control calls the emulator's control API and decodes a JSON answer into out (if not nil).
func (p *emulatorProc) control(method, path string, body, out any) error {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, "https://"+p.info.APIHostname+path, rd)
	if err != nil {
		return err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := p.http.Do(req)
	if err != nil {
		return fmt.Errorf("emulator %s %s: %w", method, path, err)
	}
	defer func() { _ = resp.Body.Close() }()
	data, _ := io.ReadAll(resp.Body)
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("emulator %s %s: HTTP %d: %s", method, path, resp.StatusCode, bytes.TrimSpace(data))
	}
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			return fmt.Errorf("emulator %s %s: decode: %w", method, path, err)
		}
	}
	return nil
}

// cpu is the emulator's CPU time so far.
func (p *emulatorProc) cpu() time.Duration { return processCPU(p.cmd.Process.Pid) }

func (p *emulatorProc) resetCounters() error {
	return p.control(http.MethodDelete, "/_emulator/counters", nil, nil)
}

func (p *emulatorProc) counters() (emulator.Counters, error) {
	var c emulator.Counters
	err := p.control(http.MethodGet, "/_emulator/counters", nil, &c)
	return c, err
}

// serials lists the serial numbers in the target environment.
func (p *emulatorProc) serials() ([]string, error) {
	var out struct {
		Serials []string `json:"serials"`
	}
	err := p.control(http.MethodGet, "/_emulator/environments/"+p.info.EnvironmentID+"/serials", nil, &out)
	return out.Serials, err
}

// settings confirms what the emulator runs with, so a report never claims a latency, limit or
// page size the emulator did not apply. The page size is always the one in effect, never 0.
func (p *emulatorProc) settings() (emulatorSettings, error) {
	var s struct {
		RateLimit float64 `json:"rate_limit"`
		LatencyMS float64 `json:"latency_ms"`
		PageSize  int     `json:"page_size"`
	}
	if err := p.control(http.MethodGet, "/_emulator/settings", nil, &s); err != nil {
		return emulatorSettings{}, err
	}
	return emulatorSettings{Latency: time.Duration(s.LatencyMS * float64(time.Millisecond)), RateLimit: s.RateLimit, PageSize: s.PageSize}, nil
}

// configure sets latency, rate limit (which refills the bucket) and page size through the control
// API, and checks that the emulator took them. A zero PageSize leaves the page size as it is.
func (p *emulatorProc) configure(s emulatorSettings) error {
	body := map[string]float64{"latency_ms": float64(s.Latency) / float64(time.Millisecond), "rate_limit": s.RateLimit}
	if s.PageSize > 0 {
		body["page_size"] = float64(s.PageSize)
	}
	if err := p.control(http.MethodPut, "/_emulator/settings", body, nil); err != nil {
		return err
	}
	got, err := p.settings()
	if err != nil {
		return err
	}
	if got.Latency != s.Latency || got.RateLimit != s.RateLimit || (s.PageSize > 0 && got.PageSize != s.PageSize) {
		return fmt.Errorf("the emulator runs with %+v, not %+v", got, s)
	}
	return nil
}
