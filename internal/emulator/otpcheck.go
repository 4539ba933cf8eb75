package emulator

import (
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/oathtokens/terraform-provider-pingone/internal/otp"
)

// Verification windows. A resync looks far, because it exists to recover a token that drifted
// or was pressed many times; a plain activation looks only a little ahead.
const (
	resyncHOTPWindow     = 100 // Counters from the server's counter to 100 past it.
	resyncTOTPWindow     = 10  // Steps either side of the server clock.
	activationHOTPWindow = 10
	activationTOTPWindow = 1 // Steps either side of the token's known drift.
)

// otpAt is the token's OTP for a moving factor: the HOTP counter or the TOTP time step.
func (t *oathToken) otpAt(factor uint64) string {
	code, err := otp.HOTP(t.key, factor, t.OTPLength, t.HashAlgorithm)
	if err != nil {
		// Stored tokens were validated on create and on load, so this cannot happen.
		panic(fmt.Sprintf("OTP for token %s: %v", t.ID, err))
	}
	return code
}

// serverStep is the TOTP step of the server clock.
func (t *oathToken) serverStep(now time.Time) int64 {
	return now.Unix() / int64(t.TimeStep)
}

// matchSequence looks for consecutive OTPs equal to otps, starting at a moving factor from lo
// to hi, and returns the first factor that matches.
func (t *oathToken) matchSequence(otps []string, lo, hi int64) (int64, bool) {
	for _, s := range otps {
		if len(s) != t.OTPLength {
			return 0, false
		}
	}
	lo = max(lo, 0)
	hi = min(hi, math.MaxInt64-int64(len(otps)))
	for f := lo; f <= hi; f++ {
		ok := true
		for i, s := range otps {
			if t.otpAt(uint64(f)+uint64(i)) != s {
				ok = false
				break
			}
		}
		if ok {
			return f, true
		}
	}
	return 0, false
}

// verify checks otps against the token and, when they match, moves the token on: the HOTP
// counter past the last OTP used, the TOTP drift to the step of the first OTP. wide selects
// the resync windows; a narrow TOTP check searches around the known drift and keeps it.
func (t *oathToken) verify(otps []string, wide bool, now time.Time) bool {
	lo, hi := t.window(wide, now)
	f, ok := t.matchSequence(otps, lo, hi)
	if !ok {
		return false
	}
	if t.Type == typeHOTP {
		t.Counter = uint64(f) + uint64(len(otps))
		t.UpdatedAt = now
	} else if wide {
		t.Drift = int(f - t.serverStep(now))
		t.UpdatedAt = now
	}
	return true
}

// window is the range of moving factors an OTP may come from: from the HOTP counter up, or
// around the TOTP server step (resync) or the step the known drift gives (activation).
func (t *oathToken) window(wide bool, now time.Time) (lo, hi int64) {
	if t.Type == typeHOTP {
		window := int64(activationHOTPWindow)
		if wide {
			window = resyncHOTPWindow
		}
		c := int64(t.Counter)
		return c, c + window
	}
	center, window := t.serverStep(now), int64(resyncTOTPWindow)
	if !wide {
		center, window = center+int64(t.Drift), activationTOTPWindow
	}
	return center - window, center + window
}

// pendingResyncTTL is how long the first OTP of a two-request resync waits for the second.
const pendingResyncTTL = 5 * time.Minute

// pendingResync is the first OTP of a two-request resync: its moving factor, and the server's
// TOTP step when it came, from which the drift is learnt as in the one-request form.
type pendingResync struct {
	factor     int64
	serverStep int64
	expires    time.Time
}

// resyncStep takes one OTP of the two-request resync. The first must lie in the resync
// window and is remembered; the second must be the very next OTP, and completes the resync
// as two OTPs in one request would. It reports whether the resync completed, and whether the
// OTP was accepted; a refused OTP drops a pending first one.
func (t *oathToken) resyncStep(code string, now time.Time) (completed, accepted bool) {
	if p := t.pending; p != nil && now.Before(p.expires) {
		t.pending = nil
		if len(code) != t.OTPLength || t.otpAt(uint64(p.factor+1)) != code {
			return false, false
		}
		if t.Type == typeHOTP {
			t.Counter = uint64(p.factor) + 2
		} else {
			t.Drift = int(p.factor - p.serverStep)
		}
		t.UpdatedAt = now
		return true, true
	}
	lo, hi := t.window(true, now)
	f, ok := t.matchSequence([]string{code}, lo, hi)
	if !ok {
		t.pending = nil
		return false, false
	}
	var step int64
	if t.Type == typeTOTP {
		step = t.serverStep(now)
	}
	t.pending = &pendingResync{factor: f, serverStep: step, expires: now.Add(pendingResyncTTL)}
	return false, true
}

// currentOTP is what the token would show: HOTP at the server counter plus ahead, TOTP at the
// server clock plus drift plus ahead steps.
func (t *oathToken) currentOTP(ahead int, now time.Time) (string, error) {
	var f int64
	if t.Type == typeHOTP {
		f = int64(t.Counter) + int64(ahead)
	} else {
		f = t.serverStep(now) + int64(t.Drift) + int64(ahead)
	}
	if f < 0 {
		return "", errors.New("ahead points before the first OTP")
	}
	return t.otpAt(uint64(f)), nil
}
