package reliability_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/oathtokens/terraform-provider-pingone/internal/acctest"
)

// TestAccSecrets_BadSecretsNotPrinted writes every secret attribute of every resource, and of
// the provider, with a literal that is wrong, and checks that the engine's output says which
// attribute is wrong without quoting the literal: an error that points at an attribute makes the
// engine print the configuration line that sets it, so the provider detaches those errors from
// secret attributes. Engines without write-only attributes refuse the write-only ones with an
// error of the framework's, which must not print them either.
func TestAccSecrets_BadSecretsNotPrinted(t *testing.T) {
	requireAcc(t)
	t.Parallel()
	e := acctest.StartEmulator(t)
	env := e.Info.EnvironmentID
	w := newWorkspace(t, e)

	literals := map[string]string{
		"secret":               "LEAKSECRET0001zz",
		"secret_wo":            "LEAKSECRETWO0002zz",
		"both secrets":         "0ddba11c0ffee0ddba11c0ffee0ddba11c0ffee0",
		"secrets":              "LEAKSETSECRETS0003zz",
		"secrets_wo":           "LEAKSETSECRETSWO0004zz",
		"activation_secret":    "LEAKACTIVATION0005zz",
		"activation_secret_wo": "LEAKACTIVATIONWO0006zz",
	}
	w.writeConfig(fmt.Sprintf(`
resource "pingone_oath_token" "secret" {
  environment_id = %[1]q
  serial_number  = "LEAK1"
  type           = "HOTP"
  otp_length     = 6
  secret         = %[2]q
}

resource "pingone_oath_token" "secret_wo" {
  environment_id    = %[1]q
  serial_number     = "LEAK2"
  type              = "HOTP"
  otp_length        = 6
  secret_wo         = %[3]q
  secret_wo_version = 1
}

resource "pingone_oath_token" "both" {
  environment_id    = %[1]q
  serial_number     = "LEAK3"
  type              = "HOTP"
  otp_length        = 6
  secret            = %[4]q
  secret_wo         = %[4]q
  secret_wo_version = 1
}

resource "pingone_oath_token_set" "secrets" {
  environment_id = %[1]q
  tokens         = { "LEAK4" = { type = "HOTP", otp_length = 6 } }
  secrets        = { "LEAK4" = %[5]q }
}

resource "pingone_oath_token_set" "secrets_wo" {
  environment_id = %[1]q
  tokens         = { "LEAK5" = { type = "HOTP", otp_length = 6 } }
  secrets_wo     = { "LEAK5" = %[6]q }
}

resource "pingone_user_mfa_device_oath_token" "activation_secret" {
  environment_id    = %[1]q
  user_id           = %[1]q
  serial_number     = "LEAK6"
  activation_secret = %[7]q
}

resource "pingone_user_mfa_device_oath_token" "activation_secret_wo" {
  environment_id       = %[1]q
  user_id              = %[1]q
  serial_number        = "LEAK7"
  activation_secret_wo = %[8]q
}
`, env, literals["secret"], literals["secret_wo"], literals["both secrets"], literals["secrets"], literals["secrets_wo"],
		literals["activation_secret"], literals["activation_secret_wo"]))

	res := w.mustRun(1, "validate", "-no-color")
	output := strings.Join(strings.Fields(res.output()), " ") // The engine wraps long lines.
	for what, literal := range literals {
		if strings.Contains(strings.ToLower(output), strings.ToLower(literal)) {
			t.Errorf("validate prints the %s: %s", what, res.output())
		}
	}
	// Each attribute is named, by the provider's message or by the detached diagnostic's note.
	for _, attr := range []string{"secret", "secret_wo", "secrets", "secrets_wo", "activation_secret", "activation_secret_wo"} {
		if !strings.Contains(output, "Attribute: "+attr+".") && !strings.Contains(output, "Attribute: "+attr+"[") {
			t.Errorf("validate does not name the attribute %s:\n%s", attr, res.output())
		}
	}

	// The access token conflicts with client credentials set beside it: an error at configure
	// time, about api_access_token. The workspace's configuration has an empty provider block,
	// so this one replaces the whole file.
	token := "LEAKACCESSTOKEN0007zz"
	conflicting := fmt.Sprintf(`terraform {
  required_providers {
    pingone = { source = "oathtokens/pingone" }
  }
}

provider "pingone" {
  client_id        = %[1]q
  client_secret    = "client-secret"
  environment_id   = %[1]q
  api_access_token = %[2]q
}

data "pingone_oath_tokens" "all" {
  environment_id = %[1]q
}
`, env, token)
	if err := os.WriteFile(filepath.Join(w.dir, "main.tf"), []byte(conflicting), 0o600); err != nil {
		t.Fatal(err)
	}
	res = w.mustRun(1, "plan", "-input=false", "-no-color")
	if strings.Contains(res.output(), token) || !strings.Contains(strings.Join(strings.Fields(res.output()), " "), "Conflicting PingOne credentials") {
		t.Errorf("plan with both credentials: want the conflict named, and the token not printed:\n%s", res.output())
	}
}
