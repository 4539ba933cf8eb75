// Package pingone is the provider's HTTP client for the PingOne management API, limited to what
// the OATH token resources need.
//
// One Client serves a whole provider run: it holds one connection pool, obtains one access token
// with the client-credentials grant and shares it between all callers, retries what PingOne
// advises retrying (408, 429, 5xx and network errors, honoring Retry-After), and turns PingOne
// error bodies into *Error values that callers can classify with IsNotFound, IsDuplicate and the
// other predicates. Requests are logged with tflog on the caller's context, in the "pingone"
// subsystem, with secrets masked before anything reaches the logger.
package pingone
