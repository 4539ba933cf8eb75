// Command testacc-external proves the acceptance tests' external mode without a PingOne account:
// it starts the PingOne emulator as a separate process, the way a real PingOne is a separate
// service, and runs make testacc against it with nothing but the PINGONE_* variables and
// SSL_CERT_FILE, exactly as a user points the suite at their own environment. make
// testacc-external runs it.
//
// Around the run it shows what the mode promises: with a token in the environment that the tests
// did not create, the suite refuses to start; allowed to run beside it, the suite leaves it as it
// was; make sweep then removes what an interrupted run left, and nothing else. It prints which
// tests ran, which skipped and why, the checks a real PingOne cannot make, and the requests the
// run cost, and exits 1 on any failure.
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
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"
)

func main() {
	makeCmd := flag.String("make", "make", "the make to run make testacc and make sweep with")
	pkgs := flag.String("pkgs", "./...", "the packages to test (make testacc's PKGS)")
	runRE := flag.String("run", "", "only the tests this regular expression selects (go test -run)")
	parallel := flag.Int("parallel", 0, "tests at once (make testacc's TESTACC_EXTERNAL_PARALLEL); 0 keeps the GNUmakefile's")
	jsonOut := flag.String("json", "", "a file to write go test -json's output to, for a closer look")
	latency := flag.Duration("latency", 0, "latency the emulator adds to every request, as a distant PingOne would (e.g. 50ms)")
	flag.Parse()
	if err := run(*makeCmd, *pkgs, *runRE, *parallel, *jsonOut, *latency); err != nil {
		fmt.Fprintln(os.Stderr, "testacc-external:", err)
		os.Exit(1)
	}
}

// info is the emulator's JSON line (emulator.Info).
type info struct {
	APIHostname        string `json:"api_hostname"`
	AuthHostname       string `json:"auth_hostname"`
	CAFile             string `json:"ca_file"`
	AdminEnvironmentID string `json:"admin_environment_id"`
	EnvironmentID      string `json:"environment_id"`
	ClientID           string `json:"client_id"`
	ClientSecret       string `json:"client_secret"`
}

// Objects planted before the run: a token the tests did not create, paired with a person, and
// what an interrupted run of the tests left (a token in each environment and a user).
const (
	foreignSerial  = "VENDOR0001"
	foreignUser    = "alice"
	leftoverSerial = "TFACCZZZZZ001LEFTOVER"
	leftoverUser   = "tfacczzzzz001-leftover"
	seedHex        = "3132333435363738393031323334353637383930"
)

