// Package pskctest writes PSKC documents (RFC 6030) for tests: plain, under a pre-shared
// AES-128-CBC key, or under a key derived from a password with PBKDF2, with the HMAC-SHA1 MAC
// and the encrypted MAC key of RFC 6030 section 6.1.1. The tests of internal/pskc and
// internal/functions use it for cases the RFC's figures do not cover and for files of 10,000
// keys. It is test support: nothing else may import it.
package pskctest

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/pbkdf2"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"strings"
)

// Token is one key package to write.
type Token struct {
	Serial   string
	Secret   []byte
	TOTP     bool   // HOTP when false.
	Digits   int    // The ResponseFormat Length; 6 when zero.
	Suite    string // The AlgorithmParameters Suite, such as "HMAC-SHA256"; none when empty.
	Counter  int64  // HOTP only.
	TimeStep int64  // TOTP only; 30 when zero.
}

// Encryption says how Write protects the secrets. A nil *Encryption writes them in plain text.
type Encryption struct {
	// Key is the pre-shared AES-128 key; with Password set, it is ignored and derived instead.
	Key []byte
	// Password, when set, makes the file declare a PBKDF2 derived key (RFC 6030 section 6.2).
	Password   string
	Salt       []byte
	Iterations int
	// PRFSHA256 declares HMAC-SHA256 as the PBKDF2 PRF, instead of the default HMAC-SHA1.
	PRFSHA256 bool
	// MACKey is the HMAC-SHA1 key, written encrypted under the AES key.
	MACKey []byte
}

