package pingone

import (
	"crypto/tls"
	"crypto/x509"
	"net"
	"net/http"
	"time"
)

// maxIdleConnsPerHost keeps enough warm connections for Terraform's parallelism (10 by default,
// often raised to 50) so that parallel requests do not each pay a TLS handshake.
const maxIdleConnsPerHost = 64

// newBaseTransport builds the one connection pool of a Client. TLS verification always uses the
// system roots (which SSL_CERT_FILE extends); rootCAs replaces them only in this package's tests.
func newBaseTransport(s settings, rootCAs *x509.CertPool) *http.Transport {
	proxy := http.ProxyFromEnvironment
	if s.proxy != nil {
		proxy = http.ProxyURL(s.proxy)
	}
	dialer := &net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}
	return &http.Transport{
		Proxy:                 proxy,
		DialContext:           dialer.DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          2 * maxIdleConnsPerHost,
		MaxIdleConnsPerHost:   maxIdleConnsPerHost,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   15 * time.Second,
		ExpectContinueTimeout: time.Second,
		// A server that accepts a request and never answers would otherwise hold a Terraform
		// operation until its own timeout; this way the attempt fails and is retried.
		ResponseHeaderTimeout: 2 * time.Minute,
		TLSClientConfig: &tls.Config{
			MinVersion: tls.VersionTLS12,
			RootCAs:    rootCAs,
		},
	}
}

// userAgentTransport stamps the provider's User-Agent on every request, including the token
// requests that golang.org/x/oauth2 builds itself.
type userAgentTransport struct {
	userAgent string
	next      http.RoundTripper
}

func (t userAgentTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if t.userAgent == "" {
		return t.next.RoundTrip(req)
	}
	// A RoundTripper must not change the caller's request, so the header goes on a copy.
	r := req.Clone(req.Context())
	r.Header.Set("User-Agent", t.userAgent)
	return t.next.RoundTrip(r)
}

// noRedirects stops the client at a redirect: PingOne's API does not redirect, and following one
// could carry a bearer token to another host.
func noRedirects(*http.Request, []*http.Request) error {
	return http.ErrUseLastResponse
}
