package pingone

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/oathtokens/terraform-provider-pingone/internal/emulator"
	"github.com/oathtokens/terraform-provider-pingone/internal/otp"
)

// Users' MFA devices against the emulator: pairing, reading, listing, unpairing, and activation
// with an OTP computed from the token's secret.

const (
	routePair     = "POST /v1/environments/{envID}/users/{userID}/devices"
	routeActivate = "POST /v1/environments/{envID}/users/{userID}/devices/{deviceID}"
	routeDevice   = "GET /v1/environments/{envID}/users/{userID}/devices/{deviceID}"
)

// createUser makes a user through the API; the client has no call for it because the provider
// never creates users.
func createUser(t *testing.T, c *Client, env, username string) string {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"username": username})
	resp, err := c.do(withLogger(context.Background()), apiCall{op: "create user", method: http.MethodPost,
		url: c.envURL(env, "users"), contentType: contentTypeJSON, body: body})
	if err != nil {
		t.Fatalf("create user %s: %v", username, err)
	}
	var u struct {
		ID string `json:"id"`
	}
	if err := json.Unmarshal(resp.body, &u); err != nil || u.ID == "" {
		t.Fatalf("create user %s: %s %v", username, resp.body, err)
	}
	return u.ID
}

func rfcSecretBytes(t *testing.T) []byte {
	t.Helper()
	b, err := otp.DecodeSecret(rfcSecret)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// counterOf reads PingOne's HOTP counter of a token.
func counterOf(t *testing.T, c *Client, env, tokenID string) int64 {
	t.Helper()
	tok, err := c.ReadOATHToken(context.Background(), env, tokenID)
	if err != nil || tok.HOTP == nil {
		t.Fatalf("read token %s: %+v %v", tokenID, tok, err)
	}
	return tok.HOTP.Counter
}

func TestUserDeviceLifecycle(t *testing.T) {
	e := startEmulator(t, emulator.Options{})
	env := e.Info().EnvironmentID
	c := emuClient(t, emuConfig(e, AuthStyleBasic))
	ctx := context.Background()
	token, err := c.CreateOATHToken(ctx, env, hotp("LIFE1"))
	if err != nil {
		t.Fatal(err)
	}
	user := createUser(t, c, env, "alice")

	// IDs in upper case name the same user.
	paired, err := c.PairOATHToken(ctx, strings.ToUpper(env), strings.ToUpper(user), "LIFE1")
	if err != nil {
		t.Fatal(err)
	}
	if paired.Type != DeviceTypeOATHToken || paired.Status != DeviceStatusActivationRequired || paired.UserID != user ||
		paired.SerialNumber != "LIFE1" || paired.OATHTokenID != token.ID || paired.CreatedAt.IsZero() || paired.EnvironmentID != env {
		t.Fatalf("paired device %+v", paired)
	}
	read, err := c.ReadUserDevice(ctx, env, user, paired.ID)
	if err != nil || *read != *paired {
		t.Fatalf("read %+v %v, want %+v", read, err, paired)
	}
	listed, err := c.ListUserDevices(ctx, env, user)
	if err != nil || len(listed) != 1 || listed[0] != *paired {
		t.Fatalf("listed %+v %v", listed, err)
	}
	withDevices, err := c.ReadOATHTokenWithDevices(ctx, env, token.ID)
	if err != nil || len(withDevices.Devices) != 1 || withDevices.Devices[0] != (PairedDevice{DeviceID: paired.ID, UserID: user, Status: paired.Status}) {
		t.Fatalf("token's devices %+v %v", withDevices, err)
	}

	if err := c.UnpairUserDevice(ctx, env, user, paired.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := c.ReadUserDevice(ctx, env, user, paired.ID); !IsNotFound(err) {
		t.Fatalf("read after unpair: %v", err)
	}
	if err := c.UnpairUserDevice(ctx, env, user, paired.ID); !IsNotFound(err) {
		t.Fatalf("second unpair: %v", err)
	}
	// The token stays, unpaired, and can pair again.
	if withDevices, err = c.ReadOATHTokenWithDevices(ctx, env, token.ID); err != nil || len(withDevices.Devices) != 0 {
		t.Fatalf("token after unpair %+v %v", withDevices, err)
	}
	listed, err = c.ListUserDevices(ctx, env, user)
	if err != nil || len(listed) != 0 {
		t.Fatalf("listed after unpair %+v %v", listed, err)
	}
}

func TestUserDeviceErrors(t *testing.T) {
	e := startEmulator(t, emulator.Options{})
	env := e.Info().EnvironmentID
	c := emuClient(t, emuConfig(e, AuthStyleBasic))
	ctx := context.Background()
	if _, err := c.CreateOATHToken(ctx, env, hotp("ERR1")); err != nil {
		t.Fatal(err)
	}
	user := createUser(t, c, env, "bob")
	const unknown = "00000000-0000-0000-0000-000000000000"

	if _, err := c.PairOATHToken(ctx, env, unknown, "ERR1"); !IsNotFound(err) {
		t.Fatalf("unknown user: %v", err)
	}
	if _, err := c.PairOATHToken(ctx, env, user, "NOSUCHSERIAL"); !IsInvalidValue(err) || RetriedAfterAmbiguousFailure(err) {
		t.Fatalf("unknown serial: %v", err)
	}
	if _, err := c.PairOATHToken(ctx, env, user, "ERR1"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.PairOATHToken(ctx, env, createUser(t, c, env, "carol"), "ERR1"); !IsInvalidValue(err) {
		t.Fatalf("already paired: %v", err)
	}
	if _, err := c.ListUserDevices(ctx, env, unknown); !IsNotFound(err) {
		t.Fatalf("list of an unknown user: %v", err)
	}
	for name, call := range map[string]func() error{
		"read":   func() error { _, err := c.ReadUserDevice(ctx, env, user, ""); return err },
		"unpair": func() error { return c.UnpairUserDevice(ctx, env, "..", unknown) },
		"pair":   func() error { _, err := c.PairOATHToken(ctx, env, " ", "ERR1"); return err },
	} {
		if err := call(); !errors.Is(err, errInvalidID) {
			t.Errorf("%s without a usable ID: %v", name, err)
		}
	}
}

// TestActivateOATHDevice activates HOTP and TOTP devices of every hash algorithm and length:
// one activation request each, the HOTP counter exactly one step on, the TOTP drift kept.
func TestActivateOATHDevice(t *testing.T) {
	e := startEmulator(t, emulator.Options{})
	env := e.Info().EnvironmentID
	c := emuClient(t, emuConfig(e, AuthStyleBasic))
	ctx := context.Background()
	seeds := map[string]string{
		"HmacSHA1":   rfcSecret,
		"HmacSHA256": rfcSecret + "313233343536373839303132",
		"HmacSHA512": rfcSecret + rfcSecret + rfcSecret + "31323334",
	}
	cases := []OATHTokenCreate{
		{SerialNumber: "ACTH6", Type: "HOTP", OTPLength: 6, HOTP: &HOTPSettings{Counter: 0}},
		{SerialNumber: "ACTH8", Type: "HOTP", OTPLength: 8, HOTP: &HOTPSettings{Counter: 1234}},
		{SerialNumber: "ACTT1", Type: "TOTP", OTPLength: 6, HashAlgorithm: "HmacSHA1", TOTP: &TOTPSettings{TimeStep: 30}},
		{SerialNumber: "ACTT256", Type: "TOTP", OTPLength: 8, HashAlgorithm: "HmacSHA256", TOTP: &TOTPSettings{TimeStep: 60}},
		{SerialNumber: "ACTT512", Type: "TOTP", OTPLength: 6, HashAlgorithm: "HmacSHA512", TOTP: &TOTPSettings{TimeStep: 30}},
	}
	for _, in := range cases {
		t.Run(in.SerialNumber, func(t *testing.T) {
			alg := in.HashAlgorithm
			if alg == "" {
				alg = "HmacSHA1"
			}
			in.Secret = seeds[alg]
			token, err := c.CreateOATHToken(ctx, env, in)
			if err != nil {
				t.Fatal(err)
			}
			device, err := c.PairOATHToken(ctx, env, createUser(t, c, env, "user"+in.SerialNumber), in.SerialNumber)
			if err != nil {
				t.Fatal(err)
			}
			secret, err := otp.DecodeSecret(in.Secret)
			if err != nil {
				t.Fatal(err)
			}
			e.ResetCounters()
			active, err := c.ActivateOATHDevice(ctx, env, *device, secret)
			if err != nil {
				t.Fatal(err)
			}
			if active.Status != DeviceStatusActive || active.ID != device.ID {
				t.Fatalf("activated device %+v", active)
			}
			if n := count(e, routeActivate); n != 1 {
				t.Fatalf("%d activation requests, want 1", n)
			}
			after, err := c.ReadOATHToken(ctx, env, token.ID)
			if err != nil {
				t.Fatal(err)
			}
			if in.HOTP != nil && after.HOTP.Counter != in.HOTP.Counter+1 {
				t.Fatalf("counter %d after activation, want %d: exactly the step PingOne accepted", after.HOTP.Counter, in.HOTP.Counter+1)
			}
			if in.TOTP != nil && after.TOTP.Drift != 0 {
				t.Fatalf("drift %d after activation, want 0: the activation must not resynchronize the token", after.TOTP.Drift)
			}
		})
	}
}

// TestActivateOATHDeviceWrongSecret sends one OTP from a secret that is not the token's: PingOne
// refuses it, the counter has not moved, so the same OTP is not sent again, and the error is
// IsInvalidOTP without quoting the OTP.
func TestActivateOATHDeviceWrongSecret(t *testing.T) {
	e := startEmulator(t, emulator.Options{})
	env := e.Info().EnvironmentID
	c := emuClient(t, emuConfig(e, AuthStyleBasic))
	ctx := context.Background()
	for _, in := range []OATHTokenCreate{
		hotp("WRONGH"),
		{SerialNumber: "WRONGT", Secret: rfcSecret, Type: "TOTP", OTPLength: 6, TOTP: &TOTPSettings{TimeStep: 60}},
	} {
		t.Run(in.Type, func(t *testing.T) {
			token, err := c.CreateOATHToken(ctx, env, in)
			if err != nil {
				t.Fatal(err)
			}
			device, err := c.PairOATHToken(ctx, env, createUser(t, c, env, "u"+in.SerialNumber), in.SerialNumber)
			if err != nil {
				t.Fatal(err)
			}
			wrong := []byte("another seed, not the token's")
			e.ResetCounters()
			_, err = c.ActivateOATHDevice(ctx, env, *device, wrong)
			if !IsInvalidOTP(err) {
				t.Fatalf("err %v, want INVALID_OTP", err)
			}
			// A TOTP step may end between computing and checking; then one more OTP is fair.
			if n := count(e, routeActivate); n != 1 && (in.Type == "HOTP" || n != 2) {
				t.Fatalf("%d activation requests for a wrong secret", n)
			}
			for ahead := -1; ahead <= 1; ahead++ {
				code, _ := otp.HOTP(wrong, uint64(time.Now().Unix()/60+int64(ahead)), 6, otp.HmacSHA1)
				if strings.Contains(err.Error(), code) {
					t.Fatalf("the error quotes the OTP: %v", err)
				}
			}
			if in.Type == "HOTP" {
				if got := counterOf(t, c, env, token.ID); got != 0 {
					t.Fatalf("counter %d after a refused OTP, want 0", got)
				}
				code, _ := otp.HOTP(wrong, 0, 6, otp.HmacSHA1)
				if strings.Contains(err.Error(), code) {
					t.Fatalf("the error quotes the OTP: %v", err)
				}
			}
			if d, err := c.ReadUserDevice(ctx, env, device.UserID, device.ID); err != nil || d.Status != DeviceStatusActivationRequired {
				t.Fatalf("device after a refused OTP: %+v %v", d, err)
			}
		})
	}
}

// TestActivateOATHDeviceLostAnswer carries the activation out and then drops its answer: the
// client sends it again, PingOne refuses the repeat (the device is active), and the device read
// that follows shows the activation succeeded. The counter moved exactly once.
func TestActivateOATHDeviceLostAnswer(t *testing.T) {
	e := startEmulator(t, emulator.Options{})
	env := e.Info().EnvironmentID
	c := emuClient(t, emuConfig(e, AuthStyleBasic))
	ctx := context.Background()
	token, err := c.CreateOATHToken(ctx, env, hotp("LOSTACT"))
	if err != nil {
		t.Fatal(err)
	}
	device, err := c.PairOATHToken(ctx, env, createUser(t, c, env, "dave"), "LOSTACT")
	if err != nil {
		t.Fatal(err)
	}
	dropped := e.AddFault(emulator.Fault{Route: routeActivate, Count: 1, Mode: emulator.ModeCommitThenDrop})
	e.ResetCounters()
	active, err := c.ActivateOATHDevice(ctx, env, *device, rfcSecretBytes(t))
	if err != nil {
		t.Fatalf("a lost answer of a successful activation must not fail it: %v", err)
	}
	if dropped.Fired() != 1 {
		t.Fatalf("the fault fired %d times, want 1", dropped.Fired())
	}
	if active.Status != DeviceStatusActive {
		t.Fatalf("device %+v", active)
	}
	if got := counterOf(t, c, env, token.ID); got != 1 {
		t.Fatalf("counter %d, want 1: one step, the one PingOne accepted", got)
	}
	if n, reads := count(e, routeActivate), count(e, routeDevice); n != 2 || reads != 1 {
		t.Fatalf("%d activation requests and %d device reads, want 2 (the lost one, its refused repeat) and 1", n, reads)
	}
}

// TestActivateOATHDeviceCounterMoved lets the token be used while the activation is on its way:
// the OTP computed at the old counter is refused as already used, and the next is computed at
// the counter PingOne reports then, never further ahead.
func TestActivateOATHDeviceCounterMoved(t *testing.T) {
	e := startEmulator(t, emulator.Options{})
	env := e.Info().EnvironmentID
	c := emuClient(t, emuConfig(e, AuthStyleBasic))
	ctx := context.Background()
	token, err := c.CreateOATHToken(ctx, env, hotp("MOVED"))
	if err != nil {
		t.Fatal(err)
	}
	device, err := c.PairOATHToken(ctx, env, createUser(t, c, env, "erin"), "MOVED")
	if err != nil {
		t.Fatal(err)
	}
	slow := e.AddFault(emulator.Fault{Route: routeActivate, Count: 1, Latency: time.Second})
	e.ResetCounters()
	done := make(chan error, 1)
	go func() {
		_, err := c.ActivateOATHDevice(ctx, env, *device, rfcSecretBytes(t))
		done <- err
	}()
	for deadline := time.Now().Add(5 * time.Second); count(e, routeActivate) == 0; time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the activation request never arrived")
		}
	}
	// The token's holder uses it meanwhile: two OTPs at counters 3 and 4 move PingOne to 5.
	first, _ := e.CurrentOTP(env, token.ID, 3)
	second, _ := e.CurrentOTP(env, token.ID, 4)
	if _, err := c.ResyncOATHToken(ctx, env, token.ID, first, second); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatalf("activation after the counter moved: %v", err)
	}
	if slow.Fired() != 1 {
		t.Fatalf("the slow fault fired %d times", slow.Fired())
	}
	if got := counterOf(t, c, env, token.ID); got != 6 {
		t.Fatalf("counter %d, want 6: the second OTP at PingOne's counter 5, and no step past it", got)
	}
	if n := count(e, routeActivate); n != 2 {
		t.Fatalf("%d activation requests, want 2", n)
	}
}

