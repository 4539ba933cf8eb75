package pingone

import (
	"bytes"
	"encoding/json"
	"mime"
	"net/http"
	"net/url"
	"strings"
)

// masked replaces every secret value before it is logged.
const masked = "***"

// sensitiveField reports whether a JSON property or form field carries a secret: the token's
// seed, the worker's secret, access tokens and one-time passwords.
func sensitiveField(name string) bool {
	switch strings.ToLower(name) {
	case "secret", "client_secret", "access_token", "refresh_token", "id_token",
		"otp", "otps", "password", "client_assertion":
		return true
	}
	return false
}

// sensitiveHeader reports whether a header carries credentials.
func sensitiveHeader(name string) bool {
	switch http.CanonicalHeaderKey(name) {
	case "Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie":
		return true
	}
	return false
}

// maskHeaders returns a copy of h that is safe to log. Authorization keeps its scheme (Bearer or
// Basic) because that helps debugging and reveals nothing.
func maskHeaders(h http.Header) map[string]string {
	out := make(map[string]string, len(h))
	for name, values := range h {
		v := strings.Join(values, ", ")
		if sensitiveHeader(name) {
			v = maskCredentials(v)
		}
		out[name] = v
	}
	return out
}

// maskCredentials masks a header value, keeping an authentication scheme if there is one.
func maskCredentials(v string) string {
	if scheme, _, ok := strings.Cut(v, " "); ok && scheme != "" {
		return scheme + " " + masked
	}
	return masked
}

// maskBody returns a body that is safe to log. JSON has its sensitive properties replaced at any
// depth, forms their sensitive fields. A body that is neither and mentions anything secret-like
// is withheld whole, because a partial mask on text we cannot parse could leak.
func maskBody(contentType string, body []byte) string {
	if len(body) == 0 {
		return ""
	}
	mediaType, _, _ := mime.ParseMediaType(contentType)
	if mediaType == "application/x-www-form-urlencoded" {
		if s, ok := maskForm(body); ok {
			return s
		}
	}
	if s, ok := maskJSON(body); ok {
		return s
	}
	lower := strings.ToLower(string(body))
	for _, word := range []string{"secret", "token", "otp", "password"} {
		if strings.Contains(lower, word) {
			return "(body withheld: not JSON and may hold secrets)"
		}
	}
	return string(body)
}

// maskJSON masks the sensitive properties of a JSON document. It reports false when body is not
// JSON.
func maskJSON(body []byte) (string, bool) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil || dec.More() {
		return "", false
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(maskValue(v)); err != nil {
		return "", false
	}
	return strings.TrimSuffix(buf.String(), "\n"), true
}

// maskValue walks a decoded JSON value and replaces the values of sensitive properties.
func maskValue(v any) any {
	switch t := v.(type) {
	case map[string]any:
		for k, inner := range t {
			if sensitiveField(k) {
				t[k] = masked
			} else {
				t[k] = maskValue(inner)
			}
		}
	case []any:
		for i := range t {
			t[i] = maskValue(t[i])
		}
	}
	return v
}

// maskForm masks the sensitive fields of a URL-encoded form, such as the token request's
// client_secret. It reports false when body is not a form.
func maskForm(body []byte) (string, bool) {
	values, err := url.ParseQuery(string(body))
	if err != nil {
		return "", false
	}
	for k := range values {
		if sensitiveField(k) {
			values[k] = []string{masked}
		}
	}
	// Encode would escape the mask's asterisks; they are put back so the log reads naturally.
	return strings.ReplaceAll(values.Encode(), url.QueryEscape(masked), masked), true
}