// Write returns a PSKC document holding tokens.
func Write(tokens []Token, enc *Encryption) []byte {
	var b strings.Builder
	b.Grow(len(tokens) * 900)
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<pskc:KeyContainer Version="1.0" xmlns:pskc="urn:ietf:params:xml:ns:keyprov:pskc"
    xmlns:ds="http://www.w3.org/2000/09/xmldsig#" xmlns:xenc="http://www.w3.org/2001/04/xmlenc#"
    xmlns:xenc11="http://www.w3.org/2009/xmlenc11#"
    xmlns:pkcs5="http://www.rsasecurity.com/rsalabs/pkcs/schemas/pkcs-5v2-0#">
`)
	var block cipher.Block
	if enc != nil {
		key := enc.Key
		if enc.Password != "" {
			key = mustDerive(enc)
			prf := "<PRF/>"
			if enc.PRFSHA256 {
				prf = `<PRF Algorithm="http://www.w3.org/2001/04/xmldsig-more#hmac-sha256"/>`
			}
			fmt.Fprintf(&b, `  <pskc:EncryptionKey><xenc11:DerivedKey>
    <xenc11:KeyDerivationMethod Algorithm="http://www.rsasecurity.com/rsalabs/pkcs/schemas/pkcs-5v2-0#pbkdf2">
      <pkcs5:PBKDF2-params><Salt><Specified>%s</Specified></Salt><IterationCount>%d</IterationCount>
        <KeyLength>16</KeyLength>%s</pkcs5:PBKDF2-params>
    </xenc11:KeyDerivationMethod>
    <xenc11:MasterKeyName>test password</xenc11:MasterKeyName>
  </xenc11:DerivedKey></pskc:EncryptionKey>
`, base64.StdEncoding.EncodeToString(enc.Salt), enc.Iterations, prf)
		} else {
			b.WriteString("  <pskc:EncryptionKey><ds:KeyName>Pre-shared-key</ds:KeyName></pskc:EncryptionKey>\n")
		}
		var err error
		if block, err = aes.NewCipher(key); err != nil {
			panic(fmt.Sprintf("pskctest: %v", err))
		}
		fmt.Fprintf(&b, `  <pskc:MACMethod Algorithm="http://www.w3.org/2000/09/xmldsig#hmac-sha1">
    <pskc:MACKey>%s</pskc:MACKey>
  </pskc:MACMethod>
`, encryptedData(block, enc.MACKey, "mac-key"))
	}
	for _, t := range tokens {
		writePackage(&b, t, block, enc)
	}
	b.WriteString("</pskc:KeyContainer>\n")
	return []byte(b.String())
}

func writePackage(b *strings.Builder, t Token, block cipher.Block, enc *Encryption) {
	digits, algorithm := t.Digits, "hotp"
	if digits == 0 {
		digits = 6
	}
	if t.TOTP {
		algorithm = "totp"
	}
	suite := ""
	if t.Suite != "" {
		suite = "<pskc:Suite>" + t.Suite + "</pskc:Suite>"
	}
	secret := "<pskc:PlainValue>" + base64.StdEncoding.EncodeToString(t.Secret) + "</pskc:PlainValue>"
	if block != nil {
		value, mac := Encrypt(block, enc.MACKey, t.Secret, t.Serial)
		secret = fmt.Sprintf(`<pskc:EncryptedValue>
            <xenc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes128-cbc"/>
            <xenc:CipherData><xenc:CipherValue>%s</xenc:CipherValue></xenc:CipherData>
          </pskc:EncryptedValue>
          <pskc:ValueMAC>%s</pskc:ValueMAC>`, value, mac)
	}
	moving := fmt.Sprintf("<pskc:Counter><pskc:PlainValue>%d</pskc:PlainValue></pskc:Counter>", t.Counter)
	if t.TOTP {
		step := t.TimeStep
		if step == 0 {
			step = 30
		}
		moving = fmt.Sprintf("<pskc:TimeInterval><pskc:PlainValue>%d</pskc:PlainValue></pskc:TimeInterval>", step)
	}
	fmt.Fprintf(b, `  <pskc:KeyPackage>
    <pskc:DeviceInfo><pskc:Manufacturer>Test</pskc:Manufacturer><pskc:SerialNo>%s</pskc:SerialNo></pskc:DeviceInfo>
    <pskc:Key Id="%s" Algorithm="urn:ietf:params:xml:ns:keyprov:pskc:%s">
      <pskc:AlgorithmParameters>%s<pskc:ResponseFormat Length="%d" Encoding="DECIMAL"/></pskc:AlgorithmParameters>
      <pskc:Data>
        <pskc:Secret>
          %s
        </pskc:Secret>
        %s
      </pskc:Data>
    </pskc:Key>
  </pskc:KeyPackage>
`, t.Serial, t.Serial, algorithm, suite, digits, secret, moving)
}

// Encrypt returns the base64 CipherValue (IV then ciphertext, ISO 10126 padding) and the base64
// HMAC-SHA1 ValueMAC over it. The IV comes from label, so that documents are reproducible.
func Encrypt(block cipher.Block, macKey, plain []byte, label string) (value, mac string) {
	ct := encrypt(block, plain, label)
	m := hmac.New(sha1.New, macKey)
	m.Write(ct)
	return base64.StdEncoding.EncodeToString(ct), base64.StdEncoding.EncodeToString(m.Sum(nil))
}

func encrypt(block cipher.Block, plain []byte, label string) []byte {
	iv := sha256.Sum256([]byte(label))
	pad := aes.BlockSize - len(plain)%aes.BlockSize
	padded := append(append([]byte{}, plain...), make([]byte, pad)...)
	padded[len(padded)-1] = byte(pad)
	out := make([]byte, aes.BlockSize+len(padded))
	copy(out, iv[:aes.BlockSize])
	cipher.NewCBCEncrypter(block, out[:aes.BlockSize]).CryptBlocks(out[aes.BlockSize:], padded)
	return out
}

func encryptedData(block cipher.Block, plain []byte, label string) string {
	return fmt.Sprintf(`<xenc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes128-cbc"/>
      <xenc:CipherData><xenc:CipherValue>%s</xenc:CipherValue></xenc:CipherData>`,
		base64.StdEncoding.EncodeToString(encrypt(block, plain, label)))
}

func mustDerive(enc *Encryption) []byte {
	prf := sha1.New
	if enc.PRFSHA256 {
		prf = sha256.New
	}
	key, err := pbkdf2.Key(prf, enc.Password, enc.Salt, enc.Iterations, 16)
	if err != nil {
		panic(fmt.Sprintf("pskctest: %v", err))
	}
	return key
}

// Tokens returns n tokens with distinct serial numbers and secrets, alternating HOTP and TOTP,
// for tests of large files.
func Tokens(n int) []Token {
	tokens := make([]Token, n)
	for i := range tokens {
		secret := sha1.Sum([]byte(fmt.Sprintf("seed %d", i)))
		tokens[i] = Token{Serial: fmt.Sprintf("TOK%07d", i), Secret: secret[:], TOTP: i%2 == 1, Counter: int64(i)}
	}
	return tokens
}