// TestActivateOATHDeviceUnderFaults activates devices while 30 % of every request fails, with
// statuses PingOne's retry advice names (those without Retry-After, to keep it quick) and with
// answers lost after the commit. Every activation succeeds and every counter moved exactly one
// step.
func TestActivateOATHDeviceUnderFaults(t *testing.T) {
	const n = 12
	e := startEmulator(t, emulator.Options{})
	env := e.Info().EnvironmentID
	cfg := emuConfig(e, AuthStyleBasic)
	cfg.Retry.MaxAttempts = 10
	c := emuClient(t, cfg)
	ctx := context.Background()
	var devices []*UserDevice
	var tokenIDs []string
	for i := range n {
		serial := "FAULT" + string(rune('A'+i))
		token, err := c.CreateOATHToken(ctx, env, hotp(serial))
		if err != nil {
			t.Fatal(err)
		}
		d, err := c.PairOATHToken(ctx, env, createUser(t, c, env, "f"+serial), serial)
		if err != nil {
			t.Fatal(err)
		}
		devices, tokenIDs = append(devices, d), append(tokenIDs, token.ID)
	}
	statuses := e.AddFault(emulator.Fault{Route: "* /v1/environments/{envID}/users/{userID}/devices/{deviceID}", Rate: 0.3, Seed: 7,
		Statuses: []int{408, 500, 502, 504}})
	drops := e.AddFault(emulator.Fault{Route: routeActivate, Rate: 0.3, Seed: 11, Mode: emulator.ModeCommitThenDrop})
	reads := e.AddFault(emulator.Fault{Route: routeRead, Rate: 0.3, Seed: 13, Statuses: []int{408, 500, 502, 504}})
	for i, d := range devices {
		active, err := c.ActivateOATHDevice(ctx, env, *d, rfcSecretBytes(t))
		if err != nil || active.Status != DeviceStatusActive {
			t.Fatalf("device %d: %+v %v", i, active, err)
		}
	}
	e.ClearFaults()
	for i, id := range tokenIDs {
		if got := counterOf(t, c, env, id); got != 1 {
			t.Errorf("token %d: counter %d, want 1", i, got)
		}
	}
	if statuses.Fired() == 0 || drops.Fired() == 0 || reads.Fired() == 0 {
		t.Fatalf("faults fired %d, %d, %d times: each must fire", statuses.Fired(), drops.Fired(), reads.Fired())
	}
	t.Logf("statuses fired %d, drops %d, read failures %d; %d activation requests for %d devices",
		statuses.Fired(), drops.Fired(), reads.Fired(), count(e, routeActivate), n)
}
