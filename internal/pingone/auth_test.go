package pingone

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

func okHandler(w http.ResponseWriter, r *http.Request) { writeJSON(w, 200, tokenBody("tok-1", "SN")) }

func TestAuthStyles(t *testing.T) {
	for _, style := range []AuthStyle{AuthStyleBasic, AuthStylePost, AuthStyleAuto} {
		t.Run(style.String(), func(t *testing.T) {
			f := newFake(t, okHandler)
			cfg := f.config()
			cfg.AuthStyle = style
			c := f.client(t, cfg)
			if _, err := c.ReadOATHToken(context.Background(), fakeEnv, "tok-1"); err != nil {
				t.Fatal(err)
			}
			f.mu.Lock()
			defer f.mu.Unlock()
			if f.tokenCalls != 1 {
				t.Fatalf("%d token calls", f.tokenCalls)
			}
			basic, post := strings.HasPrefix(f.tokenAuth[0], "Basic "), f.tokenForms[0].Get("client_secret") != ""
			if want := style != AuthStylePost; basic != want || post == want {
				t.Fatalf("basic %v, post %v", basic, post)
			}
		})
	}
}

func TestTokenSharedByConcurrentCalls(t *testing.T) {
	f := newFake(t, okHandler)
	c := f.client(t, f.config())
	var wg sync.WaitGroup
	errs := make(chan error, 50)
	for i := 0; i < 50; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := c.ReadOATHToken(context.Background(), fakeEnv, "tok-1"); err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if tokens, api := f.counts(); tokens != 1 || api != 50 {
		t.Fatalf("%d token calls, %d API calls", tokens, api)
	}
}

func TestTokenRefreshedBeforeExpiry(t *testing.T) {
	f := newFake(t, okHandler)
	f.tokenTTL = 2 // Refreshed 0.5 s early: a quarter of the lifetime.
	c := f.client(t, f.config())
	ctx := context.Background()
	for i := 0; i < 3; i++ {
		if _, err := c.ReadOATHToken(ctx, fakeEnv, "tok-1"); err != nil {
			t.Fatal(err)
		}
	}
	if tokens, _ := f.counts(); tokens != 1 {
		t.Fatalf("%d token calls before expiry", tokens)
	}
	time.Sleep(1600 * time.Millisecond)
	if _, err := c.ReadOATHToken(ctx, fakeEnv, "tok-1"); err != nil {
		t.Fatal(err)
	}
	calls := f.calls()
	if tokens, _ := f.counts(); tokens != 2 || calls[len(calls)-1].Authorization != "Bearer token-2" {
		t.Fatalf("%d token calls, last auth %q", tokens, calls[len(calls)-1].Authorization)
	}
}

func TestRevokedTokenReplacedOnce(t *testing.T) {
	f := newFake(t, okHandler)
	c := f.client(t, f.config())
	ctx := context.Background()
	if _, err := c.ReadOATHToken(ctx, fakeEnv, "tok-1"); err != nil {
		t.Fatal(err)
	}
	f.revokeTokens()
	if _, err := c.ReadOATHToken(ctx, fakeEnv, "tok-1"); err != nil {
		t.Fatalf("after revocation: %v", err)
	}
	if tokens, api := f.counts(); tokens != 2 || api != 3 {
		t.Fatalf("%d token calls, %d API calls; want 2 and 3", tokens, api)
	}
}

func TestPersistent401NotLooped(t *testing.T) {
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 401, map[string]any{"id": "e", "code": "ACCESS_FAILED", "message": "no"})
	})
	c := f.client(t, f.config())
	_, err := c.ReadOATHToken(context.Background(), fakeEnv, "tok-1")
	if !IsUnauthorized(err) {
		t.Fatalf("err %v", err)
	}
	if want := "refused a newly issued access token of client " + f.config().ClientID; !strings.Contains(err.Error(), want) {
		t.Errorf("the error does not say which credential to check (%q): %v", want, err)
	}
	if tokens, api := f.counts(); tokens != 2 || api != 2 {
		t.Fatalf("%d token calls, %d API calls; want one renewal and one retry", tokens, api)
	}
}

