package otp

import (
	"errors"
	"fmt"
)

// ParseHex decodes a secret written in hexadecimal as token vendors write it: upper or lower
// case, grouped with spaces, hyphens or colons ("3132 3334", "31-32-33-34", "31:32:33:34").
// Unlike DecodeSecret, which takes exactly what PingOne takes, it is meant for seed files and
// hand-copied values. Its errors give a position, never a character of the value: it is a secret.
func ParseHex(s string) ([]byte, error) {
	out := make([]byte, 0, len(s)/2)
	var high byte
	digits := 0
	for i, r := range []rune(s) {
		if isSeparator(r) {
			continue
		}
		v, ok := hexValue(r)
		if !ok {
			return nil, fmt.Errorf("character %d is not a hexadecimal digit (0-9, a-f, A-F)", i+1)
		}
		if digits%2 == 0 {
			high = v
		} else {
			out = append(out, high<<4|v)
		}
		digits++
	}
	switch {
	case digits == 0:
		return nil, errors.New("it holds no hexadecimal digits")
	case digits%2 != 0:
		return nil, fmt.Errorf("it has an odd number of hexadecimal digits (%d), so the last byte is incomplete", digits)
	}
	return out, nil
}

// isSeparator reports whether r is one of the characters vendors put between groups of digits.
func isSeparator(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '-', ':':
		return true
	}
	return false
}

func hexValue(r rune) (byte, bool) {
	switch {
	case r >= '0' && r <= '9':
		return byte(r - '0'), true
	case r >= 'a' && r <= 'f':
		return byte(r-'a') + 10, true
	case r >= 'A' && r <= 'F':
		return byte(r-'A') + 10, true
	}
	return 0, false
}
