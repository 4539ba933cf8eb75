// Package otp computes one-time passwords: HOTP (RFC 4226) and TOTP (RFC 6238), and reads and
// writes the forms token secrets travel in: hexadecimal, base32 and the Key URI of QR codes.
//
// The emulator uses it to verify the OTPs that clients send when they resync or activate an
// OATH token, tests use it to produce the OTPs a hardware token would show, and the provider's
// functions (internal/functions) expose it to configurations. It is hand-written rather than a
// library on purpose; DESIGN.md says why.
package otp

import (
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"fmt"
	"hash"
)

// Algorithm names the HMAC hash function, spelled as PingOne spells hashAlgorithm.
type Algorithm string

// The algorithms PingOne accepts; RFC 6238 allows all three for TOTP, RFC 4226 only SHA-1 for HOTP,
// but the arithmetic is the same, so both functions accept all three.
const (
	HmacSHA1   Algorithm = "HmacSHA1"
	HmacSHA256 Algorithm = "HmacSHA256"
	HmacSHA512 Algorithm = "HmacSHA512"
)

// Algorithms lists every supported algorithm, in the order PingOne documents them.
func Algorithms() []Algorithm {
	return []Algorithm{HmacSHA1, HmacSHA256, HmacSHA512}
}

// hash returns the hash constructor, so an unknown name fails before any HMAC is computed.
func (a Algorithm) hash() (func() hash.Hash, error) {
	switch a {
	case HmacSHA1:
		return sha1.New, nil
	case HmacSHA256:
		return sha256.New, nil
	case HmacSHA512:
		return sha512.New, nil
	}
	return nil, fmt.Errorf("unknown hash algorithm %q", string(a))
}

// Valid reports whether a is one of the supported algorithms.
func (a Algorithm) Valid() bool {
	_, err := a.hash()
	return err == nil
}
