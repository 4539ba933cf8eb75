package pskc

import (
	"crypto/pbkdf2"
	"crypto/sha1"
	"errors"
	"fmt"
	"strings"
)

// maxIterations bounds PBKDF2's work: a file is input from outside, and one with a billion
// iterations would hang the plan. Vendors use 1,000 to 100,000.
const maxIterations = 10_000_000

// deriveKey derives the file's key from the password with the PBKDF2 parameters it declares.
func deriveKey(dk *derivedKey, password string) ([]byte, error) {
	if password == "" {
		return nil, keyErrorf("the password is empty")
	}
	if uri := strings.TrimSpace(dk.Method.Algorithm); uri != pbkdf2URI {
		return nil, fmt.Errorf("the key derivation method %q is not PBKDF2 (%s)", uri, pbkdf2URI)
	}
	p := dk.Method.PBKDF2
	if p == nil {
		return nil, errors.New("the PBKDF2 key derivation has no PBKDF2-params")
	}
	salt, err := decodeBase64(p.Salt)
	if err != nil || len(salt) == 0 {
		return nil, errors.New("the PBKDF2 Salt is missing or not base64")
	}
	iterations, err := parseDecimal(p.IterationCount)
	if err != nil || iterations < 1 || iterations > maxIterations {
		return nil, fmt.Errorf("the PBKDF2 IterationCount must be a whole number from 1 to %d", maxIterations)
	}
	keyLength := uint64(16)
	if strings.TrimSpace(p.KeyLength) != "" {
		keyLength, err = parseDecimal(p.KeyLength)
		if err != nil || keyLength != 16 && keyLength != 24 && keyLength != 32 {
			return nil, errors.New("the PBKDF2 KeyLength must be 16, 24 or 32 (bytes of an AES key)")
		}
	}
	prf := sha1.New
	if p.PRF != nil && strings.TrimSpace(p.PRF.Algorithm) != "" {
		if prf, err = macAlgorithm(p.PRF.Algorithm); err != nil {
			return nil, fmt.Errorf("PBKDF2 PRF: %w", err)
		}
	}
	key, err := pbkdf2.Key(prf, password, salt, int(iterations), int(keyLength))
	if err != nil {
		return nil, errors.New("PBKDF2 refused the parameters the file declares")
	}
	return key, nil
}
