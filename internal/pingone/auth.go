package pingone

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sync"
	"time"

	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"
)

// authenticator supplies the bearer token of API calls.
type authenticator interface {
	// token returns the bearer token to use now.
	token(ctx context.Context) (string, error)
	// invalidate drops tok after the API refused it, so the next token call fetches a new one.
	// It reports whether a new token can be had, that is whether a retry makes sense.
	invalidate(tok string) bool
	// refused explains, for a 401 that no new token can cure, which credential to check.
	refused() string
}

// staticToken is a ready access token from the configuration. It cannot be renewed.
type staticToken string

func (t staticToken) token(context.Context) (string, error) { return string(t), nil }
func (staticToken) invalidate(string) bool                  { return false }

func (staticToken) refused() string {
	return "PingOne refused the access token from api_access_token (PINGONE_API_ACCESS_TOKEN); it may have " +
		"expired or been revoked, and the provider cannot renew it: get a new one, or configure client_id, " +
		"client_secret and environment_id instead"
}

// maxRefreshMargin is how long before expiry a token is replaced: early enough that a request
// never leaves with a token about to lapse in flight.
const maxRefreshMargin = time.Minute

// credentialsSource obtains tokens with the client-credentials grant and shares one token between
// all callers until shortly before it expires.
type credentialsSource struct {
	conf     *clientcredentials.Config
	envID    string
	authHost string
	// httpClient carries token requests through the same retrying, logging transport as API
	// calls, so a 429 or 503 from the auth host is retried like any other.
	httpClient *http.Client

	// fetching holds one slot: a single caller fetches while the others wait, and a waiter whose
	// context ends stops waiting at once.
	fetching chan struct{}

	mu        sync.Mutex
	current   string
	refreshAt time.Time // zero: no known expiry
	// failure is a refusal of the credentials. They cannot change during a run, so asking
	// again would only multiply identical failures (and look like an attack to PingOne).
	failure error
}

func newCredentialsSource(s settings, httpClient *http.Client) *credentialsSource {
	style := oauth2.AuthStyleAutoDetect
	switch s.cfg.AuthStyle {
	case AuthStyleBasic:
		style = oauth2.AuthStyleInHeader
	case AuthStylePost:
		style = oauth2.AuthStyleInParams
	}
	envID := CanonicalID(s.cfg.EnvironmentID)
	tokenURL := url.URL{Scheme: "https", Host: s.auth.Host, Path: s.auth.PathPrefix + "/" + envID + "/as/token"}
	return &credentialsSource{
		conf: &clientcredentials.Config{
			ClientID:     s.cfg.ClientID,
			ClientSecret: s.cfg.ClientSecret,
			TokenURL:     tokenURL.String(),
			AuthStyle:    style,
		},
		envID:      envID,
		authHost:   s.auth.Host + s.auth.PathPrefix,
		httpClient: httpClient,
		fetching:   make(chan struct{}, 1),
	}
}

// cached returns the current token or the remembered failure, if either is usable.
func (c *credentialsSource) cached() (string, error, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.failure != nil {
		return "", c.failure, true
	}
	if c.current != "" && (c.refreshAt.IsZero() || time.Now().Before(c.refreshAt)) {
		return c.current, nil, true
	}
	return "", nil, false
}

func (c *credentialsSource) token(ctx context.Context) (string, error) {
	if tok, err, ok := c.cached(); ok {
		return tok, err
	}
	select {
	case c.fetching <- struct{}{}:
	case <-ctx.Done():
		return "", ctx.Err()
	}
	defer func() { <-c.fetching }()
	// Another caller may have fetched a token while this one waited.
	if tok, err, ok := c.cached(); ok {
		return tok, err
	}
	return c.fetch(ctx)
}

// fetch asks the token endpoint for a new token and caches it.
func (c *credentialsSource) fetch(ctx context.Context) (string, error) {
	ctx = context.WithValue(ctx, oauth2.HTTPClient, c.httpClient)
	ctx, st := withRequestState(ctx)
	started := time.Now()
	t, err := c.conf.Token(ctx)
	if err != nil {
		err = c.tokenError(ctx, err, int(st.attempts.Load()))
		return "", err
	}

	c.mu.Lock()
	defer c.mu.Unlock()
	c.current = t.AccessToken
	c.refreshAt = time.Time{}
	if !t.Expiry.IsZero() {
		lifetime := t.Expiry.Sub(started)
		c.refreshAt = t.Expiry.Add(-min(maxRefreshMargin, lifetime/4))
	}
	return c.current, nil
}

// tokenError explains a failed token request. A refusal becomes one clear, permanent error that
// names the environment and auth host (a wrong region is a common cause) and never the secret.
func (c *credentialsSource) tokenError(ctx context.Context, err error, attempts int) error {
	if ctxErr := ctx.Err(); ctxErr != nil {
		return fmt.Errorf("get an access token: %w", ctxErr)
	}
	var re *oauth2.RetrieveError
	if !errors.As(err, &re) || re.Response == nil {
		return fmt.Errorf("get an access token from %s for environment %s: %w", c.authHost, c.envID, err)
	}
	apiErr := decodeError("", re.Response.StatusCode, re.Response.Header, re.Body)
	apiErr.redact(c.conf.ClientSecret)

	status := re.Response.StatusCode
	if retryableStatus(status) {
		if attempts > 1 {
			return fmt.Errorf("get an access token from %s for environment %s: gave up after %d attempts: %w", c.authHost, c.envID, attempts, apiErr)
		}
		return fmt.Errorf("get an access token from %s for environment %s: %w", c.authHost, c.envID, apiErr)
	}

	var final error
	switch status {
	case http.StatusBadRequest, http.StatusUnauthorized, http.StatusForbidden:
		final = fmt.Errorf("PingOne (%s) rejected the client credentials for environment %s; check the client ID, client secret, environment ID and region: %w",
			c.authHost, c.envID, apiErr)
	default:
		final = fmt.Errorf("get an access token from %s for environment %s; check the environment ID and region: %w", c.authHost, c.envID, apiErr)
	}
	c.mu.Lock()
	c.failure = final
	c.mu.Unlock()
	return final
}

func (c *credentialsSource) invalidate(tok string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	// Only the refused token is dropped: when many parallel calls see the same 401, the first
	// fetches a new token and the others reuse it instead of fetching one each.
	if c.current == tok {
		c.current = ""
	}
	return c.failure == nil
}

func (c *credentialsSource) refused() string {
	return fmt.Sprintf("PingOne refused a newly issued access token of client %s from environment %s; check that "+
		"the worker application is enabled and still has its roles", c.conf.ClientID, c.envID)
}
