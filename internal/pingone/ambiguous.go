package pingone

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"net"
	"net/http"
)

// RetriedAfterAmbiguousFailure reports whether err answered a retry that followed an attempt with
// an unknown outcome: the connection failed once the request may have been sent, or the server
// answered 500, 502 or 504, which can come after the change was made. A create that then meets a
// duplicate serial number may well have created that token itself.
func RetriedAfterAmbiguousFailure(err error) bool {
	e, ok := asError(err)
	return ok && e.AfterAmbiguousAttempt
}

// mayHaveCommitted reports whether one attempt ended without saying whether it took effect.
// Failures to connect at all are clear (nothing was sent), and so are 429, 503 and 408, which
// say the request was not processed; a lost connection or a server error is not.
func mayHaveCommitted(resp *http.Response, err error) bool {
	if err == nil {
		return resp != nil && resp.StatusCode >= 500 &&
			resp.StatusCode != http.StatusServiceUnavailable && resp.StatusCode != http.StatusNotImplemented
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		// The caller gave up; whatever happened is reported as the context's error.
		return false
	}
	var opErr *net.OpError
	if errors.As(err, &opErr) && opErr.Op == "dial" {
		return false
	}
	var dnsErr *net.DNSError
	var certErr *tls.CertificateVerificationError
	var unknownAuthority x509.UnknownAuthorityError
	var hostnameErr x509.HostnameError
	if errors.As(err, &dnsErr) || errors.As(err, &certErr) || errors.As(err, &unknownAuthority) || errors.As(err, &hostnameErr) {
		return false
	}
	return true
}
