package otp

import (
	"encoding/hex"
	"errors"
	"fmt"
)

// DecodeSecret decodes a token secret written in hexadecimal, as PingOne takes it; upper and
// lower case are both accepted because token vendors ship seed files in either.
func DecodeSecret(s string) ([]byte, error) {
	if s == "" {
		return nil, errors.New("decode secret: empty")
	}
	b, err := hex.DecodeString(s)
	if err != nil {
		return nil, fmt.Errorf("decode secret: %w", err)
	}
	return b, nil
}
