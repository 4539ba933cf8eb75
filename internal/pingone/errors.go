package pingone

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// Error is an error PingOne answered with, decoded from its JSON body. Bodies that are not JSON,
// such as a proxy's 502 page, still become an Error with the status and a short text.
type Error struct {
	// HTTPStatus is the response status; 0 when the error did not come from a response.
	HTTPStatus int
	// ID is PingOne's error id, which PingOne support can trace.
	ID string
	// Code is PingOne's error code (INVALID_DATA, NOT_FOUND...) or the OAuth error
	// (invalid_client...) from the token endpoint.
	Code    string
	Message string
	Details []ErrorDetail
	// RetryAfter is the wait the server asked for, when it sent Retry-After.
	RetryAfter time.Duration
	// Operation says what the client was doing, such as "create OATH token".
	Operation string
	// NotFound marks a missing object, also when the answer was an empty search rather than a 404.
	NotFound bool
	// AfterAmbiguousAttempt marks the answer to a retry sent after an earlier attempt failed in
	// a way that may have carried the request out (see RetriedAfterAmbiguousFailure).
	AfterAmbiguousAttempt bool
}

// ErrorDetail is one entry of an error's details, usually about one request property.
type ErrorDetail struct {
	Code    string
	Target  string
	Message string
	// AllowedValues comes from the detail's innerError, when PingOne lists the accepted values.
	AllowedValues []string
}

// Error reads as one line a user can act on and support can trace: the operation, the status,
// PingOne's code and message, then each detail, the requested wait and the error id in brackets,
// for example:
//
//	create OATH token "SN1": PingOne returned HTTP 400 INVALID_DATA: One or more validation errors
//	were in the request. [otpLength: must be 6 or 8 (INVALID_VALUE; allowed values: 6, 8)]
//	[error id 6c796712-...]
//
// It never holds request bodies, so no secret can reach it through the client.
func (e *Error) Error() string {
	var b strings.Builder
	if e.Operation != "" {
		b.WriteString(e.Operation)
		b.WriteString(": ")
	}
	switch {
	case e.HTTPStatus != 0:
		fmt.Fprintf(&b, "PingOne returned HTTP %d", e.HTTPStatus)
		if e.Code != "" {
			b.WriteString(" " + e.Code)
		}
	case e.Code != "":
		b.WriteString(e.Code)
	default:
		b.WriteString("PingOne error")
	}
	if e.Message != "" {
		b.WriteString(": " + e.Message)
	}
	for _, d := range e.Details {
		b.WriteString(" [" + d.String() + "]")
	}
	if e.RetryAfter > 0 {
		fmt.Fprintf(&b, " [retry after %s]", e.RetryAfter)
	}
	if e.ID != "" {
		fmt.Fprintf(&b, " [error id %s]", e.ID)
	}
	return b.String()
}

// String renders a detail as "target: message (CODE; allowed values: a, b)".
func (d ErrorDetail) String() string {
	s := d.Message
	if d.Target != "" {
		s = strings.TrimSpace(d.Target + ": " + s)
	}
	var notes []string
	if d.Code != "" {
		notes = append(notes, d.Code)
	}
	if len(d.AllowedValues) > 0 {
		notes = append(notes, "allowed values: "+strings.Join(d.AllowedValues, ", "))
	}
	if len(notes) > 0 {
		s = strings.TrimSpace(s + " (" + strings.Join(notes, "; ") + ")")
	}
	return s
}

// redact removes known secrets from the server's texts, in case PingOne ever echoes a rejected
// value back. Every secret is masked, however short: two hex digits are a valid token seed.
func (e *Error) redact(secrets ...string) {
	for _, s := range secrets {
		if s == "" {
			continue
		}
		e.Message = redactText(e.Message, s)
		for i := range e.Details {
			e.Details[i].Message = redactText(e.Details[i].Message, s)
			for j, v := range e.Details[i].AllowedValues {
				e.Details[i].AllowedValues[j] = redactText(v, s)
			}
		}
	}
}

// minEmbeddedSecret is the length from which a secret is masked even inside a longer word. A
// shorter one would also match inside ordinary words and IDs ("ab" in "unable"), so it is masked
// where it stands as a value of its own, not inside a run of letters and digits.
const minEmbeddedSecret = 8

