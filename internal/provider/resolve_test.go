package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/oathtokens/terraform-provider-pingone/internal/pingone"
	"github.com/oathtokens/terraform-provider-pingone/internal/validators"
)

const (
	testClientID = "11111111-2222-3333-4444-555555555555"
	testEnvID    = "66666666-7777-8888-9999-000000000000"
)

func emptyModel() providerModel {
	return providerModel{
		ClientID: types.StringNull(), ClientSecret: types.StringNull(), EnvironmentID: types.StringNull(),
		APIAccessToken: types.StringNull(), RegionCode: types.StringNull(), AppendUserAgent: types.StringNull(),
		HTTPProxy: types.StringNull(),
	}
}

func envOf(vars map[string]string) func(string) string {
	return func(name string) string { return vars[name] }
}

func TestResolveConfig_ConfigurationWinsOverEnvironment(t *testing.T) {
	m := emptyModel()
	m.ClientID = types.StringValue(testClientID)
	m.RegionCode = types.StringValue("EU")
	cfg, diags := resolveConfig(m, "1.2.3", envOf(map[string]string{
		envClientID:      "99999999-2222-3333-4444-555555555555",
		envClientSecret:  "from-env",
		envEnvironmentID: testEnvID,
		envRegionCode:    "CA",
		envAccessToken:   "stray-token", // ignored: the configuration chose client credentials
	}))
	if diags.HasError() {
		t.Fatalf("unexpected errors: %v", diags)
	}
	if cfg.ClientID != testClientID || cfg.ClientSecret != "from-env" || cfg.EnvironmentID != testEnvID {
		t.Errorf("credentials = %q/%q/%q", cfg.ClientID, cfg.ClientSecret, cfg.EnvironmentID)
	}
	if cfg.AccessToken != "" {
		t.Errorf("the environment's access token leaked into a client-credentials configuration")
	}
	if cfg.RegionCode != "EU" {
		t.Errorf("region = %q, want the configured EU", cfg.RegionCode)
	}
	if cfg.UserAgent != "terraform-provider-pingone/1.2.3" {
		t.Errorf("user agent = %q", cfg.UserAgent)
	}
}

func TestResolveConfig_AccessTokenFromConfigurationIgnoresEnvironmentCredentials(t *testing.T) {
	m := emptyModel()
	m.APIAccessToken = types.StringValue("token")
	cfg, diags := resolveConfig(m, "dev", envOf(map[string]string{envClientID: testClientID, envAppendUserAgent: "ci"}))
	if diags.HasError() {
		t.Fatalf("unexpected errors: %v", diags)
	}
	if cfg.AccessToken != "token" || cfg.ClientID != "" {
		t.Errorf("config = %+v, want the access token alone", cfg)
	}
	if cfg.UserAgent != "terraform-provider-pingone/dev ci" {
		t.Errorf("user agent = %q", cfg.UserAgent)
	}
}

