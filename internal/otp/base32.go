package otp

import (
	"encoding/base32"
	"errors"
	"fmt"
)

// unpadded is RFC 4648 base32 without padding: the form authenticator apps and the Key URI
// Format use, and the one EncodeBase32 writes.
var unpadded = base32.StdEncoding.WithPadding(base32.NoPadding)

// EncodeBase32 writes b in RFC 4648 base32, upper case and without padding.
func EncodeBase32(b []byte) string {
	return unpadded.EncodeToString(b)
}

// ParseBase32 decodes RFC 4648 base32 as vendors and authenticator apps write it: either case,
// with or without "=" padding, grouped with spaces or hyphens ("JBSW Y3DP", "jbsw-y3dp"). Its
// errors give a position, never a character of the value: it is a secret.
func ParseBase32(s string) ([]byte, error) {
	letters := make([]byte, 0, len(s))
	paddingAt := 0 // The position of the first "=", once padding has started.
	for i, r := range []rune(s) {
		switch r {
		case ' ', '\t', '\n', '\r', '-':
			continue
		case '=':
			if paddingAt == 0 {
				paddingAt = i + 1
			}
			continue
		}
		if paddingAt != 0 {
			return nil, fmt.Errorf("character %d follows the \"=\" padding at character %d; padding only ends a value", i+1, paddingAt)
		}
		switch {
		case r >= 'A' && r <= 'Z', r >= '2' && r <= '7':
			letters = append(letters, byte(r))
		case r >= 'a' && r <= 'z':
			letters = append(letters, byte(r-'a'+'A'))
		default:
			return nil, fmt.Errorf("character %d is not a base32 letter (A-Z, 2-7)", i+1)
		}
	}
	if len(letters) == 0 {
		return nil, errors.New("it holds no base32 letters")
	}
	// Eight letters carry five bytes; 1, 3 or 6 letters left over cannot end on a byte boundary.
	switch len(letters) % 8 {
	case 1, 3, 6:
		return nil, fmt.Errorf("%d base32 letters do not make whole bytes (a value has 8 letters per 5 bytes, and may end after 2, 4, 5 or 7)", len(letters))
	}
	out, err := unpadded.DecodeString(string(letters))
	if err != nil {
		// Unreachable after the checks above; the library's message would quote a position in the
		// cleaned-up letters, which means nothing to the caller, so it is not passed on.
		return nil, errors.New("it is not valid base32")
	}
	return out, nil
}