// redactText masks every occurrence of secret in text, in any letter case (hex digits may come
// back in either), and also the start of one that was cut off when the text was shortened (a
// proxy's page echoing the request, say): that start no longer matches the whole secret, yet may
// be most of it. Text right beside a masked secret that continues it (a secret with a repeating
// pattern, such as all zeros, in a run of the same pattern) is masked with it: which of those
// characters were the secret cannot be told.
func redactText(text, secret string) string {
	standalone := len(secret) < minEmbeddedSecret
	var b strings.Builder
	for i := 0; i < len(text); {
		end := i + len(secret)
		if end <= len(text) && strings.EqualFold(text[i:end], secret) &&
			(!standalone || wordBoundary(text, i-1) && wordBoundary(text, end)) {
			if !standalone {
				kept := b.String()
				b.Reset()
				b.WriteString(kept[:len(kept)-secretSuffixAt(kept, secret)])
				end += secretPrefixAt(text[end:], secret)
			}
			b.WriteString(masked)
			i = end
			continue
		}
		b.WriteByte(text[i])
		i++
	}
	text = b.String()
	kept, ok := strings.CutSuffix(text, truncatedMark)
	if !ok {
		return text
	}
	for n := min(len(secret)-1, len(kept)); n > 0; n-- {
		start := len(kept) - n
		if strings.EqualFold(kept[start:], secret[:n]) && (!standalone || wordBoundary(kept, start-1)) {
			return kept[:start] + masked + truncatedMark
		}
	}
	return text
}

// secretPrefixAt is the length of the longest start of secret, of minEmbeddedSecret characters or
// more, that text starts with; 0 when there is none.
func secretPrefixAt(text, secret string) int {
	for n := min(len(secret)-1, len(text)); n >= minEmbeddedSecret; n-- {
		if strings.EqualFold(text[:n], secret[:n]) {
			return n
		}
	}
	return 0
}

// secretSuffixAt is the length of the longest end of secret, of minEmbeddedSecret characters or
// more, that text ends with; 0 when there is none.
func secretSuffixAt(text, secret string) int {
	for n := min(len(secret)-1, len(text)); n >= minEmbeddedSecret; n-- {
		if strings.EqualFold(text[len(text)-n:], secret[len(secret)-n:]) {
			return n
		}
	}
	return 0
}

// wordBoundary reports whether text has no letter or digit at i (out of range counts as none).
func wordBoundary(text string, i int) bool {
	if i < 0 || i >= len(text) {
		return true
	}
	c := text[i]
	return (c < 'a' || c > 'z') && (c < 'A' || c > 'Z') && (c < '0' || c > '9')
}

// asError finds the *Error in err's chain.
func asError(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}

// hasDetail reports whether any detail carries one of the codes.
func (e *Error) hasDetail(codes ...string) bool {
	for _, d := range e.Details {
		for _, c := range codes {
			if strings.EqualFold(d.Code, c) {
				return true
			}
		}
	}
	return false
}

// IsNotFound reports a missing object: a 404, or a search that found nothing.
func IsNotFound(err error) bool {
	e, ok := asError(err)
	return ok && (e.NotFound || e.HTTPStatus == http.StatusNotFound)
}

// IsDuplicate reports a create refused because the serial number already exists.
func IsDuplicate(err error) bool {
	e, ok := asError(err)
	return ok && e.HTTPStatus == http.StatusBadRequest && e.hasDetail("UNIQUENESS_VIOLATION")
}

// IsUnauthorized reports rejected credentials: a 401 from the API, or the token endpoint
// refusing the client.
func IsUnauthorized(err error) bool {
	e, ok := asError(err)
	if !ok {
		return false
	}
	switch e.Code {
	case "invalid_client", "unauthorized_client":
		return true
	}
	return e.HTTPStatus == http.StatusUnauthorized
}

// IsForbidden reports a 403: the worker has no role that allows the call in that environment.
func IsForbidden(err error) bool {
	e, ok := asError(err)
	return ok && e.HTTPStatus == http.StatusForbidden
}

// IsRateLimited reports a 429, which is what remains after the retries ran out.
func IsRateLimited(err error) bool {
	e, ok := asError(err)
	return ok && e.HTTPStatus == http.StatusTooManyRequests
}

// IsInvalidValue reports a 400 about the request's values (invalid, missing, out of range, too
// long, or a wrong OTP), as opposed to a duplicate serial number.
func IsInvalidValue(err error) bool {
	e, ok := asError(err)
	if !ok || e.HTTPStatus != http.StatusBadRequest {
		return false
	}
	if e.hasDetail("INVALID_VALUE", "REQUIRED_VALUE", "OUT_OF_RANGE", "SIZE_LIMIT_EXCEEDED", "INVALID_OTP") {
		return true
	}
	// A validation error without details still is one, unless it is the duplicate case.
	return !e.hasDetail("UNIQUENESS_VIOLATION") && (e.Code == "INVALID_DATA" || e.Code == "INVALID_REQUEST")
}
