package emulator

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/binary"
	"math"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// oauthError is the RFC 6749 error body the token endpoint answers with.
type oauthError struct {
	Error            string `json:"error"`
	ErrorDescription string `json:"error_description"`
}

type tokenResponse struct {
	AccessToken string `json:"access_token"`
	TokenType   string `json:"token_type"`
	ExpiresIn   int64  `json:"expires_in"`
}

func oauthReply(status int, code, description string) reply {
	return reply{status: status, body: oauthError{Error: code, ErrorDescription: description},
		contentType: "application/json;charset=UTF-8", header: http.Header{"Cache-Control": {"no-store"}}}
}

// issueToken is POST /{envID}/as/token: the client-credentials grant for the worker
// application, with its credentials in HTTP Basic or in the form.
func issueToken(c *call) reply {
	st := c.e.st
	if mediaType(c.r.Header.Get("Content-Type")) != ctForm {
		return oauthReply(http.StatusBadRequest, "invalid_request", "The Content-Type must be "+ctForm+".")
	}
	form, err := url.ParseQuery(string(c.body))
	if err != nil {
		return oauthReply(http.StatusBadRequest, "invalid_request", "The form body could not be parsed.")
	}
	id, secret, basic := basicCredentials(c.r)
	if basic && form.Get("client_secret") != "" {
		return oauthReply(http.StatusBadRequest, "invalid_request", "Use one client authentication method, not two.")
	}
	if !basic {
		id, secret = form.Get("client_id"), form.Get("client_secret")
	}
	if c.r.PathValue("envID") != st.adminEnvID || !equalSecret(id, st.clientID) || !equalSecret(secret, st.clientSecret) {
		rep := oauthReply(http.StatusUnauthorized, "invalid_client", "Client authentication failed: unknown client, wrong secret or wrong environment.")
		if basic {
			rep.header.Set("Www-Authenticate", `Basic realm="PingOne"`)
		}
		return rep
	}
	switch grant := form.Get("grant_type"); grant {
	case "client_credentials":
	case "":
		return oauthReply(http.StatusBadRequest, "invalid_request", "grant_type is required.")
	default:
		return oauthReply(http.StatusBadRequest, "unsupported_grant_type", "The grant type "+grant+" is not supported; use client_credentials.")
	}
	ttl := c.set.tokenTTL
	token, err := signAccessToken(st.signingKey, c.e.now().Add(ttl))
	if err != nil {
		return errReply(unexpectedError("The access token could not be created."))
	}
	return reply{status: http.StatusOK, contentType: "application/json;charset=UTF-8",
		header: http.Header{"Cache-Control": {"no-store"}, "Pragma": {"no-cache"}},
		body:   tokenResponse{AccessToken: token, TokenType: "Bearer", ExpiresIn: expiresIn(ttl)}}
}

// expiresIn rounds the lifetime up to whole seconds: a client told 0 would take the token
// for one that never expires.
func expiresIn(ttl time.Duration) int64 {
	return max(1, int64(math.Ceil(ttl.Seconds())))
}

// basicCredentials reads CLIENT_SECRET_BASIC, whose parts RFC 6749 section 2.3.1 says are
// form-encoded before base64.
func basicCredentials(r *http.Request) (string, string, bool) {
	id, secret, ok := r.BasicAuth()
	if !ok {
		return "", "", false
	}
	if u, err := url.QueryUnescape(id); err == nil {
		id = u
	}
	if u, err := url.QueryUnescape(secret); err == nil {
		secret = u
	}
	return id, secret, true
}

func equalSecret(got, want string) bool {
	return subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}

// Access tokens are signed rather than stored: "payload.mac", the payload holding the expiry
// and a nonce. Nothing grows with the number of tokens issued, and with the signing key in
// the state file tokens survive a restart.
const accessPayloadLen = 16

func signAccessToken(key []byte, expiry time.Time) (string, error) {
	payload := make([]byte, accessPayloadLen)
	binary.BigEndian.PutUint64(payload, uint64(expiry.UnixNano()))
	if _, err := rand.Read(payload[8:]); err != nil {
		return "", err
	}
	enc := base64.RawURLEncoding
	return enc.EncodeToString(payload) + "." + enc.EncodeToString(mac(key, payload)), nil
}

// validAccessToken checks an Authorization header: a Bearer token this emulator signed that
// has not expired.
func (e *Emulator) validAccessToken(header string, now time.Time) bool {
	scheme, token, ok := strings.Cut(header, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return false
	}
	p, m, ok := strings.Cut(strings.TrimSpace(token), ".")
	if !ok {
		return false
	}
	enc := base64.RawURLEncoding
	payload, err1 := enc.DecodeString(p)
	sig, err2 := enc.DecodeString(m)
	if err1 != nil || err2 != nil || len(payload) != accessPayloadLen {
		return false
	}
	if !hmac.Equal(sig, mac(e.st.signingKey, payload)) {
		return false
	}
	expiry := time.Unix(0, int64(binary.BigEndian.Uint64(payload)))
	return now.Before(expiry)
}

func mac(key, payload []byte) []byte {
	h := hmac.New(sha256.New, key)
	h.Write(payload)
	return h.Sum(nil)
}
