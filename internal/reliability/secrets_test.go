package reliability_test

import (
	"context"
	"encoding/base64"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/oathtokens/terraform-provider-pingone/internal/acctest"
	"github.com/oathtokens/terraform-provider-pingone/internal/pingone"
)

// seedDuplicate is the secret of the token made outside Terraform, whose serial number the
// configuration then asks for again.
const seedDuplicate = "0badc0ffee0ddf00d0badc0ffee0ddf00d0badc0"

// bearerToken matches an Authorization header that carries a token rather than the mask.
var bearerToken = regexp.MustCompile(`(?i)bearer\s+[A-Za-z0-9._~+/=-]{20,}`)

// emulatorToken matches the emulator's access tokens wherever they appear: base64url of a
// 16-byte payload, a dot, base64url of a 32-byte HMAC.
var emulatorToken = regexp.MustCompile(`[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}`)

// leakChecker collects everything a run wrote and the secrets none of it may hold.
type leakChecker struct {
	t       *testing.T
	texts   map[string]string // where → what was written there
	secrets map[string]string // name → value
}

func (c *leakChecker) add(where, text string) { c.texts[where] += text }

func (c *leakChecker) addResult(res result) {
	c.add(res.args[0]+" stdout", res.stdout)
	c.add(res.args[0]+" stderr", res.stderr)
}

// check fails for every secret, in any letter case, and every bearer token found anywhere.
func (c *leakChecker) check() {
	c.t.Helper()
	for where, text := range c.texts {
		lower := strings.ToLower(text)
		for name, secret := range c.secrets {
			if strings.Contains(lower, strings.ToLower(secret)) {
				c.t.Errorf("%s holds the %s", where, name)
			}
		}
		if m := bearerToken.FindString(text); m != "" {
			c.t.Errorf("%s holds a bearer token: %.12s...", where, m)
		}
		if m := emulatorToken.FindString(text); m != "" {
			c.t.Errorf("%s holds an access token: %.8s...", where, m)
		}
	}
}

// TestAccSecrets_TraceLogs runs a whole workflow with TF_LOG=trace into a file, engine and
// provider binaries as users run them: apply, plan (once with a ready access token), show,
// import, an apply that fails on a duplicate serial number, and destroy. Neither the log nor any
// command's output holds a token secret, the client secret (as text, form field or HTTP Basic),
// or an access token; and the log did record the provider's HTTP traffic, masked.
func TestAccSecrets_TraceLogs(t *testing.T) {
	requireAcc(t)
	t.Parallel()
	e := acctest.StartEmulator(t)
	env := e.Info.EnvironmentID
	w := newWorkspace(t, e)
	logFile := filepath.Join(w.dir, "trace.log")
	w.setEnv("TF_LOG", "trace")
	w.setEnv("TF_LOG_PATH", logFile)

	basic := url.QueryEscape(e.Info.ClientID) + ":" + url.QueryEscape(e.Info.ClientSecret)
	leaks := &leakChecker{t: t, texts: map[string]string{}, secrets: map[string]string{
		"HOTP token secret":                   seedSHA1,
		"TOTP token secret":                   seedOther,
		"duplicate token secret":              seedDuplicate,
		"client secret":                       e.Info.ClientSecret,
		"client secret, form-encoded":         url.QueryEscape(e.Info.ClientSecret),
		"client credentials, HTTP Basic":      base64.StdEncoding.EncodeToString([]byte(basic)),
		"client credentials, HTTP Basic (RE)": base64.RawStdEncoding.EncodeToString([]byte(basic)),
	}}
	commands := 0
	step := func(want int, args ...string) result {
		t.Helper()
		res := w.mustRun(want, args...)
		leaks.addResult(res)
		commands++
		return res
	}

	hotpSerial, totpSerial, dupSerial := e.Serial("TRACEHOTP"), e.Serial("TRACETOTP"), e.Serial("TRACEDUP")
	tokens := fmt.Sprintf(`
resource "pingone_oath_token" "hotp" {
  environment_id = %q
  serial_number  = %q
  type           = "HOTP"
  otp_length     = 6
  secret         = %q
}

resource "pingone_oath_token" "totp" {
  environment_id = %q
  serial_number  = %q
  type           = "TOTP"
  otp_length     = 8
  hash_algorithm = "HmacSHA256"
  secret         = %q
  totp = {
    time_step = 30
  }
}
`, env, hotpSerial, seedSHA1, env, totpSerial, seedOther)
	w.writeConfig(tokens)
	step(0, "apply", "-auto-approve", "-input=false", "-no-color")
	step(0, "plan", "-detailed-exitcode", "-input=false", "-no-color")

	// The same plan with a ready access token, whose value is known and so can be looked for.
	accessToken := e.AccessToken(t)
	leaks.secrets["access token"] = accessToken
	for _, name := range []string{"PINGONE_CLIENT_ID", "PINGONE_CLIENT_SECRET", "PINGONE_ENVIRONMENT_ID"} {
		w.setEnv(name, "")
	}
	w.setEnv("PINGONE_API_ACCESS_TOKEN", accessToken)
	step(0, "plan", "-detailed-exitcode", "-input=false", "-no-color")
	w.setEnv("PINGONE_API_ACCESS_TOKEN", "")
	w.setEnv("PINGONE_CLIENT_ID", e.Info.ClientID)
	w.setEnv("PINGONE_CLIENT_SECRET", e.Info.ClientSecret)
	w.setEnv("PINGONE_ENVIRONMENT_ID", e.Info.AdminEnvironmentID)

	show := step(0, "show", "-no-color")
	if !strings.Contains(show.stdout, totpSerial) || !strings.Contains(show.stdout, "(sensitive value)") {
		t.Errorf("show did not show the tokens with their secrets hidden:\n%s", show.stdout)
	}

	step(0, "state", "rm", "pingone_oath_token.totp")
	step(0, "import", "-input=false", "-no-color", "pingone_oath_token.totp", env+"/"+totpSerial)
	step(0, "apply", "-auto-approve", "-input=false", "-no-color") // Adopts the configured secret.

	if _, err := e.Client(t).CreateOATHToken(context.Background(), env, pingone.OATHTokenCreate{
		SerialNumber: dupSerial, Secret: seedDuplicate, Type: "HOTP", OTPLength: 6,
	}); err != nil {
		t.Fatal(err)
	}
	w.writeConfig(tokens + fmt.Sprintf(`
resource "pingone_oath_token" "dup" {
  environment_id = %q
  serial_number  = %q
  type           = "HOTP"
  otp_length     = 6
  secret         = %q
}
`, env, dupSerial, seedDuplicate))
	dup := step(1, "apply", "-auto-approve", "-input=false", "-no-color")
	requireOutput(t, dup, `OATH token already exists`, dupSerial)
	w.writeConfig(tokens)
	step(0, "destroy", "-auto-approve", "-input=false", "-no-color")

	raw, err := os.ReadFile(logFile)
	if err != nil {
		t.Fatal(err)
	}
	log := string(raw)
	leaks.add("the TF_LOG=trace file", log)
	leaks.check()

	// The log must have recorded what it is checked for, or the test proves nothing: the
	// provider's trace of each request, the create and list routes, the token request, the
	// masked Authorization header and create body, and the duplicate's answer. Engines quote
	// logged values differently, hence the optional backslashes.
	for _, want := range []string{
		`PingOne request body`,
		regexp.QuoteMeta("/v1/environments/" + env + "/oathTokens"),
		`/as/token`,
		`Authorization:Bearer \*\*\*`,
		`\\?"secret\\?":\\?"\*\*\*\\?"`,
		`UNIQUENESS_VIOLATION`,
	} {
		if !regexp.MustCompile(want).MatchString(log) {
			t.Errorf("the trace log lacks %s; it did not capture the provider's HTTP traffic", want)
		}
	}
	figure(t, "%s: %d KiB of TF_LOG=trace output and %d commands' output checked for %d secrets",
		w.eng.version(), len(raw)/1024, commands, len(leaks.secrets))
}

