package pingone

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/hashicorp/go-retryablehttp"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// maxResponseBody bounds what is read of one response; a full list page is far smaller.
const maxResponseBody = 32 << 20

// apiCall describes one API request.
type apiCall struct {
	op          string // what the caller is doing, for errors: "create OATH token"
	method      string
	url         string // absolute
	contentType string // sent only with a body
	body        []byte
	secrets     []string // values of this request to scrub from a decoded error
}

// apiResponse is a successful answer, body read.
type apiResponse struct {
	status int
	header http.Header
	body   []byte
}

// do sends one API request with retries. A 2xx answer is returned; anything else is an error,
// an *Error when PingOne answered. When the API refuses a token that the client obtained itself
// (revoked or expired early), the token is dropped and the request is sent once more with a new
// one.
func (c *Client) do(ctx context.Context, call apiCall) (apiResponse, error) {
	resp, _, err := c.doReportingAmbiguity(ctx, call)
	return resp, err
}

// doReportingAmbiguity is do, and also reports whether an attempt before the one that answered
// failed in a way that may have carried the request out: a submission that succeeds after such
// an attempt may have been made twice.
func (c *Client) doReportingAmbiguity(ctx context.Context, call apiCall) (apiResponse, bool, error) {
	reauthenticated := false
	for {
		tok, err := c.auth.token(ctx)
		if err != nil {
			return apiResponse{}, false, fmt.Errorf("%s: %w", call.op, err)
		}
		resp, attempts, ambiguous, err := c.send(ctx, call, tok)
		if err != nil {
			return apiResponse{}, ambiguous, err
		}
		if resp.status == http.StatusUnauthorized && !reauthenticated && c.auth.invalidate(tok) {
			reauthenticated = true
			tflog.SubsystemDebug(ctx, subsystem, "PingOne refused the access token; fetching a new one", map[string]any{"operation": call.op})
			continue
		}
		if resp.status >= 200 && resp.status < 300 {
			return resp, ambiguous && attempts > 1, nil
		}

		apiErr := decodeError(call.op, resp.status, resp.header, resp.body)
		apiErr.redact(append(call.secrets, c.secrets...)...)
		apiErr.AfterAmbiguousAttempt = ambiguous && attempts > 1
		if retryableStatus(resp.status) && attempts > 1 {
			return apiResponse{}, apiErr.AfterAmbiguousAttempt, fmt.Errorf("gave up after %d attempts: %w", attempts, apiErr)
		}
		if resp.status == http.StatusUnauthorized {
			return apiResponse{}, apiErr.AfterAmbiguousAttempt, fmt.Errorf("%s: %w", c.auth.refused(), apiErr)
		}
		return apiResponse{}, apiErr.AfterAmbiguousAttempt, apiErr
	}
}

// send makes one logical request (the retry layer may make several attempts) and reads the
// answer, whatever its status. It also returns the number of attempts made, and whether an
// attempt before the last failed in a way that may have carried the request out.
func (c *Client) send(ctx context.Context, call apiCall, tok string) (apiResponse, int, bool, error) {
	reqCtx, st := withRequestState(ctx)
	var body any
	if call.body != nil {
		body = call.body
	}
	req, err := retryablehttp.NewRequestWithContext(reqCtx, call.method, call.url, body)
	if err != nil {
		return apiResponse{}, 0, false, fmt.Errorf("%s: build request: %w", call.op, err)
	}
	req.Header.Set("Authorization", "Bearer "+tok)
	req.Header.Set("Accept", "application/json")
	if call.body != nil {
		req.Header.Set("Content-Type", call.contentType)
	}

	resp, err := c.retry.Do(req)
	attempts := int(st.attempts.Load())
	ambiguous := st.ambiguous.Load()
	if err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return apiResponse{}, attempts, ambiguous, interrupted(call.op, ctxErr, attempts, int(st.lastStatus.Load()))
		}
		return apiResponse{}, attempts, ambiguous, fmt.Errorf("%s: %w", call.op, err)
	}
	defer func() { _ = resp.Body.Close() }()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxResponseBody))
	if err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return apiResponse{}, attempts, ambiguous, fmt.Errorf("%s: %w", call.op, ctxErr)
		}
		return apiResponse{}, attempts, ambiguous, fmt.Errorf("%s: read response (HTTP %d): %w", call.op, resp.StatusCode, err)
	}
	return apiResponse{status: resp.StatusCode, header: resp.Header, body: data}, attempts, ambiguous, nil
}

// interrupted explains a request that its context cut short (a resource timeout, usually): a
// bare "context deadline exceeded" would hide that PingOne kept answering, say, 500 until the
// time ran out.
func interrupted(op string, ctxErr error, attempts, lastStatus int) error {
	if lastStatus == 0 {
		return fmt.Errorf("%s: %w", op, ctxErr)
	}
	return fmt.Errorf("%s: %w after %d attempts; the last answer was HTTP %d %s", op, ctxErr, attempts, lastStatus,
		http.StatusText(lastStatus))
}

// decodeJSON decodes a successful answer's body, naming the operation when it is not what the
// API documents.
func decodeJSON(op string, r apiResponse, v any) error {
	if err := json.Unmarshal(r.body, v); err != nil {
		return fmt.Errorf("%s: decode the HTTP %d response: %w", op, r.status, err)
	}
	return nil
}

// envURL builds an API URL under one environment, escaping every path segment and writing IDs
// in their canonical lowercase form.
func (c *Client) envURL(envID string, segments ...string) string {
	u := c.apiBase
	var p strings.Builder
	p.WriteString(u.Path)
	p.WriteString("/environments/")
	p.WriteString(url.PathEscape(CanonicalID(envID)))
	for _, s := range segments {
		p.WriteString("/")
		p.WriteString(url.PathEscape(CanonicalID(s)))
	}
	// RawPath keeps the escaping exact; Path holds the decoded form url.URL expects beside it.
	u.RawPath = p.String()
	decoded, err := url.PathUnescape(u.RawPath)
	if err != nil {
		decoded = u.RawPath
	}
	u.Path = decoded
	return u.String()
}

// requireID checks a path parameter: an empty one, "." or ".." would address another endpoint
// instead of failing.
func requireID(op, name, value string) error {
	switch strings.TrimSpace(value) {
	case "", ".", "..":
		return fmt.Errorf("%s: %w: %s is %q", op, errInvalidID, name, value)
	}
	return nil
}

// errInvalidID marks a call made without a usable id.
var errInvalidID = errors.New("invalid ID")
