package pingone

import (
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"time"
)

// Config is everything New needs to build a Client. The provider fills it from its configuration
// and environment variables; New validates it without touching the network.
type Config struct {
	// ClientID, ClientSecret and EnvironmentID are the worker application's credentials.
	// EnvironmentID is the worker's own (admin) environment, where the token endpoint lives.
	ClientID      string
	ClientSecret  string
	EnvironmentID string

	// AccessToken is a ready bearer token, used instead of client credentials (never both).
	AccessToken string

	// RegionCode picks the hosts from the region table; empty means NA.
	RegionCode string

	// APIHostname and AuthHostname override the region's hosts, as "host" or "host:port".
	// Both or neither must be set.
	APIHostname  string
	AuthHostname string

	// UserAgent is the full User-Agent header value, built by the provider.
	UserAgent string

	// HTTPProxy is an optional proxy URL; without it HTTPS_PROXY and HTTP_PROXY apply.
	HTTPProxy string

	// AuthStyle says how the client credentials are sent to the token endpoint.
	AuthStyle AuthStyle

	// Retry tunes retries; the zero value means the defaults.
	Retry RetryPolicy
}

// AuthStyle says how the client id and secret reach the token endpoint.
type AuthStyle int

const (
	// AuthStyleAuto lets golang.org/x/oauth2 try HTTP Basic first and form fields second.
	AuthStyleAuto AuthStyle = iota
	// AuthStyleBasic sends the credentials as HTTP Basic (CLIENT_SECRET_BASIC).
	AuthStyleBasic
	// AuthStylePost sends the credentials as form fields (CLIENT_SECRET_POST).
	AuthStylePost
)

// String names the style the way PingOne's application settings do.
func (s AuthStyle) String() string {
	switch s {
	case AuthStyleAuto:
		return "AUTO"
	case AuthStyleBasic:
		return "CLIENT_SECRET_BASIC"
	case AuthStylePost:
		return "CLIENT_SECRET_POST"
	default:
		return "AuthStyle(" + strconv.Itoa(int(s)) + ")"
	}
}

// RetryPolicy bounds the retries of one request. Zero fields take the defaults, which follow the
// official PingOne Go SDK: 10 attempts, waits starting near 1 s and capped at 30 s.
type RetryPolicy struct {
	// MaxAttempts counts the first attempt too, so 1 means no retry.
	MaxAttempts int
	// MinWait is the shortest wait before a retry that has no Retry-After header.
	MinWait time.Duration
	// MaxWait caps one computed wait.
	MaxWait time.Duration
}

const (
	defaultMaxAttempts = 10
	defaultMinWait     = time.Second
	defaultMaxWait     = 30 * time.Second
)

// withDefaults fills the zero fields and rejects values that cannot work.
func (p RetryPolicy) withDefaults() (RetryPolicy, error) {
	if p.MaxAttempts < 0 || p.MinWait < 0 || p.MaxWait < 0 {
		return p, errors.New("retry policy values must not be negative")
	}
	explicitMax := p.MaxWait != 0
	if p.MaxAttempts == 0 {
		p.MaxAttempts = defaultMaxAttempts
	}
	if p.MinWait == 0 {
		p.MinWait = defaultMinWait
	}
	if p.MaxWait == 0 {
		p.MaxWait = defaultMaxWait
	}
	if p.MaxWait < p.MinWait {
		if explicitMax {
			return p, fmt.Errorf("retry policy MaxWait %s is shorter than MinWait %s", p.MaxWait, p.MinWait)
		}
		// Only MinWait was chosen, so the default cap must not undercut it.
		p.MaxWait = p.MinWait
	}
	return p, nil
}

// Regions lists the region codes New accepts, for the provider's validators.
func Regions() []string {
	return []string{"NA", "EU", "CA", "AU", "SG", "AP"}
}

// RegionHosts returns the API and auth hosts of a region code from the reference table; the
// acceptance tests use it to reach the same hosts as the provider.
func RegionHosts(code string) (apiHost, authHost string, ok bool) {
	switch code {
	case "", "NA":
		return "api.pingone.com", "auth.pingone.com", true
	case "EU":
		return "api.pingone.eu", "auth.pingone.eu", true
	case "CA":
		return "api.pingone.ca", "auth.pingone.ca", true
	case "AU":
		return "api.pingone.com.au", "auth.pingone.com.au", true
	case "SG":
		return "api.pingone.sg", "auth.pingone.sg", true
	case "AP":
		return "api.pingone.asia", "auth.pingone.asia", true
	}
	return "", "", false
}

// settings is a validated Config with the hosts and retry defaults resolved.
type settings struct {
	cfg   Config
	api   Endpoint
	auth  Endpoint
	proxy *url.URL
	retry RetryPolicy
}

// validate checks cfg the way New promises: every problem is a clear error and nothing touches
// the network.
func validate(cfg Config) (settings, error) {
	s := settings{cfg: cfg}

	hasCreds := cfg.ClientID != "" || cfg.ClientSecret != ""
	switch {
	case hasCreds && cfg.AccessToken != "":
		return s, errors.New("set either an access token or client credentials (client ID and secret), not both")
	case !hasCreds && cfg.AccessToken == "":
		return s, errors.New("no credentials: set client ID, client secret and environment ID, or an access token")
	case hasCreds && (cfg.ClientID == "" || cfg.ClientSecret == "" || cfg.EnvironmentID == ""):
		return s, errors.New("client credentials need all of client ID, client secret and environment ID")
	}

	switch cfg.AuthStyle {
	case AuthStyleAuto, AuthStyleBasic, AuthStylePost:
	default:
		return s, fmt.Errorf("unknown auth style %s", cfg.AuthStyle)
	}

	if (cfg.APIHostname == "") != (cfg.AuthHostname == "") {
		return s, errors.New("custom service endpoints need both the API and the auth hostname, or neither")
	}
	if cfg.APIHostname != "" {
		for _, h := range []struct {
			name, value string
			to          *Endpoint
		}{{"API", cfg.APIHostname, &s.api}, {"auth", cfg.AuthHostname, &s.auth}} {
			e, err := ParseEndpoint(h.value)
			if err != nil {
				return s, fmt.Errorf("%s hostname %q: %w", h.name, h.value, err)
			}
			*h.to = e
		}
	} else {
		if err := CheckRegion(cfg.RegionCode); err != nil {
			return s, fmt.Errorf("region code: %w", err)
		}
		api, auth, _ := RegionHosts(cfg.RegionCode)
		s.api, s.auth = Endpoint{Host: api}, Endpoint{Host: auth}
	}

	if cfg.HTTPProxy != "" {
		u, err := CheckProxyURL(cfg.HTTPProxy)
		if err != nil {
			return s, fmt.Errorf("HTTP proxy: %w", err)
		}
		s.proxy = u
	}

	retry, err := cfg.Retry.withDefaults()
	if err != nil {
		return s, err
	}
	s.retry = retry
	return s, nil
}
