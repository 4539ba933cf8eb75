package pskc

import (
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"fmt"
	"hash"
	"strings"
	"unicode"

	"github.com/oathtokens/terraform-provider-pingone/internal/otp"
)

// keyAlgorithms maps the Key Algorithm URIs to token types. RFC 6030 registers the hotp and pin
// URNs; the TOTP spellings come from the PSKC algorithm profiles draft and from what vendors
// write (Feitian and multiOTP use the colon form).
var keyAlgorithms = map[string]string{
	"urn:ietf:params:xml:ns:keyprov:pskc:hotp": otp.TypeHOTP,
	"urn:ietf:params:xml:ns:keyprov:pskc#hotp": otp.TypeHOTP,
	"http://www.ietf.org/keyprov/pskc#hotp":    otp.TypeHOTP,
	"urn:ietf:params:xml:ns:keyprov:pskc:totp": otp.TypeTOTP,
	"urn:ietf:params:xml:ns:keyprov:pskc#totp": otp.TypeTOTP,
	"http://www.ietf.org/keyprov/pskc#totp":    otp.TypeTOTP,
	"urn:ietf:params:xml:ns:keyprov:pskc:pin":  typePIN,
	"urn:ietf:params:xml:ns:keyprov:pskc#pin":  typePIN,
	"http://www.ietf.org/keyprov/pskc#pin":     typePIN,
}

// typePIN is the PIN that RFC 6030 figure 5 delivers beside a token's key: not a token, so
// Decode skips it.
const typePIN = "PIN"

// tokenType returns the token type of a Key Algorithm URI; case does not matter, since
// vendors have been seen to capitalize.
func tokenType(uri string) (string, error) {
	if uri == "" {
		return "", fmt.Errorf("the key has no Algorithm attribute, so it is neither HOTP nor TOTP")
	}
	if t, ok := keyAlgorithms[strings.ToLower(strings.TrimSpace(uri))]; ok {
		return t, nil
	}
	return "", fmt.Errorf("the key algorithm %q is neither HOTP nor TOTP (urn:ietf:params:xml:ns:keyprov:pskc:hotp or :totp)", uri)
}

// suiteAlgorithm maps the AlgorithmParameters Suite of the algorithm profiles draft
// ("HMAC-SHA256") to PingOne's name; an absent Suite is HMAC-SHA1, the RFC 4226 default.
func suiteAlgorithm(suite string) (otp.Algorithm, error) {
	switch strings.TrimPrefix(suiteName(suite), "HMAC") {
	case "", "SHA1":
		return otp.HmacSHA1, nil
	case "SHA256":
		return otp.HmacSHA256, nil
	case "SHA512":
		return otp.HmacSHA512, nil
	}
	return "", fmt.Errorf("the algorithm suite %q is not HMAC-SHA1, HMAC-SHA256 or HMAC-SHA512", suite)
}

// suiteName is a Suite upper-cased, without the separators vendors write differently
// ("HMAC-SHA256", "hmac_sha256", "HMAC SHA256").
func suiteName(suite string) string {
	var b strings.Builder
	for _, r := range suite {
		switch r {
		case '-', '_', ' ', '\t', '\n', '\r':
			continue
		}
		b.WriteRune(unicode.ToUpper(r))
	}
	return b.String()
}

// macAlgorithms are the HMAC URIs of XML Signature and RFC 4051, for MACMethod and the PBKDF2
// PRF. Both namespaces appear for SHA-1 in vendor files.
var macAlgorithms = map[string]func() hash.Hash{
	"http://www.w3.org/2000/09/xmldsig#hmac-sha1":        sha1.New,
	"http://www.w3.org/2001/04/xmldsig-more#hmac-sha1":   sha1.New,
	"http://www.w3.org/2001/04/xmldsig-more#hmac-sha224": sha256.New224,
	"http://www.w3.org/2001/04/xmldsig-more#hmac-sha256": sha256.New,
	"http://www.w3.org/2001/04/xmldsig-more#hmac-sha384": sha512.New384,
	"http://www.w3.org/2001/04/xmldsig-more#hmac-sha512": sha512.New,
}

func macAlgorithm(uri string) (func() hash.Hash, error) {
	if h, ok := macAlgorithms[strings.TrimSpace(uri)]; ok {
		return h, nil
	}
	return nil, fmt.Errorf("the MAC algorithm %q is not an HMAC this decoder knows (HMAC-SHA1, -SHA224, -SHA256, -SHA384 or -SHA512)", uri)
}

// cipherKeySizes are the XML Encryption AES-CBC URIs and their key sizes in bytes.
var cipherKeySizes = map[string]int{
	"http://www.w3.org/2001/04/xmlenc#aes128-cbc": 16,
	"http://www.w3.org/2001/04/xmlenc#aes192-cbc": 24,
	"http://www.w3.org/2001/04/xmlenc#aes256-cbc": 32,
}

// pbkdf2URI is the PKCS #5 v2.0 PBKDF2 algorithm that RFC 6030 section 6.2 uses.
const pbkdf2URI = "http://www.rsasecurity.com/rsalabs/pkcs/schemas/pkcs-5v2-0#pbkdf2"