// TestAccSecrets_WriteOnlyStateFile applies a token whose secret is the write-only secret_wo
// and reads the state file the engine wrote to disk: the secret is in no form anywhere in it,
// nor in the output of apply, plan or show. Write-only attributes need Terraform or OpenTofu
// 1.11; the test skips, saying so, on older engines.
func TestAccSecrets_WriteOnlyStateFile(t *testing.T) {
	requireAcc(t)
	t.Parallel()
	if eng := engineUnderTest(t); !eng.atLeast(1, 11) {
		t.Skipf("%s does not support write-only attributes (secret_wo needs 1.11 or later)", eng.version())
	}
	e := acctest.StartEmulator(t)
	w := newWorkspace(t, e)
	w.writeConfig(fmt.Sprintf(`
resource "pingone_oath_token" "wo" {
  environment_id    = %q
  serial_number     = %q
  type              = "TOTP"
  otp_length        = 6
  secret_wo         = %q
  secret_wo_version = 1
  totp = {
    time_step = 30
  }
}
`, e.Info.EnvironmentID, e.Serial("WRITEONLY"), seedOther))
	leaks := &leakChecker{t: t, texts: map[string]string{}, secrets: map[string]string{"write-only secret": seedOther}}
	leaks.addResult(w.mustRun(0, "apply", "-auto-approve", "-input=false", "-no-color"))
	leaks.addResult(w.planEmpty())
	leaks.addResult(w.mustRun(0, "show", "-no-color"))

	raw := w.rawState()
	if !strings.Contains(string(raw), e.Serial("WRITEONLY")) {
		t.Fatalf("the state file does not hold the token:\n%s", raw)
	}
	leaks.add("the state file", string(raw))
	// The secret's bytes in base64, as a state file might hold an encoded value.
	seed := make([]byte, len(seedOther)/2)
	if _, err := fmt.Sscanf(seedOther, "%x", &seed); err != nil {
		t.Fatal(err)
	}
	leaks.secrets["write-only secret, base64"] = base64.StdEncoding.EncodeToString(seed)
	leaks.check()
	if tok := tokenBySerial(t, e, e.Serial("WRITEONLY")); tok == nil {
		t.Fatal("PingOne does not hold the token")
	}
	figure(t, "%s: state file of %d bytes holds no form of the write-only secret", w.eng.version(), len(raw))
}

// tokenBySerial reads one token from PingOne, nil when there is none.
func tokenBySerial(t *testing.T, e *acctest.Emulator, serial string) *pingone.OATHToken {
	t.Helper()
	tok, err := e.Client(t).FindOATHTokenBySerial(context.Background(), e.Info.EnvironmentID, serial, false)
	if pingone.IsNotFound(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	return tok
}