func TestResolveConfig_Mistakes(t *testing.T) {
	cases := []struct {
		name  string
		model func(*providerModel)
		env   map[string]string
		want  []string
	}{
		{"nothing", nil, nil, []string{"Missing PingOne credentials", envClientID, envAccessToken}},
		{"half a set", func(m *providerModel) { m.ClientID = types.StringValue(testClientID) }, nil,
			[]string{"client_secret", envClientSecret, "environment_id", envEnvironmentID}},
		{"both in config", func(m *providerModel) {
			m.ClientID = types.StringValue(testClientID)
			m.APIAccessToken = types.StringValue("t")
		}, nil, []string{"Conflicting PingOne credentials"}},
		{"both in env", nil, map[string]string{envAccessToken: "t", envClientSecret: "s"},
			[]string{"Conflicting PingOne credentials", envClientSecret}},
		{"malformed id", nil, map[string]string{envClientID: "abc", envClientSecret: "s", envEnvironmentID: testEnvID},
			[]string{"Invalid PingOne ID", envClientID}},
		{"unknown region", nil, map[string]string{envAccessToken: "t", envRegionCode: "XX"},
			[]string{"Unknown PingOne region", envRegionCode, "NA, EU, CA, AU, SG, AP"}},
		{"one hostname", nil, map[string]string{envAccessToken: "t", envAPIHostname: "api.example.com"},
			[]string{"Incomplete PingOne service endpoints", envAuthHostname}},
		{"hostname with path", nil, map[string]string{envAccessToken: "t", envAPIHostname: "api.example.com/v1", envAuthHostname: "auth.example.com"},
			[]string{"Invalid PingOne service hostname", envAPIHostname}},
		{"bad proxy", func(m *providerModel) { m.HTTPProxy = types.StringValue("proxy") }, map[string]string{envAccessToken: "t"},
			[]string{"Invalid HTTP proxy", "http_proxy"}},
		{"proxy scheme", func(m *providerModel) { m.HTTPProxy = types.StringValue("ftp://proxy.example.com") }, map[string]string{envAccessToken: "t"},
			[]string{"Invalid HTTP proxy", "http_proxy", `"ftp"`, "socks5"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := emptyModel()
			if tc.model != nil {
				tc.model(&m)
			}
			_, diags := resolveConfig(m, "dev", envOf(tc.env))
			if !diags.HasError() {
				t.Fatal("no error")
			}
			var text strings.Builder
			for _, d := range diags.Errors() {
				text.WriteString(d.Summary() + ": " + d.Detail() + "\n")
			}
			for _, want := range tc.want {
				if !strings.Contains(text.String(), want) {
					t.Errorf("errors do not mention %q:\n%s", want, text.String())
				}
			}
		})
	}
}

func TestResolveConfig_NeverQuotesSecrets(t *testing.T) {
	m := emptyModel()
	m.ClientSecret = types.StringValue("super-secret-value")
	m.APIAccessToken = types.StringValue("secret-access-token")
	_, diags := resolveConfig(m, "dev", envOf(nil))
	for _, d := range diags {
		if strings.Contains(d.Detail(), "super-secret-value") || strings.Contains(d.Detail(), "secret-access-token") {
			t.Errorf("diagnostic quotes a secret: %s", d.Detail())
		}
	}
}

// TestSettingsRulesAgree feeds the same values to the schema's validators, to the resolution of the
// configuration and environment, and to the client: one rule decides, so they never disagree (a
// value the plan accepts but Configure refuses without naming the attribute, say).
func TestSettingsRulesAgree(t *testing.T) {
	endpoints := []string{"api.pingone.eu", "127.0.0.1:8443", "gateway.example.com/pingone", "[::1]:8443",
		"https://api.pingone.eu", "api.pingone.eu/v1", "host:99999", "::1", "a b", "-bad", "gateway.example.com/a/../b"}
	for _, value := range endpoints {
		schemaOK := len(validateWith(validators.ServiceEndpoint(), value)) == 0
		m := emptyModel()
		_, diags := resolveConfig(m, "dev", envOf(map[string]string{envAccessToken: "t", envAPIHostname: value, envAuthHostname: value}))
		resolveOK := !diags.HasError()
		_, clientErr := pingone.New(pingone.Config{AccessToken: "t", APIHostname: value, AuthHostname: value})
		if schemaOK != resolveOK || resolveOK != (clientErr == nil) {
			t.Errorf("endpoint %q: schema ok %v, resolve ok %v, client error %v", value, schemaOK, resolveOK, clientErr)
		}
	}
	for _, value := range []string{"http://proxy:3128", "socks5h://p:1", "ftp://proxy", "proxy:3128", "http://"} {
		schemaOK := len(validateWith(validators.ProxyURL(), value)) == 0
		m := emptyModel()
		m.HTTPProxy = types.StringValue(value)
		_, diags := resolveConfig(m, "dev", envOf(map[string]string{envAccessToken: "t"}))
		resolveOK := !diags.HasError()
		_, clientErr := pingone.New(pingone.Config{AccessToken: "t", HTTPProxy: value})
		if schemaOK != resolveOK || resolveOK != (clientErr == nil) {
			t.Errorf("proxy %q: schema ok %v, resolve ok %v, client error %v", value, schemaOK, resolveOK, clientErr)
		}
	}
}

func validateWith(v validator.String, value string) diag.Diagnostics {
	resp := &validator.StringResponse{}
	v.ValidateString(context.Background(), validator.StringRequest{Path: path.Root("x"), ConfigValue: types.StringValue(value)}, resp)
	return resp.Diagnostics
}
