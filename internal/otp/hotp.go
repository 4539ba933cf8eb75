package otp

import (
	"crypto/hmac"
	"encoding/binary"
	"errors"
	"fmt"
)

// MinDigits and MaxDigits bound the OTP length: RFC 4226 asks for at least 6 digits, and PingOne
// tokens show 6 or 8, so anything past 8 is a caller's mistake rather than a real token.
const (
	MinDigits = 6
	MaxDigits = 8
)

// powers10 holds 10^n for the supported lengths, so truncation needs no floating point.
var powers10 = [...]uint32{1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000}

// HOTP returns the RFC 4226 one-time password for counter, zero-padded to digits characters.
func HOTP(secret []byte, counter uint64, digits int, alg Algorithm) (string, error) {
	if len(secret) == 0 {
		return "", errors.New("hotp: empty secret")
	}
	if digits < MinDigits || digits > MaxDigits {
		return "", fmt.Errorf("hotp: %d digits is outside %d..%d", digits, MinDigits, MaxDigits)
	}
	newHash, err := alg.hash()
	if err != nil {
		return "", fmt.Errorf("hotp: %w", err)
	}
	var msg [8]byte
	binary.BigEndian.PutUint64(msg[:], counter)
	mac := hmac.New(newHash, secret)
	mac.Write(msg[:])
	sum := mac.Sum(nil)

	// Dynamic truncation (RFC 4226 section 5.3): the low nibble of the last byte picks the offset.
	offset := sum[len(sum)-1] & 0x0f
	code := binary.BigEndian.Uint32(sum[offset:offset+4]) & 0x7fffffff
	return fmt.Sprintf("%0*d", digits, code%powers10[digits]), nil
}
