package pingone

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func TestValidate(t *testing.T) {
	creds := Config{ClientID: "id", ClientSecret: "secret", EnvironmentID: "env"}
	with := func(mutate func(*Config)) Config {
		c := creds
		mutate(&c)
		return c
	}
	tests := []struct {
		name    string
		cfg     Config
		wantErr string
	}{
		{"client credentials", creds, ""},
		{"access token", Config{AccessToken: "tok"}, ""},
		{"both", with(func(c *Config) { c.AccessToken = "tok" }), "not both"},
		{"neither", Config{}, "no credentials"},
		{"missing secret", with(func(c *Config) { c.ClientSecret = "" }), "need all of"},
		{"missing environment", with(func(c *Config) { c.EnvironmentID = "" }), "need all of"},
		{"region EU", with(func(c *Config) { c.RegionCode = "EU" }), ""},
		{"unknown region", with(func(c *Config) { c.RegionCode = "XX" }), `"XX" is not a PingOne region code`},
		{"only API host", with(func(c *Config) { c.APIHostname = "api.example.com" }), "both"},
		{"only auth host", with(func(c *Config) { c.AuthHostname = "auth.example.com" }), "both"},
		{"hosts with ports", with(func(c *Config) { c.APIHostname, c.AuthHostname = "127.0.0.1:8443", "localhost:9443" }), ""},
		{"host with scheme", with(func(c *Config) { c.APIHostname, c.AuthHostname = "https://api.example.com", "auth.example.com" }), "without a scheme"},
		{"bad port", with(func(c *Config) { c.APIHostname, c.AuthHostname = "api.example.com:99999", "auth.example.com" }), "port"},
		{"proxy", with(func(c *Config) { c.HTTPProxy = "http://proxy.example.com:3128" }), ""},
		{"proxy without scheme", with(func(c *Config) { c.HTTPProxy = "proxy.example.com:3128" }), "proxy"},
		{"proxy ftp", with(func(c *Config) { c.HTTPProxy = "ftp://proxy.example.com" }), "not supported"},
		{"auth style", with(func(c *Config) { c.AuthStyle = 7 }), "unknown auth style"},
		{"negative retry", with(func(c *Config) { c.Retry.MaxAttempts = -1 }), "negative"},
		{"min above max", with(func(c *Config) { c.Retry = RetryPolicy{MinWait: 2 * time.Second, MaxWait: time.Second} }), "shorter than MinWait"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(tt.cfg)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("New: unexpected error %v", err)
			case tt.wantErr != "" && err == nil:
				t.Fatalf("New: no error, want one containing %q", tt.wantErr)
			case tt.wantErr != "" && !strings.Contains(err.Error(), tt.wantErr):
				t.Fatalf("New: error %q does not contain %q", err, tt.wantErr)
			}
		})
	}
}

func TestRetryPolicyDefaults(t *testing.T) {
	p, err := RetryPolicy{}.withDefaults()
	if err != nil {
		t.Fatal(err)
	}
	if p.MaxAttempts != 10 || p.MinWait != time.Second || p.MaxWait != 30*time.Second {
		t.Fatalf("defaults = %+v", p)
	}
	// Raising only MinWait lifts the default cap with it instead of failing.
	p, err = RetryPolicy{MinWait: time.Minute}.withDefaults()
	if err != nil || p.MaxWait != time.Minute {
		t.Fatalf("MinWait only: %+v, %v", p, err)
	}
}

func TestRegionsAllResolve(t *testing.T) {
	regions := Regions()
	if !slices.Equal(regions, []string{"NA", "EU", "CA", "AU", "SG", "AP"}) {
		t.Fatalf("Regions() = %v", regions)
	}
	for _, r := range regions {
		api, auth, ok := RegionHosts(r)
		if !ok || !strings.HasPrefix(api, "api.pingone.") || !strings.HasPrefix(auth, "auth.pingone.") {
			t.Errorf("region %s: %q %q %v", r, api, auth, ok)
		}
	}
	// The caller's copy is its own.
	regions[0] = "XX"
	if Regions()[0] != "NA" {
		t.Fatal("Regions shares its slice")
	}
	s, err := validate(Config{AccessToken: "t", RegionCode: "AU"})
	if err != nil || s.api.Host != "api.pingone.com.au" || s.auth.Host != "auth.pingone.com.au" {
		t.Fatalf("AU: %+v %v", s, err)
	}
	s, err = validate(Config{AccessToken: "t"})
	if err != nil || s.api.Host != "api.pingone.com" {
		t.Fatalf("default region: %+v %v", s, err)
	}
}

func TestAuthStyleString(t *testing.T) {
	for style, want := range map[AuthStyle]string{AuthStyleAuto: "AUTO", AuthStyleBasic: "CLIENT_SECRET_BASIC", AuthStylePost: "CLIENT_SECRET_POST", 9: "AuthStyle(9)"} {
		if got := style.String(); got != want {
			t.Errorf("%d: %q, want %q", int(style), got, want)
		}
	}
}

func TestTransportSettings(t *testing.T) {
	s, err := validate(Config{AccessToken: "t", HTTPProxy: "http://proxy.example.com:3128"})
	if err != nil {
		t.Fatal(err)
	}
	tr := newBaseTransport(s, nil)
	if tr.MaxIdleConnsPerHost < 32 || !tr.ForceAttemptHTTP2 || tr.TLSClientConfig.InsecureSkipVerify {
		t.Fatalf("transport: idle/host %d, h2 %v, insecure %v", tr.MaxIdleConnsPerHost, tr.ForceAttemptHTTP2, tr.TLSClientConfig.InsecureSkipVerify)
	}
	if tr.TLSClientConfig.RootCAs != nil {
		t.Fatal("production transport must use the system roots")
	}
}
