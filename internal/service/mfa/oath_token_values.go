package mfa

import (
	"regexp"
	"strconv"
)

// The rules PingOne documents for OATH tokens, in one place, so that the resource, the data
// sources and their descriptions can never disagree.
const (
	tokenTypeHOTP = "HOTP"
	tokenTypeTOTP = "TOTP"

	hashSHA1   = "HmacSHA1"
	hashSHA256 = "HmacSHA256"
	hashSHA512 = "HmacSHA512"

	maxSerialLength = 50
	maxSecretLength = 200
)

var (
	tokenTypes     = []string{tokenTypeHOTP, tokenTypeTOTP}
	hashAlgorithms = []string{hashSHA1, hashSHA256, hashSHA512}
	otpLengths     = []int64{6, 8}
	timeSteps      = []int64{30, 60}

	serialPattern = regexp.MustCompile(`^[A-Za-z0-9]{1,50}$`)
	serialRule    = "must be 1 to " + strconv.Itoa(maxSerialLength) + " letters and digits (A-Z, a-z, 0-9)"
)

func int64sText(values []int64) string {
	text := ""
	for i, v := range values {
		if i > 0 {
			text += " or "
		}
		text += strconv.FormatInt(v, 10)
	}
	return text
}