func run(makeCmd, pkgs, runRE string, parallel int, jsonOut string, latency time.Duration) error {
	started := time.Now()
	work, err := os.MkdirTemp("", "testacc-external-")
	if err != nil {
		return err
	}
	defer func() { _ = os.RemoveAll(work) }()

	step("Building and starting the PingOne emulator as a separate process")
	emu, err := startEmulator(work, latency)
	if err != nil {
		return err
	}
	defer emu.stop()
	p := emu.info
	api := &apiClient{info: p, http: emu.client}
	second, err := api.createEnvironment()
	if err != nil {
		return err
	}
	fmt.Printf("    hosts %s; test environment %s; second environment %s (made through the control API)\n",
		p.APIHostname, p.EnvironmentID, second)

	env := childEnv(map[string]string{
		"PINGONE_CLIENT_ID":                 p.ClientID,
		"PINGONE_CLIENT_SECRET":             p.ClientSecret,
		"PINGONE_ENVIRONMENT_ID":            p.AdminEnvironmentID,
		"PINGONE_API_SERVICE_HOSTNAME":      p.APIHostname,
		"PINGONE_AUTH_SERVICE_HOSTNAME":     p.AuthHostname,
		"PINGONE_ACC_ENVIRONMENT_ID":        p.EnvironmentID,
		"PINGONE_ACC_SECOND_ENVIRONMENT_ID": second,
		"SSL_CERT_FILE":                     p.CAFile,
	})

	step("Planting a token the tests did not create (" + foreignSerial + ", paired with " + foreignUser +
		") and what an interrupted run left (" + leftoverSerial + ", user " + leftoverUser + ")")
	foreign, err := api.plant(second)
	if err != nil {
		return err
	}

	step("make testacc must refuse to run beside the foreign token")
	refusal, code, err := runMake(makeCmd, env, nil, "testacc", "PKGS=./internal/provider",
		"TESTARGS=-run TestAccProvider_ConfiguresWithoutCalls")
	if err != nil {
		return err
	}
	const refusalText = "refuse to run beside tokens they did not create"
	if code == 0 || !strings.Contains(refusal, refusalText) {
		return fmt.Errorf("make testacc ran beside a token it did not create (exit %d):\n%s", code, refusal)
	}
	fmt.Printf("    refused (exit %d): %s\n", code, firstLine(refusal, "acctest:"))

	step("make testacc ENGINE=terraform against the emulator, allowed beside the foreign token " +
		"(only PINGONE_* and SSL_CERT_FILE set)")
	allowed := append(slices.Clone(env), "PINGONE_ACC_ALLOW_FOREIGN_TOKENS=1")
	sampler := startSampler(api)
	runStart := time.Now()
	results := newResults()
	testArgs := "-json"
	if runRE != "" {
		// make expands $ and the shell would take | for a pipe: quote the expression for both.
		if strings.Contains(runRE, "'") {
			return fmt.Errorf("-run %q: a single quote cannot be passed through make", runRE)
		}
		testArgs += " -run '" + strings.ReplaceAll(runRE, "$", "$$") + "'"
	}
	makeArgs := []string{"testacc", "ENGINE=terraform", "PKGS=" + pkgs, "TESTARGS=" + testArgs}
	if parallel > 0 {
		makeArgs = append(makeArgs, fmt.Sprintf("TESTACC_EXTERNAL_PARALLEL=%d", parallel))
	}
	onLine := results.line
	if jsonOut != "" {
		f, err := os.Create(jsonOut)
		if err != nil {
			return err
		}
		defer func() { _ = f.Close() }()
		onLine = func(line string) {
			_, _ = fmt.Fprintln(f, line)
			results.line(line)
		}
	}
	_, code, err = runMake(makeCmd, allowed, onLine, makeArgs...)
	if err != nil {
		return err
	}
	took := time.Since(runStart)
	rates := sampler.stop()
	failed := results.report(took, rates)

	step("make sweep removes what the interrupted run left, and nothing else")
	sweepOut, sweepCode, err := runMake(makeCmd, env, nil, "sweep")
	if err != nil {
		return err
	}
	if sweepCode != 0 {
		return fmt.Errorf("make sweep failed (exit %d):\n%s", sweepCode, sweepOut)
	}
	for _, line := range strings.Split(sweepOut, "\n") {
		if strings.Contains(line, "[INFO] environment") {
			fmt.Println("    " + line[strings.Index(line, "environment"):])
		}
	}
	if err := api.checkAfterSweep(foreign, second); err != nil {
		return err
	}
	fmt.Printf("    %s is as it was (same ID, still paired with %s); %s and user %s are gone; no other token or test user is left\n",
		foreignSerial, foreignUser, leftoverSerial, leftoverUser)

	step(fmt.Sprintf("Done in %s", time.Since(started).Round(time.Second)))
	if results.count() == 0 {
		return fmt.Errorf("no acceptance test ran (make testacc exited %d)", code)
	}
	if failed > 0 || code != 0 {
		return fmt.Errorf("%d acceptance tests failed against the emulator in external mode (make testacc exited %d)", failed, code)
	}
	return nil
}

func step(s string) { fmt.Printf("\n==> %s\n", s) }

func firstLine(out, containing string) string {
	for _, line := range strings.Split(out, "\n") {
		if strings.Contains(line, containing) {
			return strings.TrimSpace(line)
		}
	}
	return ""
}

