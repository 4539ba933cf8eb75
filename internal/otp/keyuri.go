package otp

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// The token types, spelled as PingOne spells them.
const (
	TypeHOTP = "HOTP"
	TypeTOTP = "TOTP"
)

// KeyURI holds what a software token needs to be provisioned by a QR code: the Key URI Format
// that Google Authenticator defined and other authenticator apps follow,
// otpauth://TYPE/ISSUER:ACCOUNT?secret=BASE32&issuer=ISSUER&algorithm=SHA1&digits=6&period=30.
type KeyURI struct {
	Type      string // TypeHOTP or TypeTOTP.
	Issuer    string // Optional: the organization, shown above the account in the app.
	Account   string // The user's account name, usually an e-mail address.
	Secret    []byte
	Digits    int
	Algorithm Algorithm
	Period    int64  // TOTP only: the time step in seconds.
	Counter   uint64 // HOTP only: the next counter value.
}

// keyURIAlgorithms are the algorithm names the Key URI Format uses.
var keyURIAlgorithms = map[Algorithm]string{HmacSHA1: "SHA1", HmacSHA256: "SHA256", HmacSHA512: "SHA512"}

// Encode returns the URI. Every parameter is written, even at its default value, because some
// apps ignore the defaults the format defines. Spaces are escaped as %20 in the label and the
// query alike: several apps show a "+" literally.
func (k KeyURI) Encode() (string, error) {
	if err := k.validate(); err != nil {
		return "", err
	}
	label := escape(k.Account)
	query := "secret=" + EncodeBase32(k.Secret)
	if k.Issuer != "" {
		label = escape(k.Issuer) + ":" + label
		query += "&issuer=" + escape(k.Issuer)
	}
	query += "&algorithm=" + keyURIAlgorithms[k.Algorithm] + "&digits=" + strconv.Itoa(k.Digits)
	if k.Type == TypeTOTP {
		query += "&period=" + strconv.FormatInt(k.Period, 10)
	} else {
		query += "&counter=" + strconv.FormatUint(k.Counter, 10)
	}
	return "otpauth://" + strings.ToLower(k.Type) + "/" + label + "?" + query, nil
}

func (k KeyURI) validate() error {
	switch {
	case k.Type != TypeHOTP && k.Type != TypeTOTP:
		return fmt.Errorf("type %q is neither %s nor %s", k.Type, TypeHOTP, TypeTOTP)
	case k.Account == "":
		return errors.New("the account name is empty")
	// The label separates issuer and account with a colon, so neither may hold one, even escaped:
	// apps split on the decoded text.
	case strings.Contains(k.Account, ":"):
		return errors.New("the account name contains a colon, which the Key URI Format reserves to separate issuer and account")
	case strings.Contains(k.Issuer, ":"):
		return errors.New("the issuer contains a colon, which the Key URI Format reserves to separate issuer and account")
	case len(k.Secret) == 0:
		return errors.New("the secret is empty")
	case k.Digits < MinDigits || k.Digits > MaxDigits:
		return fmt.Errorf("%d digits is outside %d..%d", k.Digits, MinDigits, MaxDigits)
	case keyURIAlgorithms[k.Algorithm] == "":
		return fmt.Errorf("unknown hash algorithm %q", string(k.Algorithm))
	case k.Type == TypeTOTP && k.Period < 1:
		return fmt.Errorf("the time step %d is not a positive number of seconds", k.Period)
	}
	return nil
}

// escape percent-encodes every byte but RFC 3986's unreserved characters and "@", which account
// names are made of, so that the result is safe in the label and in a query value alike; a space
// becomes %20, never "+".
func escape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isUnreserved(c) || c == '@' {
			b.WriteByte(c)
			continue
		}
		fmt.Fprintf(&b, "%%%02X", c)
	}
	return b.String()
}

func isUnreserved(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' ||
		c == '-' || c == '.' || c == '_' || c == '~'
}
