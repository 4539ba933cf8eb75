package emulator

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestStateFileSurvivesRestart(t *testing.T) {
	dir := t.TempDir()
	state := filepath.Join(dir, "state.json")
	e1, err := Start(Options{StateFile: state})
	if err != nil {
		t.Fatal(err)
	}
	h := &harness{t: t, e: e1, c: newClient(t, e1.CA()), info: e1.Info(), env: e1.Info().EnvironmentID}
	h.token = h.accessToken()
	hotpID := h.createToken(hotpBody("ST1"))
	totpID := h.createToken(totpBody("ST2", 30))
	h.api("POST", "/oathTokens/"+hotpID, ctResync, map[string]any{"otps": []string{hotpAt(t, 10), hotpAt(t, 11)}})
	user := h.createUser("ivan")
	dev := h.pair(user, "ST2")
	_, job := h.job(ctJobCreate, map[string]any{"type": "CREATE_OATH_TOKENS", "tokens": []any{hotpBody("ST3")}})
	// Jobs run in the background: the listing below must see ST3 made, as the restarted one will.
	for deadline := time.Now().Add(5 * time.Second); h.readJob(job.ID).Status != "DONE"; {
		if time.Now().After(deadline) {
			t.Fatalf("job %s did not finish", job.ID)
		}
		time.Sleep(10 * time.Millisecond)
	}
	other := e1.CreateEnvironment(false)
	before := h.api("GET", "/oathTokens?expand=devices", "", nil).body
	oldToken, oldInfo, oldCA := h.token, e1.Info(), e1.CA().PEM()
	if err := e1.Close(); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(state); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("state file: %v %v", fi, err)
	}
	if info := oldInfo; info.CAFile != filepath.Join(dir, "state.ca.pem") {
		t.Errorf("CA file %q, want it beside the state file", info.CAFile)
	}

	e2, err := Start(Options{StateFile: state})
	if err != nil {
		t.Fatalf("restart: %v", err)
	}
	defer func() {
		if err := e2.Close(); err != nil {
			t.Error(err)
		}
	}()
	info := e2.Info()
	if info.ClientID != oldInfo.ClientID || info.ClientSecret != oldInfo.ClientSecret || info.AdminEnvironmentID != oldInfo.AdminEnvironmentID ||
		info.EnvironmentID != oldInfo.EnvironmentID || info.CAFile != oldInfo.CAFile {
		t.Errorf("info changed across restart:\n%+v\n%+v", oldInfo, info)
	}
	if !bytes.Equal(e2.CA().PEM(), oldCA) {
		t.Error("the CA changed across restart")
	}
	if pem, _ := os.ReadFile(info.CAFile); !bytes.Equal(pem, oldCA) {
		t.Error("the CA file does not hold the CA")
	}
	// The old client, its trust and its access token keep working.
	h2 := &harness{t: t, e: e2, c: h.c, info: info, env: info.EnvironmentID, token: oldToken}
	if after := h2.api("GET", "/oathTokens?expand=devices", "", nil).body; !bytes.Equal(stripHost(after, info), stripHost(before, oldInfo)) {
		t.Errorf("tokens changed across restart:\n%s\n%s", before, after)
	}
	if got, _ := e2.CurrentOTP(info.EnvironmentID, hotpID, 0); got != hotpAt(t, 12) {
		t.Errorf("HOTP counter not kept: OTP %s", got)
	}
	if _, err := e2.CurrentOTP(info.EnvironmentID, totpID, 0); err != nil {
		t.Errorf("TOTP token: %v", err)
	}
	if r := h2.api("GET", "/users/"+user+"/devices/"+dev, "", nil); r.status != 200 {
		t.Errorf("device: %d", r.status)
	}
	if r := h2.api("GET", "/oathJobs/"+job.ID, "", nil); r.status != 200 {
		t.Errorf("job: %d", r.status)
	}
	checkError(t, h2.do("GET", "/v1/environments/"+other+"/oathTokens", "", nil), want{403, "ACCESS_FAILED", nil})
	// The secret is kept, since OTPs depend on it; it is never shown by the API.
	data, _ := os.ReadFile(state)
	if !bytes.Contains(data, []byte(rfcSecret)) {
		t.Error("the state file lacks the token secret")
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if !slices.Equal(names, []string{"state.ca.pem", "state.json"}) {
		t.Errorf("files left in the state directory: %q", names)
	}
}

// stripHost removes the host:port, which differs between runs.
func stripHost(b []byte, info Info) []byte {
	return bytes.ReplaceAll(b, []byte(info.APIHostname), nil)
}

