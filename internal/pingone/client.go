package pingone

import (
	"crypto/x509"
	"net/http"
	"net/url"

	"github.com/hashicorp/go-retryablehttp"
)

// Client calls the PingOne management API. It is safe for concurrent use; the provider builds one
// in Configure and shares it for the whole run.
type Client struct {
	apiBase url.URL // https://{host}{path prefix}/v1
	retry   *retryablehttp.Client
	auth    authenticator
	// secrets are scrubbed from decoded errors.
	secrets []string
}

// New validates cfg and builds a Client. It does not touch the network: the first API call
// fetches the access token.
func New(cfg Config) (*Client, error) {
	return newClient(cfg, nil)
}

// newClient is New with the TLS roots replaced, which only this package's tests do (to trust an
// httptest server). There is deliberately no user-facing way to weaken TLS.
func newClient(cfg Config, rootCAs *x509.CertPool) (*Client, error) {
	s, err := validate(cfg)
	if err != nil {
		return nil, err
	}

	// One transport, one pool: API calls and token requests share connections for the run.
	var rt http.RoundTripper = newBaseTransport(s, rootCAs)
	rt = loggingTransport{next: rt}
	rt = userAgentTransport{userAgent: cfg.UserAgent, next: rt}
	httpClient := &http.Client{Transport: rt, CheckRedirect: noRedirects}
	retry := newRetryClient(httpClient, s.retry)

	c := &Client{
		apiBase: url.URL{Scheme: "https", Host: s.api.Host, Path: s.api.PathPrefix + apiVersionPath},
		retry:   retry,
	}
	if cfg.AccessToken != "" {
		c.auth = staticToken(cfg.AccessToken)
		c.secrets = []string{cfg.AccessToken}
	} else {
		tokenHTTP := &http.Client{Transport: &retryablehttp.RoundTripper{Client: retry}, CheckRedirect: noRedirects}
		c.auth = newCredentialsSource(s, tokenHTTP)
		c.secrets = []string{cfg.ClientSecret}
	}
	return c, nil
}

// apiVersionPath is the root of PingOne's management API on its host.
const apiVersionPath = "/v1"
