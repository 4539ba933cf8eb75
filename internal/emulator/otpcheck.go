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
	if t.Type == typeHOTP {
		window := int64(activationHOTPWindow)
		if wide {
			window = resyncHOTPWindow
		}
		c := int64(t.Counter)
		f, ok := t.matchSequence(otps, c, c+window)
		if ok {
			t.Counter = uint64(f) + uint64(len(otps))
			t.UpdatedAt = now
		}
		return ok
	}
	center, window := t.serverStep(now), int64(resyncTOTPWindow)
	if !wide {
		center, window = center+int64(t.Drift), activationTOTPWindow
	}
	f, ok := t.matchSequence(otps, center-window, center+window)
	if ok && wide {
		t.Drift = int(f - t.serverStep(now))
		t.UpdatedAt = now
	}
	return ok
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