func TestStaticAccessToken(t *testing.T) {
	f := newFake(t, okHandler)
	cfg := f.config()
	cfg.ClientID, cfg.ClientSecret, cfg.AccessToken = "", "", "static-token"
	c := f.client(t, cfg)
	if _, err := c.ReadOATHToken(context.Background(), fakeEnv, "tok-1"); err != nil {
		t.Fatal(err)
	}
	if f.calls()[0].Authorization != "Bearer static-token" {
		t.Fatalf("auth %q", f.calls()[0].Authorization)
	}
	cfg.AccessToken = "expired-token"
	c = f.client(t, cfg)
	_, err := c.ReadOATHToken(context.Background(), fakeEnv, "tok-1")
	if !IsUnauthorized(err) || strings.Contains(err.Error(), "expired-token") {
		t.Fatalf("err %v", err)
	}
	for _, want := range []string{"api_access_token (PINGONE_API_ACCESS_TOKEN)", "expired", "cannot renew it"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the error does not tell the user to replace the access token (%q): %v", want, err)
		}
	}
	if tokens, api := f.counts(); tokens != 0 || api != 2 {
		t.Fatalf("%d token calls, %d API calls; a static token cannot be renewed", tokens, api)
	}
}

func TestBadCredentialsOneClearError(t *testing.T) {
	f := newFake(t, okHandler)
	cfg := f.config()
	cfg.ClientSecret = "wrong-secret-value"
	c := f.client(t, cfg)
	ctx := context.Background()
	_, err := c.ReadOATHToken(ctx, fakeEnv, "tok-1")
	if err == nil {
		t.Fatal("no error")
	}
	msg := err.Error()
	for _, want := range []string{"read OATH token tok-1", "rejected the client credentials for environment " + fakeAdminEnv, "invalid_client", "Unsupported authentication method", f.host()} {
		if !strings.Contains(msg, want) {
			t.Errorf("message lacks %q: %s", want, msg)
		}
	}
	if strings.Contains(msg, "wrong-secret-value") {
		t.Fatalf("message holds the secret: %s", msg)
	}
	if !IsUnauthorized(err) {
		t.Fatalf("IsUnauthorized false: %v", err)
	}
	// Later calls, parallel or not, get the same answer without asking again.
	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := c.ReadOATHToken(ctx, fakeEnv, "tok-1"); !IsUnauthorized(err) {
				t.Errorf("err %v", err)
			}
		}()
	}
	wg.Wait()
	if tokens, api := f.counts(); tokens != 1 || api != 0 {
		t.Fatalf("%d token calls, %d API calls; want 1 and 0", tokens, api)
	}
}

func TestBadCredentialsAutoStyleProbesOnce(t *testing.T) {
	f := newFake(t, okHandler)
	cfg := f.config()
	cfg.ClientSecret, cfg.AuthStyle = "wrong-secret-value", AuthStyleAuto
	c := f.client(t, cfg)
	for i := 0; i < 5; i++ {
		if _, err := c.ReadOATHToken(context.Background(), fakeEnv, "tok-1"); !IsUnauthorized(err) {
			t.Fatalf("err %v", err)
		}
	}
	// Auto-detection tries Basic, then form fields; after that the refusal is remembered.
	if tokens, _ := f.counts(); tokens != 2 {
		t.Fatalf("%d token calls, want 2", tokens)
	}
}

func TestTokenEndpointRetried(t *testing.T) {
	f := newFake(t, okHandler)
	f.tokenFaults = []int{503, 429}
	c := f.client(t, f.config())
	if _, err := c.ReadOATHToken(context.Background(), fakeEnv, "tok-1"); err != nil {
		t.Fatal(err)
	}
	if tokens, _ := f.counts(); tokens != 3 {
		t.Fatalf("%d token calls", tokens)
	}
}

func TestTokenEndpointExhausted(t *testing.T) {
	f := newFake(t, okHandler)
	f.tokenFaults = []int{503, 503, 503, 503} // Exactly MaxAttempts.
	c := f.client(t, f.config())
	_, err := c.ReadOATHToken(context.Background(), fakeEnv, "tok-1")
	var apiErr *Error
	if !errors.As(err, &apiErr) || apiErr.HTTPStatus != 503 || !strings.Contains(err.Error(), "gave up after 4 attempts") {
		t.Fatalf("err %v", err)
	}
	// A server-side failure is not remembered: the next call tries again.
	if _, err := c.ReadOATHToken(context.Background(), fakeEnv, "tok-1"); err != nil {
		t.Fatalf("second call: %v", err)
	}
}

func TestTokenWaiterHonorsContext(t *testing.T) {
	slow := &credentialsSource{fetching: make(chan struct{}, 1)}
	slow.fetching <- struct{}{} // Another caller is fetching and does not finish.
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if _, err := slow.token(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err %v", err)
	}
}
