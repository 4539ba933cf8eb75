package otp

import (
	"fmt"
	"time"
)

// TimeCounter returns the RFC 6238 moving factor: whole steps since the Unix epoch.
func TimeCounter(t time.Time, step time.Duration) (uint64, error) {
	if step < time.Second || step%time.Second != 0 {
		return 0, fmt.Errorf("totp: time step %s is not a whole number of seconds", step)
	}
	unix := t.Unix()
	if unix < 0 {
		return 0, fmt.Errorf("totp: time %s is before the Unix epoch", t.UTC().Format(time.RFC3339))
	}
	return uint64(unix) / uint64(step/time.Second), nil
}

// TOTP returns the RFC 6238 one-time password at time t: HOTP with the time counter.
func TOTP(secret []byte, t time.Time, step time.Duration, digits int, alg Algorithm) (string, error) {
	counter, err := TimeCounter(t, step)
	if err != nil {
		return "", err
	}
	code, err := HOTP(secret, counter, digits, alg)
	if err != nil {
		return "", fmt.Errorf("totp: %w", err)
	}
	return code, nil
}
