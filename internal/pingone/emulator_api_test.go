package pingone

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/oathtokens/terraform-provider-pingone/internal/emulator"
)

// The API against the emulator: paging, finding, resync and the decoding of every error the
// reference lists.

func TestEmulatorPaging(t *testing.T) {
	e := startEmulator(t, emulator.Options{})
	env := e.Info().EnvironmentID
	c := emuClient(t, emuConfig(e, AuthStyleBasic))
	ctx := context.Background()
	want := map[string]bool{}
	for i := 0; i < 10; i++ {
		serial := fmt.Sprintf("PAGE%02d", i)
		want[serial] = true
		if _, err := c.CreateOATHToken(ctx, env, hotp(serial)); err != nil {
			t.Fatal(err)
		}
	}
	e.SetPageSize(3)
	for _, limit := range []int{0, 2, 50} {
		e.ResetCounters()
		got, err := c.ListOATHTokens(ctx, env, ListOATHTokensOptions{Limit: limit})
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, tok := range got {
			if seen[tok.SerialNumber] {
				t.Fatalf("limit %d: %s listed twice", limit, tok.SerialNumber)
			}
			seen[tok.SerialNumber] = true
		}
		if len(seen) != len(want) {
			t.Fatalf("limit %d: %d tokens, want %d", limit, len(seen), len(want))
		}
		pageSize := 3
		if limit > 0 && limit < pageSize {
			pageSize = limit
		}
		if n, wantPages := count(e, routeList), (10+pageSize-1)/pageSize; n != wantPages {
			t.Fatalf("limit %d: %d pages, want %d", limit, n, wantPages)
		}
	}
}

func TestEmulatorFindBySerial(t *testing.T) {
	e := startEmulator(t, emulator.Options{})
	env := e.Info().EnvironmentID
	c := emuClient(t, emuConfig(e, AuthStyleBasic))
	ctx := context.Background()
	for _, s := range []string{"FIND1", "FIND10", "FIND2"} {
		if _, err := c.CreateOATHToken(ctx, env, hotp(s)); err != nil {
			t.Fatal(err)
		}
	}
	e.ResetCounters()
	got, err := c.FindOATHTokenBySerial(ctx, env, "FIND1", true)
	if err != nil || got.SerialNumber != "FIND1" {
		t.Fatalf("found %+v %v", got, err)
	}
	if got.Devices == nil {
		t.Fatal("expand=devices must give a non-nil device list")
	}
	if n := count(e, routeList); n != 1 {
		t.Fatalf("%d list calls, want 1", n)
	}
	if _, err := c.FindOATHTokenBySerial(ctx, env, "MISSING", false); !IsNotFound(err) {
		t.Fatalf("missing: %v", err)
	}
}

func TestEmulatorResync(t *testing.T) {
	e := startEmulator(t, emulator.Options{})
	env := e.Info().EnvironmentID
	c := emuClient(t, emuConfig(e, AuthStyleBasic))
	ctx := context.Background()

	h, err := c.CreateOATHToken(ctx, env, hotp("RESYNCH"))
	if err != nil {
		t.Fatal(err)
	}
	otp1, err1 := e.CurrentOTP(env, h.ID, 3)
	otp2, err2 := e.CurrentOTP(env, h.ID, 4)
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	got, err := c.ResyncOATHToken(ctx, env, h.ID, otp1, otp2)
	if err != nil {
		t.Fatal(err)
	}
	if got.HOTP == nil || got.HOTP.Counter < 4 {
		t.Fatalf("HOTP after resync: %+v", got.HOTP)
	}

	totp, err := c.CreateOATHToken(ctx, env, OATHTokenCreate{SerialNumber: "RESYNCT", Secret: rfcSecret, Type: "TOTP", OTPLength: 8,
		HashAlgorithm: "HmacSHA256", TOTP: &TOTPSettings{TimeStep: 30}})
	if err != nil {
		t.Fatal(err)
	}
	otp1, err1 = e.CurrentOTP(env, totp.ID, 2)
	otp2, err2 = e.CurrentOTP(env, totp.ID, 3)
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	got, err = c.ResyncOATHToken(ctx, env, totp.ID, otp1, otp2)
	if err != nil {
		t.Fatal(err)
	}
	if got.TOTP == nil || got.TOTP.TimeStep != 30 {
		t.Fatalf("TOTP after resync: %+v", got.TOTP)
	}
	t.Logf("TOTP drift after resync: %d", got.TOTP.Drift)

	_, err = c.ResyncOATHToken(ctx, env, totp.ID, "00000000", "11111111")
	var apiErr *Error
	if !IsInvalidValue(err) || !errors.As(err, &apiErr) || !apiErr.hasDetail("INVALID_OTP") {
		t.Fatalf("wrong OTPs: %v", err)
	}
}

