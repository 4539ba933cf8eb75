package pingone

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/go-retryablehttp"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// maxRetryAfter bounds a server's Retry-After: the value is honored exactly, even above MaxWait,
// but a broken proxy asking for hours must not stall a Terraform run.
const maxRetryAfter = 5 * time.Minute

// newRetryClient wraps the shared HTTP client in go-retryablehttp with PingOne's retry advice.
func newRetryClient(httpClient *http.Client, p RetryPolicy) *retryablehttp.Client {
	return &retryablehttp.Client{
		HTTPClient:   httpClient,
		Logger:       nil, // Each attempt is logged with tflog by loggingTransport instead.
		RetryWaitMin: p.MinWait,
		RetryWaitMax: p.MaxWait,
		RetryMax:     p.MaxAttempts - 1,
		CheckRetry:   checkRetry,
		Backoff:      backoff,
		ErrorHandler: giveUp,
	}
}

// retryableStatus lists the statuses PingOne advises retrying. 501 and other 5xx are not in it:
// they do not get better by asking again.
func retryableStatus(code int) bool {
	switch code {
	case http.StatusRequestTimeout, http.StatusTooManyRequests, http.StatusInternalServerError,
		http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// checkRetry retries the retryable statuses and network errors, and stops at once when the
// caller's context is done.
func checkRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if ctx.Err() != nil {
		return false, ctx.Err()
	}
	if err != nil {
		// The default policy already knows which transport errors are permanent (bad
		// certificates, bad schemes, redirect loops) and retries the rest, resets and EOFs
		// included.
		return retryablehttp.DefaultRetryPolicy(ctx, nil, err)
	}
	return retryableStatus(resp.StatusCode), nil
}

// backoff waits what the server asked for when it sent Retry-After, and otherwise an exponential
// backoff with full jitter: a random wait between MinWait and MinWait·2^(n+1), capped at MaxWait,
// so that parallel requests that failed together do not come back together.
func backoff(minWait, maxWait time.Duration, attempt int, resp *http.Response) time.Duration {
	var wait time.Duration
	if d, ok := retryAfterOf(resp); ok {
		wait = min(d, max(maxWait, maxRetryAfter))
	} else {
		wait = jitteredWait(minWait, maxWait, attempt)
	}
	if resp != nil && resp.Request != nil {
		tflog.SubsystemDebug(resp.Request.Context(), subsystem, "PingOne request will be retried", map[string]any{
			"method":  resp.Request.Method,
			"path":    resp.Request.URL.EscapedPath(),
			"status":  resp.StatusCode,
			"wait_ms": wait.Milliseconds(),
		})
	}
	return wait
}

// jitteredWait is the wait before retry number attempt+1 when the server gave no Retry-After.
func jitteredWait(minWait, maxWait time.Duration, attempt int) time.Duration {
	// Doubling step by step, stopping at the cap, cannot overflow the way a shift could.
	ceiling := minWait
	for i := 0; i <= attempt && ceiling < maxWait; i++ {
		ceiling = min(2*ceiling, maxWait)
	}
	if ceiling <= minWait {
		return minWait
	}
	return minWait + rand.N(ceiling-minWait+1)
}

// retryAfterOf reads a response's Retry-After header.
func retryAfterOf(resp *http.Response) (time.Duration, bool) {
	if resp == nil {
		return 0, false
	}
	return parseRetryAfter(resp.Header.Get("Retry-After"), time.Now())
}

// parseRetryAfter understands both forms of Retry-After: delay seconds and an HTTP date. A date in
// the past means no wait.
func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs < 0 {
			return 0, false
		}
		if secs > int64(maxRetryAfter/time.Second) {
			return maxRetryAfter, true
		}
		return time.Duration(secs) * time.Second, true
	}
	if when, err := http.ParseTime(v); err == nil {
		return max(when.Sub(now), 0), true
	}
	return 0, false
}

// giveUp decides what Do returns once it stops retrying. The last response is handed back
// untouched, so the caller decodes PingOne's own error (and so golang.org/x/oauth2 sees the token
// endpoint's answer); only failures without a response become errors.
func giveUp(resp *http.Response, err error, attempts int) (*http.Response, error) {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		if resp != nil {
			_ = resp.Body.Close()
		}
		return nil, err
	}
	if resp != nil {
		return resp, nil
	}
	if attempts > 1 {
		return nil, fmt.Errorf("gave up after %d attempts: %w", attempts, err)
	}
	return nil, err
}
