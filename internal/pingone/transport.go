package pingone

import (
	"crypto/tls"
	"crypto/x509"
	"net"
	"net/http"
	"time"
)

// maxIdleConnsPerHost keeps enough warm connections for Terraform's parallelism (10 by default,
// often raised to 50) so that parallel requests do not each pay a TLS handshake when the
// connection is HTTP/1.1 (through a proxy that does not speak HTTP/2, say). Over HTTP/2, which
// PingOne speaks, parallel requests share one connection as streams.
const maxIdleConnsPerHost = 64

// HTTP/2 health checks. Every request shares the one HTTP/2 connection, so a connection that
// died silently (a NAT or proxy dropping it) would stall them all until ResponseHeaderTimeout;
// a ping after a quiet spell finds out within seconds, and the requests move to a new
// connection through the retry layer.
const (
	http2PingAfterQuiet = 30 * time.Second
	http2PingTimeout    = 15 * time.Second
)

// newBaseTransport builds the one connection pool of a Client. TLS verification always uses the
// system roots (which SSL_CERT_FILE extends); rootCAs replaces them only in this package's tests.
func newBaseTransport(s settings, rootCAs *x509.CertPool) *http.Transport {
	proxy := http.ProxyFromEnvironment
	if s.proxy != nil {
		proxy = http.ProxyURL(s.proxy)
	}
	dialer := &net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}
	return &http.Transport{
		Proxy:       proxy,
		DialContext: dialer.DialContext,
		// With a custom dialer and TLS configuration, net/http speaks HTTP/2 only when asked.
		ForceAttemptHTTP2:     true,
		HTTP2:                 &http.HTTP2Config{SendPingTimeout: http2PingAfterQuiet, PingTimeout: http2PingTimeout},
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
