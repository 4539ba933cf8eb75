package pingone

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/oathtokens/terraform-provider-pingone/internal/emulator"
)

// These tests run the client against the PingOne emulator over real TLS. Go reads SSL_CERT_FILE
// once per process, so TestMain points it at one CA before anything uses TLS, and every emulator
// in this test binary is signed by that CA. The client is built with New, exactly as the
// provider builds it: no test hook is involved in trusting the emulator.

// sharedCA signs every emulator of this test binary; it is set once by TestMain.
var sharedCA *emulator.CA

func TestMain(m *testing.M) {
	os.Exit(runWithSharedCA(m))
}

func runWithSharedCA(m *testing.M) int {
	ca, err := emulator.NewCA()
	if err != nil {
		fmt.Fprintln(os.Stderr, "create CA:", err)
		return 1
	}
	dir, err := os.MkdirTemp("", "pingone-client-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer func() { _ = os.RemoveAll(dir) }()
	caFile := filepath.Join(dir, "ca.pem")
	if err := ca.WriteFile(caFile); err != nil {
		fmt.Fprintln(os.Stderr, "write CA:", err)
		return 1
	}
	if err := os.Setenv("SSL_CERT_FILE", caFile); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	sharedCA = ca
	return m.Run()
}

// startEmulator starts an emulator signed by the shared CA and stops it when the test ends.
func startEmulator(t *testing.T, opts emulator.Options) *emulator.Emulator {
	t.Helper()
	opts.CA = sharedCA
	e, err := emulator.Start(opts)
	if err != nil {
		t.Fatalf("start emulator: %v", err)
	}
	t.Cleanup(func() { _ = e.Close() })
	return e
}

// emuConfig is the provider's configuration for an emulator, with fast retries.
func emuConfig(e *emulator.Emulator, style AuthStyle) Config {
	info := e.Info()
	return Config{
		ClientID: info.ClientID, ClientSecret: info.ClientSecret, EnvironmentID: info.AdminEnvironmentID,
		APIHostname: info.APIHostname, AuthHostname: info.AuthHostname, AuthStyle: style,
		UserAgent: "terraform-provider-pingone/test",
		Retry:     RetryPolicy{MaxAttempts: 5, MinWait: 10 * time.Millisecond, MaxWait: 50 * time.Millisecond},
	}
}

func emuClient(t *testing.T, cfg Config) *Client {
	t.Helper()
	c, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return c
}

// Counter keys are the emulator's route patterns.
const (
	routeToken  = "POST /{envID}/as/token"
	routeCreate = "POST /v1/environments/{envID}/oathTokens"
	routeList   = "GET /v1/environments/{envID}/oathTokens"
	routeRead   = "GET /v1/environments/{envID}/oathTokens/{oathTokenID}"
)

func count(e *emulator.Emulator, route string) int {
	return e.Counters().Requests[route]
}

// rfcSecret is RFC 4226's test secret, "12345678901234567890" in hex.
const rfcSecret = "3132333435363738393031323334353637383930"

func hotp(serial string) OATHTokenCreate {
	return OATHTokenCreate{SerialNumber: serial, Secret: rfcSecret, Type: "HOTP", OTPLength: 6, HOTP: &HOTPSettings{Counter: 0}}
}

func TestEmulatorAuthStylesAndLifecycle(t *testing.T) {
	e := startEmulator(t, emulator.Options{})
	env := e.Info().EnvironmentID
	for i, style := range []AuthStyle{AuthStyleBasic, AuthStylePost, AuthStyleAuto} {
		t.Run(style.String(), func(t *testing.T) {
			e.ResetCounters()
			c := emuClient(t, emuConfig(e, style))
			ctx := context.Background()
			serial := fmt.Sprintf("STYLE%d", i)
			created, err := c.CreateOATHToken(ctx, env, hotp(serial))
			if err != nil {
				t.Fatal(err)
			}
			if created.ID == "" || created.EnvironmentID != env || created.SerialNumber != serial || created.Type != "HOTP" ||
				created.OTPLength != 6 || created.HashAlgorithm != "HmacSHA1" || created.HOTP == nil || created.CreatedAt.IsZero() {
				t.Fatalf("created %+v", created)
			}
			read, err := c.ReadOATHToken(ctx, env, created.ID)
			if err != nil || read.SerialNumber != serial {
				t.Fatalf("read %+v %v", read, err)
			}
			if err := c.RevokeOATHToken(ctx, env, created.ID); err != nil {
				t.Fatal(err)
			}
			if _, err := c.ReadOATHToken(ctx, env, created.ID); !IsNotFound(err) {
				t.Fatalf("read after revoke: %v", err)
			}
			if err := c.RevokeOATHToken(ctx, env, created.ID); !IsNotFound(err) {
				t.Fatalf("second revoke: %v", err)
			}
			if n := count(e, routeToken); n != 1 {
				t.Fatalf("%d token requests, want 1", n)
			}
		})
	}
}

func TestEmulatorTokenReusedByConcurrentCalls(t *testing.T) {
	e := startEmulator(t, emulator.Options{})
	env := e.Info().EnvironmentID
	c := emuClient(t, emuConfig(e, AuthStyleBasic))
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make(chan error, 40)
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			tok, err := c.CreateOATHToken(ctx, env, hotp(fmt.Sprintf("CONC%02d", i)))
			if err != nil {
				errs <- err
				return
			}
			if _, err := c.ReadOATHToken(ctx, env, tok.ID); err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if _, err := c.ListOATHTokens(ctx, env, ListOATHTokensOptions{}); err != nil {
		t.Fatal(err)
	}
	if n := count(e, routeToken); n != 1 {
		t.Fatalf("%d token requests for %d API calls, want 1", n, e.Counters().Total-n)
	}
}

func TestEmulatorTokenRefreshedAfterExpiry(t *testing.T) {
	e := startEmulator(t, emulator.Options{})
	e.SetTokenTTL(time.Second)
	env := e.Info().EnvironmentID
	c := emuClient(t, emuConfig(e, AuthStyleBasic))
	ctx := context.Background()
	if _, err := c.ListOATHTokens(ctx, env, ListOATHTokensOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.ListOATHTokens(ctx, env, ListOATHTokensOptions{}); err != nil {
		t.Fatal(err)
	}
	if n := count(e, routeToken); n != 1 {
		t.Fatalf("%d token requests before expiry", n)
	}
	time.Sleep(1100 * time.Millisecond)
	if _, err := c.ListOATHTokens(ctx, env, ListOATHTokensOptions{}); err != nil {
		t.Fatal(err)
	}
	if n := count(e, routeToken); n != 2 {
		t.Fatalf("%d token requests after expiry, want 2", n)
	}
}

func TestEmulatorBadCredentials(t *testing.T) {
	e := startEmulator(t, emulator.Options{})
	env := e.Info().EnvironmentID
	for _, style := range []AuthStyle{AuthStyleBasic, AuthStylePost} {
		t.Run(style.String(), func(t *testing.T) {
			e.ResetCounters()
			cfg := emuConfig(e, style)
			cfg.ClientSecret = "definitely-not-the-secret"
			c := emuClient(t, cfg)
			var err error
			for i := 0; i < 5; i++ {
				_, err = c.CreateOATHToken(context.Background(), env, hotp("BADCRED"))
			}
			if err == nil || !IsUnauthorized(err) {
				t.Fatalf("err %v", err)
			}
			msg := err.Error()
			if !strings.Contains(msg, "rejected the client credentials for environment "+cfg.EnvironmentID) ||
				strings.Contains(msg, cfg.ClientSecret) || strings.Contains(msg, e.Info().ClientSecret) {
				t.Fatalf("message %q", msg)
			}
			t.Log(msg)
			counters := e.Counters()
			if counters.Requests[routeToken] != 1 || counters.Total != 1 {
				t.Fatalf("no retry storm expected: %v", counters.Requests)
			}
		})
	}
}

func TestEmulatorForbiddenWithoutRole(t *testing.T) {
	e := startEmulator(t, emulator.Options{})
	env := e.CreateEnvironment(false)
	c := emuClient(t, emuConfig(e, AuthStyleBasic))
	ctx := context.Background()
	_, err := c.CreateOATHToken(ctx, env, hotp("NOROLE"))
	if !IsForbidden(err) {
		t.Fatalf("err %v", err)
	}
	var apiErr *Error
	if !errors.As(err, &apiErr) || apiErr.Code != "ACCESS_FAILED" || apiErr.ID == "" {
		t.Fatalf("decoded %+v", apiErr)
	}
	if n := count(e, routeCreate); n != 1 {
		t.Fatalf("a 403 was retried: %d creates", n)
	}
	e.SetRole(env, true)
	if _, err := c.CreateOATHToken(ctx, env, hotp("NOROLE")); err != nil {
		t.Fatalf("after the role was granted: %v", err)
	}
}
