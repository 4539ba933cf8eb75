package emulator

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
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
	token, err := c.signAccessToken(c.e.now().Add(ttl))
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

// Access tokens are JWTs (header.payload.signature, HS256 under the signing key kept in the
// state file) rather than stored records: nothing grows with the number of tokens issued, and
// tokens issued before a restart stay valid after it. Clients must treat them as opaque; with
// the opaque_access_tokens setting the payload is "~" and a base64url binary record, neither
// base64url as a whole nor JSON, which a client that parses tokens would choke on.
const (
	jwtHeader        = `{"alg":"HS256","typ":"JWT"}`
	opaquePayloadTag = "~"
	opaquePayloadLen = 16 // Expiry in Unix nanoseconds, then a nonce.
)

// accessClaims is the payload of an access token. Times are NumericDates with milliseconds,
// which RFC 7519 allows, so a TTL below a second expires on time.
type accessClaims struct {
	Issuer    string   `json:"iss"`
	Subject   string   `json:"sub"`
	Audience  []string `json:"aud"`
	ClientID  string   `json:"client_id"`
	Env       string   `json:"env"`
	IssuedAt  float64  `json:"iat"`
	ExpiresAt float64  `json:"exp"`
	ID        string   `json:"jti"`
}

func numericDate(t time.Time) float64 { return float64(t.UnixMilli()) / 1000 }

func fromNumericDate(f float64) time.Time { return time.UnixMilli(int64(math.Round(f * 1000))) }

// signAccessToken issues a token for the worker that expires at expiry.
func (c *call) signAccessToken(expiry time.Time) (string, error) {
	st := c.e.st
	nonce := make([]byte, 16)
	if _, err := rand.Read(nonce); err != nil {
		return "", err
	}
	enc := base64.RawURLEncoding
	var payload string
	if c.set.opaqueAccessTokens {
		rec := make([]byte, opaquePayloadLen)
		binary.BigEndian.PutUint64(rec, uint64(expiry.UnixNano()))
		copy(rec[8:], nonce)
		payload = opaquePayloadTag + enc.EncodeToString(rec)
	} else {
		claims, err := json.Marshal(accessClaims{
			Issuer: "https://" + c.r.Host + "/" + st.adminEnvID + "/as", Subject: st.clientID,
			Audience: []string{"https://" + c.r.Host}, ClientID: st.clientID, Env: st.adminEnvID,
			IssuedAt: numericDate(c.e.now()), ExpiresAt: numericDate(expiry), ID: enc.EncodeToString(nonce),
		})
		if err != nil {
			return "", err
		}
		payload = enc.EncodeToString(claims)
	}
	signed := enc.EncodeToString([]byte(jwtHeader)) + "." + payload
	return signed + "." + enc.EncodeToString(mac(st.signingKey, []byte(signed))), nil
}

// validAccessToken checks an Authorization header: a Bearer token this emulator signed that
// has not expired.
func (e *Emulator) validAccessToken(header string, now time.Time) bool {
	scheme, token, ok := strings.Cut(header, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return false
	}
	parts := strings.Split(strings.TrimSpace(token), ".")
	if len(parts) != 3 {
		return false
	}
	enc := base64.RawURLEncoding
	head, err1 := enc.DecodeString(parts[0])
	sig, err2 := enc.DecodeString(parts[2])
	if err1 != nil || err2 != nil || string(head) != jwtHeader {
		return false
	}
	if !hmac.Equal(sig, mac(e.st.signingKey, []byte(parts[0]+"."+parts[1]))) {
		return false
	}
	expiry, ok := tokenExpiry(parts[1])
	return ok && now.Before(expiry)
}

// tokenExpiry reads the expiry of a payload this emulator signed, in either form.
func tokenExpiry(payload string) (time.Time, bool) {
	enc := base64.RawURLEncoding
	if rest, opaque := strings.CutPrefix(payload, opaquePayloadTag); opaque {
		rec, err := enc.DecodeString(rest)
		if err != nil || len(rec) != opaquePayloadLen {
			return time.Time{}, false
		}
		return time.Unix(0, int64(binary.BigEndian.Uint64(rec))), true
	}
	data, err := enc.DecodeString(payload)
	if err != nil {
		return time.Time{}, false
	}
	var claims accessClaims
	if json.Unmarshal(data, &claims) != nil || claims.ExpiresAt == 0 {
		return time.Time{}, false
	}
	return fromNumericDate(claims.ExpiresAt), true
}

func mac(key, payload []byte) []byte {
	h := hmac.New(sha256.New, key)
	h.Write(payload)
	return h.Sum(nil)
}
