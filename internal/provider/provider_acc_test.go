package provider_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/oathtokens/terraform-provider-pingone/internal/acctest"
)

var pingoneEnvVars = []string{
	"PINGONE_CLIENT_ID", "PINGONE_CLIENT_SECRET", "PINGONE_ENVIRONMENT_ID", "PINGONE_API_ACCESS_TOKEN",
	"PINGONE_REGION_CODE", "PINGONE_AUTH_SERVICE_HOSTNAME", "PINGONE_API_SERVICE_HOSTNAME", "PINGONE_TF_APPEND_USER_AGENT",
}

// clearPingOneEnv makes a test independent of the machine's PINGONE_* variables.
func clearPingOneEnv(t *testing.T) {
	for _, name := range pingoneEnvVars {
		t.Setenv(name, "")
	}
}

// tokenConfig is a token that makes the engine configure the provider.
func tokenConfig(e *acctest.Emulator) string {
	return fmt.Sprintf(`
resource "pingone_oath_token" "probe" {
  environment_id = %q
  serial_number  = %q
  type           = "HOTP"
  otp_length     = 6
  secret         = "3132333435363738393031323334353637383930"
}
`, e.Info.EnvironmentID, e.Serial("PROBE1"))
}

// TestAccProvider_ConfiguresWithoutCalls shows the provider starts and configures under the engine
// without calling PingOne: Configure only builds the client, and the access token is fetched by the
// first API call. A data source that selects no token makes the engine configure the provider and
// read through it, and needs no call of its own; its known, empty result shows the read happened.
func TestAccProvider_ConfiguresWithoutCalls(t *testing.T) {
	e := acctest.StartEmulator(t)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: e.ProviderConfig() + fmt.Sprintf(`
data "pingone_oath_tokens" "none" {
  environment_id = %q
  serial_numbers = []
}
`, e.Info.EnvironmentID),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.pingone_oath_tokens.none", tfjsonpath.New("tokens"), knownvalue.ListExact([]knownvalue.Check{})),
			},
		}},
	})
	if e.CanCheck("configuring the provider and reading an empty selection make no API call") && e.Counters().Total != 0 {
		t.Errorf("configuring the provider and reading an empty selection made %d API calls, want 0: %v", e.Counters().Total,
			e.Counters().Requests)
	}
}

