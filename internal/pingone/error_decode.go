package pingone

import (
	"bytes"
	"encoding/json"
	"mime"
	"net/http"
	"strings"
	"time"
)

// shortTextLimit bounds the text kept from a body that is not JSON.
const shortTextLimit = 200

// errorBody is PingOne's error shape, plus the OAuth error shape of the token endpoint.
type errorBody struct {
	ID      string `json:"id"`
	Code    string `json:"code"`
	Message string `json:"message"`
	Details []struct {
		Code       string `json:"code"`
		Target     string `json:"target"`
		Message    string `json:"message"`
		InnerError struct {
			AllowedValues []json.RawMessage `json:"allowedValues"`
		} `json:"innerError"`
	} `json:"details"`
	OAuthError       string `json:"error"`
	OAuthDescription string `json:"error_description"`
}

// decodeError turns a failed response into an *Error. It never fails: whatever the body, the
// status survives.
func decodeError(op string, status int, header http.Header, body []byte) *Error {
	e := &Error{HTTPStatus: status, Operation: op}
	if d, ok := parseRetryAfter(header.Get("Retry-After"), time.Now()); ok {
		e.RetryAfter = d
	}

	var eb errorBody
	if len(bytes.TrimSpace(body)) > 0 && json.Unmarshal(body, &eb) == nil {
		e.ID, e.Code, e.Message = eb.ID, eb.Code, eb.Message
		if e.Code == "" && eb.OAuthError != "" {
			e.Code, e.Message = eb.OAuthError, eb.OAuthDescription
		}
		for _, d := range eb.Details {
			e.Details = append(e.Details, ErrorDetail{
				Code:          d.Code,
				Target:        d.Target,
				Message:       d.Message,
				AllowedValues: rawStrings(d.InnerError.AllowedValues),
			})
		}
		if e.Code != "" || e.Message != "" || len(e.Details) > 0 {
			return e
		}
	}
	e.Message = shortText(header.Get("Content-Type"), status, body)
	return e
}

// rawStrings renders allowed values, which PingOne sends as strings but which could be numbers.
func rawStrings(raw []json.RawMessage) []string {
	var out []string
	for _, r := range raw {
		var s string
		if json.Unmarshal(r, &s) == nil {
			out = append(out, s)
			continue
		}
		out = append(out, string(bytes.TrimSpace(r)))
	}
	return out
}

// shortText describes a body that is not a PingOne error: an HTML page is named as such (its
// markup helps nobody), other text is kept short and on one line.
func shortText(contentType string, status int, body []byte) string {
	mediaType, _, _ := mime.ParseMediaType(contentType)
	text := strings.Join(strings.Fields(string(body)), " ")
	statusText := http.StatusText(status)
	if statusText == "" {
		statusText = "unexpected response"
	}
	switch {
	case text == "":
		return statusText
	case mediaType == "text/html" || strings.HasPrefix(strings.ToLower(text), "<!doctype") || strings.HasPrefix(strings.ToLower(text), "<html"):
		return statusText + " (an HTML page, probably from a proxy or load balancer)"
	default:
		return truncate(text, shortTextLimit)
	}
}
