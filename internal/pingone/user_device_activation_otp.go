package pingone

import (
	"errors"
	"fmt"
	"time"

	"github.com/oathtokens/terraform-provider-pingone/internal/otp"
)

// activationOTP computes the one-time password that activates a token's device, and its moving
// factor: for HOTP the OTP at PingOne's counter, which is the next one the token would show; for
// TOTP the OTP at this machine's current time step plus the drift PingOne measured, which is
// what the token shows now if the two clocks agree. PingOne's activation check allows a step
// either side, so clocks a few seconds apart do no harm.
func activationOTP(t *OATHToken, secret []byte, now time.Time) (code string, factor uint64, err error) {
	alg := otp.Algorithm(t.HashAlgorithm)
	if t.HashAlgorithm == "" {
		// PingOne documents HmacSHA1 as the default; an answer that leaves it out means that.
		alg = otp.HmacSHA1
	}
	switch t.Type {
	case "HOTP":
		if t.HOTP == nil || t.HOTP.Counter < 0 {
			return "", 0, errors.New("PingOne's answer gives no HOTP counter for the token, so no OTP can be computed")
		}
		factor = uint64(t.HOTP.Counter)
	case "TOTP":
		if t.TOTP == nil || t.TOTP.TimeStep <= 0 {
			return "", 0, errors.New("PingOne's answer gives no TOTP time step for the token, so no OTP can be computed")
		}
		step, err := otp.TimeCounter(now, time.Duration(t.TOTP.TimeStep)*time.Second)
		if err != nil {
			return "", 0, err
		}
		shifted := int64(step) + int64(t.TOTP.Drift)
		if shifted < 0 {
			return "", 0, fmt.Errorf("the token's drift (%d steps) points before the first time step", t.TOTP.Drift)
		}
		factor = uint64(shifted)
	default:
		return "", 0, fmt.Errorf("the token's type is %q; only HOTP and TOTP tokens can be activated", t.Type)
	}
	code, err = otp.HOTP(secret, factor, t.OTPLength, alg)
	if err != nil {
		// The error names lengths and algorithms, never the secret.
		return "", 0, fmt.Errorf("compute the activation OTP: %w", err)
	}
	return code, factor, nil
}
