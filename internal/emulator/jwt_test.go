package emulator

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestAccessTokensAreJWTs: the token is header.payload.signature, HS256, with the standard
// claims; exp is iat plus the TTL.
func TestAccessTokensAreJWTs(t *testing.T) {
	h := start(t, Options{TokenTTL: 90 * time.Second})
	parts := strings.Split(h.token, ".")
	if len(parts) != 3 {
		t.Fatalf("access token has %d parts", len(parts))
	}
	var head map[string]any
	var claims accessClaims
	for i, v := range []any{&head, &claims} {
		data, err := base64.RawURLEncoding.DecodeString(parts[i])
		if err != nil || json.Unmarshal(data, v) != nil {
			t.Fatalf("part %d is not base64url JSON: %v", i, err)
		}
	}
	if head["alg"] != "HS256" || head["typ"] != "JWT" {
		t.Errorf("header %v", head)
	}
	if claims.Subject != h.info.ClientID || claims.ClientID != h.info.ClientID || claims.Env != h.info.AdminEnvironmentID ||
		claims.ID == "" || claims.ExpiresAt-claims.IssuedAt != 90 || !strings.HasSuffix(claims.Issuer, "/"+h.info.AdminEnvironmentID+"/as") {
		t.Errorf("claims %+v", claims)
	}
}

// TestForgedAccessTokensRefused: a changed payload, the "none" algorithm, a foreign signature
// and an expired token are all 401.
func TestForgedAccessTokensRefused(t *testing.T) {
	clock := newFakeClock()
	h := start(t, Options{now: clock.Now, TokenTTL: time.Minute})
	other := start(t, Options{})
	enc := base64.RawURLEncoding
	parts := strings.Split(h.token, ".")
	data, _ := enc.DecodeString(parts[1])
	var claims map[string]any
	_ = json.Unmarshal(data, &claims)
	claims["exp"] = claims["exp"].(float64) + 3600
	longer, _ := json.Marshal(claims)
	forged := map[string]string{
		"longer payload": parts[0] + "." + enc.EncodeToString(longer) + "." + parts[2],
		"alg none":       enc.EncodeToString([]byte(`{"alg":"none","typ":"JWT"}`)) + "." + parts[1] + ".",
		"other emulator": other.token,
		"two parts":      parts[0] + "." + parts[1],
	}
	for name, tok := range forged {
		t.Run(name, func(t *testing.T) {
			h.token = tok
			checkError(t, h.api("GET", "/oathTokens", "", nil), want{401, "ACCESS_FAILED", []string{"INVALID_TOKEN"}})
		})
	}
	h.token = strings.Join(parts, ".")
	if r := h.api("GET", "/oathTokens", "", nil); r.status != http.StatusOK {
		t.Fatalf("the real token: %d", r.status)
	}
	clock.Advance(time.Minute)
	checkError(t, h.api("GET", "/oathTokens", "", nil), want{401, "ACCESS_FAILED", nil})
}

// TestOpaqueAccessTokens: with the setting, the payload is neither base64url nor JSON, and
// the emulator still takes the token, so a client that works with it does not parse tokens.
func TestOpaqueAccessTokens(t *testing.T) {
	h := start(t, Options{})
	if r := h.ctl("PUT", "/settings", `{"opaque_access_tokens":true}`); r.status != http.StatusOK {
		t.Fatalf("settings: %d %s", r.status, r.body)
	}
	h.token = h.accessToken()
	parts := strings.Split(h.token, ".")
	if len(parts) != 3 {
		t.Fatalf("opaque token has %d parts", len(parts))
	}
	if data, err := base64.RawURLEncoding.DecodeString(parts[1]); err == nil || json.Valid(data) || json.Valid([]byte(parts[1])) {
		t.Fatalf("payload %q decodes: %v", parts[1], err)
	}
	if r := h.api("GET", "/oathTokens", "", nil); r.status != http.StatusOK {
		t.Fatalf("opaque token refused: %d %s", r.status, r.body)
	}
	// Tampering with the opaque payload is caught by the signature as well.
	h.token = parts[0] + "." + parts[1] + "A." + parts[2]
	checkError(t, h.api("GET", "/oathTokens", "", nil), want{401, "ACCESS_FAILED", nil})
}