func TestEmulatorErrorDecoding(t *testing.T) {
	e := startEmulator(t, emulator.Options{})
	env := e.Info().EnvironmentID
	cfg := emuConfig(e, AuthStyleBasic)
	cfg.Retry.MaxAttempts = 1 // Each answer is seen as it is, not retried.
	c := emuClient(t, cfg)
	ctx := context.Background()

	t.Run("400 INVALID_DATA", func(t *testing.T) {
		in := hotp("BADLEN")
		in.OTPLength = 7
		_, err := c.CreateOATHToken(ctx, env, in)
		var apiErr *Error
		if !errors.As(err, &apiErr) || apiErr.HTTPStatus != 400 || apiErr.Code != "INVALID_DATA" || apiErr.ID == "" || !IsInvalidValue(err) {
			t.Fatalf("err %v", err)
		}
		var found bool
		for _, d := range apiErr.Details {
			if d.Target == "otpLength" && d.Code == "INVALID_VALUE" && strings.Join(d.AllowedValues, ",") == "6,8" {
				found = true
			}
		}
		if !found || !strings.Contains(err.Error(), "otpLength") || !strings.Contains(err.Error(), "6, 8") {
			t.Fatalf("details %+v in %q", apiErr.Details, err)
		}
		if strings.Contains(err.Error(), rfcSecret) {
			t.Fatal("error holds the secret")
		}
	})
	t.Run("400 UNIQUENESS_VIOLATION", func(t *testing.T) {
		if _, err := c.CreateOATHToken(ctx, env, hotp("DUP")); err != nil {
			t.Fatal(err)
		}
		_, err := c.CreateOATHToken(ctx, env, hotp("DUP"))
		if !IsDuplicate(err) || RetriedAfterAmbiguousFailure(err) {
			t.Fatalf("err %v", err)
		}
	})
	t.Run("401", func(t *testing.T) {
		bad := cfg
		bad.ClientID, bad.ClientSecret, bad.AccessToken = "", "", "forged-access-token"
		_, err := emuClient(t, bad).ListOATHTokens(ctx, env, ListOATHTokensOptions{})
		var apiErr *Error
		if !IsUnauthorized(err) || !errors.As(err, &apiErr) || apiErr.Code != "ACCESS_FAILED" || strings.Contains(err.Error(), "forged-access-token") {
			t.Fatalf("err %v", err)
		}
	})
	t.Run("403", func(t *testing.T) {
		_, err := c.ListOATHTokens(ctx, e.CreateEnvironment(false), ListOATHTokensOptions{})
		if !IsForbidden(err) {
			t.Fatalf("err %v", err)
		}
	})
	t.Run("404", func(t *testing.T) {
		_, err := c.ReadOATHToken(ctx, env, "00000000-0000-0000-0000-000000000000")
		var apiErr *Error
		if !IsNotFound(err) || !errors.As(err, &apiErr) || apiErr.Code != "NOT_FOUND" {
			t.Fatalf("err %v", err)
		}
	})
	t.Run("415", func(t *testing.T) {
		// The client always sends the right media type, so the request is built by hand.
		_, err := c.do(withLogger(ctx), apiCall{op: "create with a wrong media type", method: http.MethodPost,
			url: c.envURL(env, "oathTokens"), contentType: "text/plain", body: []byte(`{}`)})
		var apiErr *Error
		if !errors.As(err, &apiErr) || apiErr.HTTPStatus != http.StatusUnsupportedMediaType {
			t.Fatalf("err %v", err)
		}
	})
	for _, status := range []int{429, 500, 502, 503, 504} {
		t.Run(fmt.Sprint(status), func(t *testing.T) {
			e.ClearFaults()
			f := emulator.Fault{Route: routeList, Status: status, Count: 1}
			if status == 429 || status == 503 {
				f.RetryAfter = 2 // Only these carry Retry-After; the emulator refuses it on others.
			}
			e.AddFault(f)
			_, err := c.ListOATHTokens(ctx, env, ListOATHTokensOptions{})
			var apiErr *Error
			if !errors.As(err, &apiErr) || apiErr.HTTPStatus != status || apiErr.Message == "" {
				t.Fatalf("err %v", err)
			}
			if status == 429 && (apiErr.Code != "REQUEST_LIMITED" || apiErr.RetryAfter != 2*time.Second || !IsRateLimited(err)) {
				t.Fatalf("429 decoded as %+v", apiErr)
			}
			if status == 500 && apiErr.Code != "UNEXPECTED_ERROR" {
				t.Fatalf("500 decoded as %+v", apiErr)
			}
			t.Log(err)
		})
	}
}