// childEnv is this process's environment without anything that says where PingOne is or how the
// tests run, plus vars: so the tests find PingOne exactly as a user's shell tells them.
func childEnv(vars map[string]string) []string {
	var out []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		switch {
		case strings.HasPrefix(name, "PINGONE_"), strings.HasPrefix(name, "TF_ACC"), strings.HasPrefix(name, "TF_LOG"),
			name == "SSL_CERT_FILE", name == "SSL_CERT_DIR":
			continue
		}
		out = append(out, kv)
	}
	for k, v := range vars {
		out = append(out, k+"="+v)
	}
	slices.Sort(out)
	return out
}

// runMake runs make with args in env. Each line of its output goes to onLine when not nil;
// otherwise the output is returned.
func runMake(makeCmd string, env []string, onLine func(string), args ...string) (string, int, error) {
	cmd := exec.Command(makeCmd, append([]string{"--no-print-directory"}, args...)...)
	cmd.Env = env
	var buf bytes.Buffer
	var pw *io.PipeWriter
	var done chan struct{}
	if onLine != nil {
		var pr *io.PipeReader
		pr, pw = io.Pipe()
		cmd.Stdout = pw
		cmd.Stderr = pw
		done = make(chan struct{})
		go func() {
			defer close(done)
			sc := bufio.NewScanner(pr)
			sc.Buffer(make([]byte, 1<<20), 1<<24)
			for sc.Scan() {
				onLine(sc.Text())
			}
			_, _ = io.Copy(io.Discard, pr)
		}()
	} else {
		cmd.Stdout = &buf
		cmd.Stderr = &buf
	}
	err := cmd.Run()
	if pw != nil {
		_ = pw.Close()
		<-done
	}
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		return buf.String(), exit.ExitCode(), nil
	case err != nil:
		return buf.String(), 0, fmt.Errorf("%s %s: %w", makeCmd, strings.Join(args, " "), err)
	}
	return buf.String(), 0, nil
}

// emulatorProcess is the emulator command, running.
type emulatorProcess struct {
	cmd    *exec.Cmd
	info   info
	client *http.Client
}

func startEmulator(work string, latency time.Duration) (*emulatorProcess, error) {
	bin := filepath.Join(work, "pingone-emulator")
	build := exec.Command("go", "build", "-trimpath", "-o", bin, "./internal/emulator/cmd/pingone-emulator")
	if out, err := build.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("build the emulator: %w\n%s", err, out)
	}
	logFile, err := os.Create(filepath.Join(work, "emulator.log"))
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(bin, "-listen", "127.0.0.1:0", "-ca-dir", work, "-latency", latency.String())
	cmd.Stderr = logFile
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start the emulator: %w", err)
	}
	e := &emulatorProcess{cmd: cmd}
	lines := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(stdout).ReadString('\n')
		lines <- line
		_, _ = io.Copy(io.Discard, stdout)
	}()
	select {
	case line := <-lines:
		if err := json.Unmarshal([]byte(line), &e.info); err != nil || e.info.APIHostname == "" {
			e.stop()
			log, _ := os.ReadFile(logFile.Name())
			return nil, fmt.Errorf("the emulator printed %q instead of its JSON line: %w\n%s", line, errors.Join(err), log)
		}
	case <-time.After(time.Minute):
		e.stop()
		return nil, errors.New("the emulator did not print its JSON line within a minute")
	}
	pem, err := os.ReadFile(e.info.CAFile)
	if err != nil {
		e.stop()
		return nil, err
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pem) {
		e.stop()
		return nil, fmt.Errorf("the emulator's CA file %s holds no certificate", e.info.CAFile)
	}
	e.client = &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}}}
	return e, nil
}

// stop ends the emulator with SIGTERM, as its README says, and waits for it.
func (e *emulatorProcess) stop() {
	if e.cmd.Process == nil || e.cmd.ProcessState != nil {
		return
	}
	_ = e.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan struct{})
	go func() { _ = e.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		_ = e.cmd.Process.Kill()
		<-done
	}
}

// apiClient speaks to the emulator: its control API (loopback only, no token) for what an
// administrator sets up, and the PingOne API as the worker for what was planted.
type apiClient struct {
	info  info
	http  *http.Client
	mu    sync.Mutex
	token string
}