// TestAccProvider_ConfigurationMistakes checks that each mistake fails with its own message
// before any request reaches PingOne.
func TestAccProvider_ConfigurationMistakes(t *testing.T) {
	e := acctest.StartEmulator(t)
	info := e.Info
	endpoints := fmt.Sprintf(`
  service_endpoints {
    auth_hostname = %q
    api_hostname  = %q
  }`, info.AuthHostname, info.APIHostname)

	cases := []struct {
		name     string
		env      map[string]string
		provider string
		want     string
	}{
		{"no credentials", nil, `provider "pingone" {` + endpoints + "\n}", `Missing PingOne credentials`},
		{"client id only", nil, fmt.Sprintf(`provider "pingone" {
  client_id = %q`+endpoints+`
}`, info.ClientID), `(?s)Incomplete PingOne client credentials.*client_secret`},
		{"secret missing from env", map[string]string{"PINGONE_CLIENT_ID": info.ClientID, "PINGONE_ENVIRONMENT_ID": info.AdminEnvironmentID},
			`provider "pingone" {` + endpoints + "\n}", `(?s)Incomplete PingOne client credentials.*PINGONE_CLIENT_SECRET`},
		{"both credential modes", nil, fmt.Sprintf(`provider "pingone" {
  client_id        = %q
  client_secret    = "s"
  environment_id   = %q
  api_access_token = "t"`+endpoints+`
}`, info.ClientID, info.AdminEnvironmentID), `Conflicting PingOne credentials`},
		{"both credential modes in env", map[string]string{"PINGONE_CLIENT_ID": info.ClientID, "PINGONE_API_ACCESS_TOKEN": "t"},
			`provider "pingone" {` + endpoints + "\n}", `(?s)Conflicting PingOne credentials.*PINGONE_API_ACCESS_TOKEN`},
		{"malformed client id", nil, fmt.Sprintf(`provider "pingone" {
  client_id      = "not-a-uuid"
  client_secret  = "s"
  environment_id = %q`+endpoints+`
}`, info.AdminEnvironmentID), `(?s)Invalid PingOne ID.*client_id`},
		{"malformed environment id in env", map[string]string{"PINGONE_CLIENT_ID": info.ClientID, "PINGONE_CLIENT_SECRET": "s", "PINGONE_ENVIRONMENT_ID": "env-1"},
			`provider "pingone" {` + endpoints + "\n}", `(?s)Invalid PingOne ID.*PINGONE_ENVIRONMENT_ID`},
		{"unknown region", nil, `provider "pingone" {
  api_access_token = "t"
  region_code      = "MARS"
}`, `(?s)region_code.*value must be one of`},
		{"unknown region in env", map[string]string{"PINGONE_API_ACCESS_TOKEN": "t", "PINGONE_REGION_CODE": "MARS"},
			`provider "pingone" {}`, `(?s)Unknown PingOne region.*PINGONE_REGION_CODE`},
		{"one hostname", nil, fmt.Sprintf(`provider "pingone" {
  api_access_token = "t"
  service_endpoints {
    api_hostname = %q
  }
}`, info.APIHostname), `(?s)Incomplete PingOne service endpoints.*auth_hostname`},
		{"one hostname in env", map[string]string{"PINGONE_API_ACCESS_TOKEN": "t", "PINGONE_AUTH_SERVICE_HOSTNAME": info.AuthHostname},
			`provider "pingone" {}`, `(?s)Incomplete PingOne service endpoints.*PINGONE_API_SERVICE_HOSTNAME`},
		{"hostname with scheme", nil, `provider "pingone" {
  api_access_token = "t"
  service_endpoints {
    auth_hostname = "https://auth.example.com"
    api_hostname  = "api.example.com"
  }
}`, `(?s)Invalid PingOne service hostname.*auth_hostname`},
		{"hostname ending in the API version", nil, `provider "pingone" {
  api_access_token = "t"
  service_endpoints {
    auth_hostname = "auth.example.com"
    api_hostname  = "api.example.com/v1"
  }
}`, `(?s)Invalid PingOne service hostname.*api_hostname.*adds the API version`},
		{"proxy scheme", nil, `provider "pingone" {
  api_access_token = "t"
  http_proxy       = "ftp://proxy.example.com"
}`, `(?s)Invalid HTTP proxy.*http_proxy.*"ftp"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			clearPingOneEnv(t)
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			resource.Test(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: acctest.ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      tc.provider + tokenConfig(e),
					PlanOnly:    true,
					ExpectError: regexp.MustCompile(tc.want),
				}},
			})
		})
	}
	if e.CanCheck("configuration mistakes make no API call") && e.Counters().Total != 0 {
		t.Errorf("configuration mistakes made %d API calls, want 0: %v", e.Counters().Total, e.Counters().Requests)
	}
}

// TestAccProvider_ClientCredentialsFromEnv configures the provider from PINGONE_* variables
// only, and shows one access token serves every resource of a run.
func TestAccProvider_ClientCredentialsFromEnv(t *testing.T) {
	e := acctest.StartEmulator(t)
	clearPingOneEnv(t)
	t.Setenv("PINGONE_CLIENT_ID", e.Info.ClientID)
	t.Setenv("PINGONE_CLIENT_SECRET", e.Info.ClientSecret)
	t.Setenv("PINGONE_ENVIRONMENT_ID", e.Info.AdminEnvironmentID)
	t.Setenv("PINGONE_API_SERVICE_HOSTNAME", e.Info.APIHostname)
	t.Setenv("PINGONE_AUTH_SERVICE_HOSTNAME", e.Info.AuthHostname)
	t.Setenv("PINGONE_TF_APPEND_USER_AGENT", "acceptance-test")
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: `provider "pingone" {}` + fmt.Sprintf(`
resource "pingone_oath_token" "batch" {
  count          = 5
  environment_id = %q
  serial_number  = "%s${count.index}"
  type           = "HOTP"
  otp_length     = 6
  secret         = "3132333435363738393031323334353637383930"
}
`, e.Info.EnvironmentID, e.Serial("BATCH")),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("pingone_oath_token.batch[4]", tfjsonpath.New("serial_number"), knownvalue.StringExact(e.Serial("BATCH4"))),
			},
			// The apply's plan phase needs no API call for new tokens; its apply phase creates five
			// tokens with one access token.
			Check: func(*terraform.State) error {
				if !e.CanCheck("five creates and one access token for one apply") {
					return nil
				}
				if n := e.APICalls("POST /v1/environments/{envID}/oathTokens"); n != 5 {
					return fmt.Errorf("create requests = %d, want 5", n)
				}
				if n := e.APICalls("POST /{envID}/as/token"); n != 1 {
					return fmt.Errorf("token requests = %d for one apply, want 1", n)
				}
				return nil
			},
		}},
	})
}

// TestAccProvider_AccessToken configures the provider with a ready access token.
func TestAccProvider_AccessToken(t *testing.T) {
	e := acctest.StartEmulator(t)
	token := e.AccessToken(t)
	e.ResetCounters()
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
provider "pingone" {
  api_access_token = %q
  service_endpoints {
    auth_hostname = %q
    api_hostname  = %q
  }
}
`, token, e.Info.AuthHostname, e.Info.APIHostname) + tokenConfig(e),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("pingone_oath_token.probe", tfjsonpath.New("id"), knownvalue.NotNull()),
			},
		}},
	})
	if e.CanCheck("no token request with a ready access token") && e.APICalls("POST /{envID}/as/token") != 0 {
		t.Errorf("token requests = %d with a ready access token, want 0", e.APICalls("POST /{envID}/as/token"))
	}
}
