package acctest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/oathtokens/terraform-provider-pingone/internal/pingone"
)

// connection is how the tests' helpers, the check before a run and the sweepers reach a PingOne
// and sign in to it as the worker application: the provider's client for tokens, and plain
// requests for what the provider never does (users, activation by a user).
type connection struct {
	clientID, clientSecret, adminEnvironmentID string
	// apiHost and authHost are "host", "host:port" or either with a path prefix, as the
	// provider's service hostnames.
	apiHost, authHost string
	// real is a real PingOne: requests that PingOne's retry advice names are retried, and one
	// access token and one client serve every call. The emulator's answers are taken as they
	// come, each call signing in afresh, because tests count its requests.
	real bool

	mu     sync.Mutex
	token  string
	client *pingone.Client
}

// connectionFromEnv reads the worker's credentials and the hosts from the variables the provider
// reads, resolving the hosts as it does: the service hostnames when set, else the region's.
func connectionFromEnv() (*connection, error) {
	c := &connection{
		clientID:           os.Getenv("PINGONE_CLIENT_ID"),
		clientSecret:       os.Getenv("PINGONE_CLIENT_SECRET"),
		adminEnvironmentID: os.Getenv("PINGONE_ENVIRONMENT_ID"),
		apiHost:            os.Getenv("PINGONE_API_SERVICE_HOSTNAME"),
		authHost:           os.Getenv("PINGONE_AUTH_SERVICE_HOSTNAME"),
		real:               true,
	}
	var missing []string
	for name, value := range map[string]string{
		"PINGONE_CLIENT_ID": c.clientID, "PINGONE_CLIENT_SECRET": c.clientSecret, "PINGONE_ENVIRONMENT_ID": c.adminEnvironmentID,
	} {
		if value == "" {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		slices.Sort(missing)
		return nil, fmt.Errorf("set %s: the tests and sweepers sign in as a worker application with client credentials, "+
			"as the provider does", strings.Join(missing, ", "))
	}
	if (c.apiHost == "") != (c.authHost == "") {
		return nil, errors.New("set both PINGONE_API_SERVICE_HOSTNAME and PINGONE_AUTH_SERVICE_HOSTNAME, or neither, as for the provider")
	}
	if c.apiHost == "" {
		region := os.Getenv("PINGONE_REGION_CODE")
		api, auth, ok := pingone.RegionHosts(region)
		if !ok {
			return nil, fmt.Errorf("PINGONE_REGION_CODE %q is not one of %s", region, strings.Join(pingone.Regions(), ", "))
		}
		c.apiHost, c.authHost = api, auth
	}
	return c, nil
}

// apiURL is the base of the management API: https://{API host}/v1.
func (c *connection) apiURL() string { return "https://" + c.apiHost + "/v1" }

// pingoneClient is the provider's own client, signed in as the worker.
func (c *connection) pingoneClient() (*pingone.Client, error) {
	if c.real {
		c.mu.Lock()
		defer c.mu.Unlock()
		if c.client != nil {
			return c.client, nil
		}
	}
	cfg := pingone.Config{
		ClientID:      c.clientID,
		ClientSecret:  c.clientSecret,
		EnvironmentID: c.adminEnvironmentID,
		APIHostname:   c.apiHost,
		AuthHostname:  c.authHost,
		UserAgent:     "acctest",
	}
	if !c.real {
		cfg.Retry = pingone.RetryPolicy{MaxAttempts: 3, MinWait: 10 * time.Millisecond}
	}
	client, err := pingone.New(cfg)
	if err != nil {
		return nil, fmt.Errorf("build a PingOne client: %w", err)
	}
	if c.real {
		c.client = client
	}
	return client, nil
}

// accessToken gets a bearer token with the client credentials as HTTP Basic or, when the worker
// application is set up for those (CLIENT_SECRET_POST), as form fields.
func (c *connection) accessToken() (string, error) {
	if c.real {
		c.mu.Lock()
		defer c.mu.Unlock()
		if c.token != "" {
			return c.token, nil
		}
	}
	target := "https://" + c.authHost + "/" + c.adminEnvironmentID + "/as/token"
	status, body, err := c.tokenRequest(target, true)
	if err == nil && status == http.StatusUnauthorized && c.real {
		status, body, err = c.tokenRequest(target, false)
	}
	if err != nil {
		return "", err
	}
	if status != http.StatusOK {
		return "", errorf(http.MethodPost, target, status, http.StatusOK, body)
	}
	var out struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.Unmarshal(body, &out); err != nil {
		return "", fmt.Errorf("POST %s: decode the answer: %w", target, err)
	}
	if out.AccessToken == "" {
		return "", fmt.Errorf("POST %s: no access token in the answer", target)
	}
	if c.real {
		c.token = out.AccessToken
	}
	return out.AccessToken, nil
}

func (c *connection) tokenRequest(target string, basic bool) (int, []byte, error) {
	form := url.Values{"grant_type": {"client_credentials"}}
	if !basic {
		form.Set("client_id", c.clientID)
		form.Set("client_secret", c.clientSecret)
	}
	return c.do(func() (*http.Request, error) {
		req, err := http.NewRequest(http.MethodPost, target, strings.NewReader(form.Encode()))
		if err != nil {
			return nil, err
		}
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if basic {
			req.SetBasicAuth(c.clientID, c.clientSecret)
		}
		return req, nil
	})
}

// call sends one request to the management API with the worker's access token and wants the
// status want (or one of also); out, when not nil, receives the decoded answer.
func (c *connection) call(method, target, contentType string, body any, out any, want int, also ...int) error {
	var raw []byte
	if body != nil {
		var err error
		if raw, err = json.Marshal(body); err != nil {
			return err
		}
	}
	send := func() (int, []byte, error) {
		token, err := c.accessToken()
		if err != nil {
			return 0, nil, err
		}
		return c.do(func() (*http.Request, error) {
			req, err := http.NewRequest(method, target, bytes.NewReader(raw))
			if err != nil {
				return nil, err
			}
			if body != nil {
				req.Header.Set("Content-Type", contentType)
			}
			req.Header.Set("Authorization", "Bearer "+token)
			return req, nil
		})
	}
	status, answer, err := send()
	if err == nil && status == http.StatusUnauthorized && c.real {
		// The access token kept for the run has expired (they live an hour): sign in again.
		c.mu.Lock()
		c.token = ""
		c.mu.Unlock()
		status, answer, err = send()
	}
	switch {
	case err != nil:
		return err
	case status != want && !slices.Contains(also, status):
		return errorf(method, target, status, want, answer)
	case out != nil && status == want:
		if err := json.Unmarshal(answer, out); err != nil {
			return fmt.Errorf("%s %s: decode %s: %w", method, target, answer, err)
		}
	}
	return nil
}

// do sends a request built by build and returns the status and body. Against a real PingOne it
// retries the statuses PingOne's retry advice names, waiting as Retry-After says, so that a busy
// tenant does not fail a test.
func (c *connection) do(build func() (*http.Request, error)) (int, []byte, error) {
	const attempts = 6
	for attempt := 1; ; attempt++ {
		req, err := build()
		if err != nil {
			return 0, nil, err
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return 0, nil, fmt.Errorf("%s %s: %w", req.Method, req.URL.Redacted(), err)
		}
		body, err := io.ReadAll(resp.Body)
		_ = resp.Body.Close()
		if err != nil {
			return 0, nil, fmt.Errorf("%s %s: read the answer: %w", req.Method, req.URL.Redacted(), err)
		}
		if !c.real || attempt == attempts || !retryable(resp.StatusCode) {
			return resp.StatusCode, body, nil
		}
		wait := time.Duration(attempt) * time.Second
		if s, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil && s > 0 {
			wait = time.Duration(s) * time.Second
		}
		time.Sleep(wait)
	}
}

// retryable are the statuses PingOne's retry advice names.
func retryable(status int) bool {
	switch status {
	case http.StatusRequestTimeout, http.StatusTooManyRequests, http.StatusInternalServerError,
		http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// errorf is the error of a request that got another status than want.
func errorf(method, target string, status, want int, body []byte) error {
	return fmt.Errorf("%s %s: HTTP %d, want %d: %s", method, target, status, want, body)
}