func (a *apiClient) createEnvironment() (string, error) {
	var out struct {
		ID string `json:"id"`
	}
	err := a.do(http.MethodPost, "https://"+a.info.APIHostname+"/_emulator/environments", "", map[string]any{"role": true},
		http.StatusCreated, &out)
	return out.ID, err
}

// counters are the emulator's request counts: in all, and by route.
type counters struct {
	Total    int            `json:"total"`
	Requests map[string]int `json:"requests"`
}

func (a *apiClient) counters() (counters, error) {
	var out counters
	err := a.do(http.MethodGet, "https://"+a.info.APIHostname+"/_emulator/counters", "", nil, http.StatusOK, &out)
	return out, err
}

// totalRequests is every API and auth request the emulator has answered.
func (a *apiClient) totalRequests() (int, error) {
	c, err := a.counters()
	return c.Total, err
}

func (a *apiClient) accessToken() (string, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.token != "" {
		return a.token, nil
	}
	req, err := http.NewRequest(http.MethodPost, "https://"+a.info.AuthHostname+"/"+a.info.AdminEnvironmentID+"/as/token",
		strings.NewReader(url.Values{"grant_type": {"client_credentials"}}.Encode()))
	if err != nil {
		return "", err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(a.info.ClientID, a.info.ClientSecret)
	var out struct {
		AccessToken string `json:"access_token"`
	}
	if err := a.send(req, http.StatusOK, &out); err != nil {
		return "", err
	}
	a.token = out.AccessToken
	return a.token, nil
}

// do sends a JSON request: to the control API when token is "", else to the API with the token.
func (a *apiClient) do(method, target, token string, body any, want int, out any) error {
	var raw []byte
	if body != nil {
		var err error
		if raw, err = json.Marshal(body); err != nil {
			return err
		}
	}
	req, err := http.NewRequest(method, target, bytes.NewReader(raw))
	if err != nil {
		return err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	return a.send(req, want, out)
}

func (a *apiClient) send(req *http.Request, want int, out any) error {
	resp, err := a.http.Do(req)
	if err != nil {
		return fmt.Errorf("%s %s: %w", req.Method, req.URL.Path, err)
	}
	defer func() { _ = resp.Body.Close() }()
	data, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != want {
		return fmt.Errorf("%s %s: HTTP %d, want %d: %s", req.Method, req.URL.Path, resp.StatusCode, want, data)
	}
	if out != nil {
		return json.Unmarshal(data, out)
	}
	return nil
}

// worker calls the PingOne API of an environment as the worker application.
func (a *apiClient) worker(method, envID, path string, body any, want int, out any) error {
	token, err := a.accessToken()
	if err != nil {
		return err
	}
	return a.do(method, "https://"+a.info.APIHostname+"/v1/environments/"+envID+path, token, body, want, out)
}

// planted is the foreign token and its pairing, as they were before the run.
type planted struct {
	tokenID, userID, deviceID string
}

// plant creates the foreign token, paired with a person, and what an interrupted run left: a
// token in each environment and a user.
func (a *apiClient) plant(second string) (planted, error) {
	var p planted
	env := a.info.EnvironmentID
	var obj struct {
		ID string `json:"id"`
	}
	token := func(envID, serial string) (string, error) {
		err := a.worker(http.MethodPost, envID, "/oathTokens",
			map[string]any{"serialNumber": serial, "secret": seedHex, "type": "HOTP", "otpLength": 6}, http.StatusCreated, &obj)
		return obj.ID, err
	}
	user := func(name string) (string, error) {
		err := a.worker(http.MethodPost, env, "/users", map[string]any{"username": name}, http.StatusCreated, &obj)
		return obj.ID, err
	}
	var err error
	if p.tokenID, err = token(env, foreignSerial); err != nil {
		return p, err
	}
	if p.userID, err = user(foreignUser); err != nil {
		return p, err
	}
	if err := a.worker(http.MethodPost, env, "/users/"+p.userID+"/devices",
		map[string]any{"type": "OATH_TOKEN", "serialNumber": foreignSerial}, http.StatusCreated, &obj); err != nil {
		return p, err
	}
	p.deviceID = obj.ID
	for _, envID := range []string{env, second} {
		if _, err := token(envID, leftoverSerial); err != nil {
			return p, err
		}
	}
	_, err = user(leftoverUser)
	return p, err
}

// checkAfterSweep fails unless the foreign token is as it was, still paired with its person,
// and the environments hold no token or test user besides.
func (a *apiClient) checkAfterSweep(p planted, second string) error {
	env := a.info.EnvironmentID
	for _, envID := range []string{env, second} {
		var list struct {
			Embedded struct {
				Tokens []struct {
					ID           string `json:"id"`
					SerialNumber string `json:"serialNumber"`
				} `json:"oathTokens"`
			} `json:"_embedded"`
			Links struct {
				Next *struct{} `json:"next"`
			} `json:"_links"`
		}
		if err := a.worker(http.MethodGet, envID, "/oathTokens?limit=1000&expand=devices", nil, http.StatusOK, &list); err != nil {
			return err
		}
		var held []string
		for _, tok := range list.Embedded.Tokens {
			held = append(held, tok.SerialNumber)
		}
		want := []string{}
		if envID == env {
			want = []string{foreignSerial}
			if len(list.Embedded.Tokens) == 1 && list.Embedded.Tokens[0].ID != p.tokenID {
				return fmt.Errorf("%s has another ID after the run: it was revoked and made again", foreignSerial)
			}
		}
		if !slices.Equal(held, want) || list.Links.Next != nil {
			return fmt.Errorf("environment %s holds %v after the run and the sweep, want %v", envID, held, want)
		}
	}
	var device struct {
		Status string `json:"status"`
	}
	if err := a.worker(http.MethodGet, env, "/users/"+p.userID+"/devices/"+p.deviceID, nil, http.StatusOK, &device); err != nil {
		return fmt.Errorf("%s's pairing with %s is gone: %w", foreignUser, foreignSerial, err)
	}
	var users struct {
		Embedded struct {
			Users []struct {
				Username string `json:"username"`
			} `json:"users"`
		} `json:"_embedded"`
	}
	if err := a.worker(http.MethodGet, env, "/users?limit=1000", nil, http.StatusOK, &users); err != nil {
		return err
	}
	var names []string
	for _, u := range users.Embedded.Users {
		names = append(names, u.Username)
	}
	if !slices.Equal(names, []string{foreignUser}) {
		return fmt.Errorf("environment %s holds the users %v after the run and the sweep, want only %s", env, names, foreignUser)
	}
	return nil
}

// sampler reads the emulator's request count every second during the run.
type sampler struct {
	cancel context.CancelFunc
	done   chan struct{}
	counts []int
	api    *apiClient
	before counters
}

func startSampler(a *apiClient) *sampler {
	ctx, cancel := context.WithCancel(context.Background())
	s := &sampler{cancel: cancel, done: make(chan struct{}), api: a}
	s.before, _ = a.counters()
	go func() {
		defer close(s.done)
		tick := time.NewTicker(time.Second)
		defer tick.Stop()
		for {
			if n, err := a.totalRequests(); err == nil {
				s.counts = append(s.counts, n)
			}
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
			}
		}
	}()
	return s
}

// rates are the requests of the run: in all, the most in one second, and by route.
type rates struct {
	total, peak int
	byRoute     map[string]int
}

func (s *sampler) stop() rates {
	s.cancel()
	<-s.done
	var r rates
	if c, err := s.api.counters(); err == nil {
		r.byRoute = c.Requests
		for route, n := range s.before.Requests {
			r.byRoute[route] -= n
		}
	}
	if n, err := s.api.totalRequests(); err == nil {
		s.counts = append(s.counts, n)
	}
	if len(s.counts) > 0 {
		r.total = s.counts[len(s.counts)-1] - s.counts[0]
	}
	for i := 1; i < len(s.counts); i++ {
		r.peak = max(r.peak, s.counts[i]-s.counts[i-1])
	}
	return r
}