func TestStateFileSavedAfterEachChange(t *testing.T) {
	state := filepath.Join(t.TempDir(), "s.json")
	h := start(t, Options{StateFile: state})
	id := h.createToken(hotpBody("SV1"))
	// Without Close: the file already holds the token.
	data, err := os.ReadFile(state)
	if err != nil || !bytes.Contains(data, []byte(id)) {
		t.Fatalf("state after create lacks the token: %v", err)
	}
	h.api("DELETE", "/oathTokens/"+id, "", nil)
	data, _ = os.ReadFile(state)
	if bytes.Contains(data, []byte(id)) {
		t.Fatal("state after revoke still holds the token")
	}
	env := h.e.CreateEnvironment(true)
	data, _ = os.ReadFile(state)
	if !bytes.Contains(data, []byte(env)) {
		t.Fatal("state lacks an environment created through the Go API")
	}
	var f stateFile
	if err := json.Unmarshal(data, &f); err != nil || f.Version != 1 {
		t.Fatalf("state file: %v", err)
	}
}

func TestStateFileCorruptOrUnreadable(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.json")
	e, err := Start(Options{StateFile: good})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.Close(); err != nil {
		t.Fatal(err)
	}
	valid, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	mangle := func(f func(map[string]any)) string {
		var m map[string]any
		if err := json.Unmarshal(valid, &m); err != nil {
			t.Fatal(err)
		}
		f(m)
		b, _ := json.Marshal(m)
		return string(b)
	}
	cases := map[string]string{
		"not JSON":       "{this is not json",
		"empty":          "",
		"truncated":      string(valid[:len(valid)/2]),
		"wrong version":  mangle(func(m map[string]any) { m["version"] = 99 }),
		"no credentials": mangle(func(m map[string]any) { delete(m, "client_secret") }),
		"bad CA":         mangle(func(m map[string]any) { m["ca"].(map[string]any)["key_pem"] = "junk" }),
		"no admin env":   mangle(func(m map[string]any) { m["admin_environment_id"] = "missing" }),
		"bad token": mangle(func(m map[string]any) {
			env := m["environments"].([]any)[0].(map[string]any)
			env["tokens"] = []any{map[string]any{"id": "t", "serial_number": "S", "secret": "zz", "type": "HOTP", "otp_length": 6, "hash_algorithm": "HmacSHA1"}}
		}),
		"dangling device": mangle(func(m map[string]any) {
			env := m["environments"].([]any)[0].(map[string]any)
			env["devices"] = []any{map[string]any{"id": "d", "user_id": "u", "token_id": "t"}}
		}),
	}
	for name, content := range cases {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(name, " ", "_")+".json")
			if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
				t.Fatal(err)
			}
			_, err := Start(Options{StateFile: path})
			if err == nil || !strings.Contains(err.Error(), path) {
				t.Fatalf("Start: %v, want an error naming the state file", err)
			}
			after, _ := os.ReadFile(path)
			if string(after) != content {
				t.Error("the state file was changed")
			}
			if _, err := os.Stat(strings.TrimSuffix(path, ".json") + ".ca.pem"); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("a CA file was written: %v", err)
			}
		})
	}
	t.Run("a directory", func(t *testing.T) {
		if _, err := Start(Options{StateFile: dir}); err == nil || !strings.Contains(err.Error(), "read state file") {
			t.Fatalf("Start: %v", err)
		}
	})
}

func TestCAFilePlacement(t *testing.T) {
	// Without a state file the CA goes to a temporary directory that Close removes.
	e, err := Start(Options{})
	if err != nil {
		t.Fatal(err)
	}
	caFile := e.Info().CAFile
	if pem, err := os.ReadFile(caFile); err != nil || !bytes.Equal(pem, e.CA().PEM()) {
		t.Fatalf("CA file: %v", err)
	}
	if err := e.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Dir(caFile)); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("temporary directory left behind: %v", err)
	}
	// An explicit CA file and a shared CA.
	ca, err := NewCA()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "mine.pem")
	e1 := start(t, Options{CA: ca, CAFile: path})
	e2 := start(t, Options{CA: ca})
	if e1.info.CAFile != path || !bytes.Equal(e1.e.CA().PEM(), ca.PEM()) || !bytes.Equal(e2.e.CA().PEM(), ca.PEM()) {
		t.Errorf("shared CA not used: %q", e1.info.CAFile)
	}
	// One client trusting the shared CA reaches both.
	c := newClient(t, ca)
	for _, h := range []*harness{e1, e2} {
		res, err := c.Get(h.e.URL() + "/_emulator/info")
		if err != nil {
			t.Fatal(err)
		}
		drain(res)
	}
}

func TestStartRejectsBadOptions(t *testing.T) {
	for _, o := range []Options{{Latency: -1}, {RateLimit: -1}, {PageSize: -1}, {TokenTTL: -1}, {MaxTokensPerEnvironment: -1}, {Listen: "256.0.0.1:0"}} {
		if e, err := Start(o); err == nil {
			t.Errorf("%+v: started (close: %v)", o, e.Close())
		}
	}
}
