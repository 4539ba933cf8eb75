package pskc

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// secret returns the bytes of a Secret: base64 in a PlainValue, or decrypted.
func (o *opener) secret(v *dataValue) ([]byte, error) {
	switch {
	case v.Encrypted != nil:
		return o.open(v.Encrypted, v.ValueMAC)
	case v.Plain != nil:
		b, err := decodeBase64(*v.Plain)
		if err != nil {
			return nil, errors.New("the secret's PlainValue is not base64")
		}
		return b, nil
	}
	return nil, errors.New("the Secret has neither a PlainValue nor an EncryptedValue")
}

// integer returns the value of an integer Data element (Counter, Time, TimeInterval). A
// PlainValue is decimal text. RFC 6030 does not say how an encrypted integer is written, and
// vendors do both: decimal text when every byte is a digit, big-endian binary otherwise.
func (o *opener) integer(v *dataValue, name string) (uint64, error) {
	switch {
	case v.Encrypted != nil:
		plain, err := o.open(v.Encrypted, v.ValueMAC)
		if err != nil {
			return 0, fmt.Errorf("%s: %w", name, err)
		}
		return decodeInteger(plain, name)
	case v.Plain != nil:
		n, err := parseDecimal(*v.Plain)
		if err != nil {
			return 0, fmt.Errorf("the %s is not a whole number (decimal digits, at most 20)", name)
		}
		return n, nil
	}
	return 0, fmt.Errorf("the %s has neither a PlainValue nor an EncryptedValue", name)
}

func decodeInteger(b []byte, name string) (uint64, error) {
	if len(b) > 0 && strings.Trim(string(b), "0123456789") == "" {
		if n, err := strconv.ParseUint(string(b), 10, 64); err == nil {
			return n, nil
		}
	}
	if len(b) == 0 || len(b) > 8 {
		return 0, fmt.Errorf("the decrypted %s is %d bytes, which is neither decimal text nor a 64-bit big-endian integer", name, len(b))
	}
	var n uint64
	for _, c := range b {
		n = n<<8 | uint64(c)
	}
	return n, nil
}

// parseDecimal parses unsigned decimal text surrounded by XML whitespace. Its error never
// repeats the text.
func parseDecimal(s string) (uint64, error) {
	n, err := strconv.ParseUint(strings.TrimSpace(s), 10, 64)
	if err != nil {
		return 0, errors.New("not a whole number")
	}
	return n, nil
}
