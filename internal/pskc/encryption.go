package pskc

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"encoding/base64"
	"errors"
	"fmt"
	"hash"
	"strings"

	"github.com/oathtokens/terraform-provider-pingone/internal/otp"
)

// protection is how a container declares its secrets are protected.
type protection int

const (
	declaresNothing protection = iota
	declaresPresharedKey
	declaresPassword
	declaresPublicKey
)

func declaredProtection(ek *encryptionKey) protection {
	switch {
	case ek == nil:
		return declaresNothing
	case ek.DerivedKey != nil:
		return declaresPassword
	case ek.X509Data != nil:
		return declaresPublicKey
	}
	return declaresPresharedKey
}

// opener decrypts a container's encrypted values and checks their MACs. It prepares the key on
// the first encrypted value, once per document, so that PBKDF2 and the MAC key's decryption run
// once rather than once per key package, and so that a file in plain text never needs its key.
type opener struct {
	container *container
	key       Key
	prepared  bool
	err       error // Why the key cannot open the file, once prepared.

	block   cipher.Block
	keySize int
	newMAC  func() hash.Hash // Nil when the container declares no MACMethod.
	macKey  []byte
}

func newOpener(c *container, k Key) *opener {
	return &opener{container: c, key: k}
}

// prepare turns the caller's key into the AES key and MAC key of the container, once.
func (o *opener) prepare() error {
	if !o.prepared {
		o.prepared = true
		o.err = o.resolve()
	}
	return o.err
}

func (o *opener) resolve() error {
	c, k := o.container, o.key
	declared := declaredProtection(c.EncryptionKey)
	if declared == declaresPublicKey {
		return keyErrorf("the file is encrypted with a public key (ds:X509Data); only pre-shared keys and passwords are supported")
	}
	if k.kind == declaredKey {
		if declared == declaresPassword {
			k = Password(k.text)
		} else {
			b, err := otp.ParseHex(k.text)
			if err != nil {
				return keyErrorf("the file declares a pre-shared key, and the key given is not hexadecimal: %v", err)
			}
			k = PresharedKey(b)
		}
	}
	var key []byte
	switch {
	case k.kind == passwordKey && declared != declaresPassword:
		return keyErrorf("a password was given, but the file declares no PBKDF2 derived key: its secrets are under a pre-shared key%s, to be given in hexadecimal", keyNameText(c.EncryptionKey))
	case k.kind == presharedKey && declared == declaresPassword:
		return keyErrorf("a pre-shared key was given, but the file's key is derived from a password with PBKDF2%s: give the password", masterKeyText(c.EncryptionKey))
	case k.kind == passwordKey:
		derived, err := deriveKey(c.EncryptionKey.DerivedKey, k.text)
		if err != nil {
			return err
		}
		key = derived
	default:
		key = k.preshared
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return keyErrorf("the key is %d bytes, and AES keys are 16, 24 or 32 bytes (32, 48 or 64 hexadecimal digits)", len(key))
	}
	o.block, o.keySize = block, len(key)
	if c.MACMethod != nil {
		return o.setMAC(c.MACMethod, key)
	}
	return nil
}

// setMAC prepares the MAC check. RFC 6030 sends the MAC key encrypted under the file's key;
// the drafts before it used the encryption key itself, which is what an absent MACKey means.
func (o *opener) setMAC(m *macMethod, key []byte) error {
	newMAC, err := macAlgorithm(m.Algorithm)
	if err != nil {
		return err
	}
	o.newMAC = newMAC
	if m.MACKey == nil {
		o.macKey = key
		return nil
	}
	if err := o.checkMethod(m.MACKey); err != nil {
		return fmt.Errorf("MACKey: %w", err)
	}
	value, err := decodeBase64(m.MACKey.CipherValue)
	if err != nil {
		return fmt.Errorf("the MACKey's CipherValue is not base64")
	}
	macKey, err := decryptCBC(o.block, value)
	if err != nil || len(macKey) == 0 {
		return keyErrorf("the MAC key does not decrypt with the key given: the key is wrong, or the file was altered")
	}
	o.macKey = macKey
	return nil
}

// checkMethod checks that an encrypted value uses an algorithm this decoder has, with a key of
// the size the algorithm takes.
func (o *opener) checkMethod(d *encryptedData) error {
	if d.Method == nil {
		return errors.New("the encrypted value has no EncryptionMethod")
	}
	uri := strings.TrimSpace(d.Method.Algorithm)
	size, ok := cipherKeySizes[uri]
	if !ok {
		return fmt.Errorf("the encryption algorithm %q is not supported (AES-128-CBC, AES-192-CBC or AES-256-CBC of XML Encryption)", uri)
	}
	if size != o.keySize {
		return keyErrorf("the value is encrypted with %s, which takes a %d-byte key, and the key is %d bytes", uri, size, o.keySize)
	}
	return nil
}

// open decrypts an encrypted value and checks its MAC. The MAC is checked over the IV and
// ciphertext as RFC 6030 section 6.1.1 says, and, failing that, over the plaintext as the
// drafts before it did; a value that matches neither is refused.
func (o *opener) open(d *encryptedData, valueMAC string) ([]byte, error) {
	if o.key.IsZero() {
		return nil, keyErrorf("the value is encrypted, and no key was given to decrypt it")
	}
	if err := o.prepare(); err != nil {
		return nil, err
	}
	if err := o.checkMethod(d); err != nil {
		return nil, err
	}
	if o.newMAC == nil {
		return nil, errors.New("the value is encrypted, and the file has no MACMethod to check it with (RFC 6030 requires a MAC with AES-CBC)")
	}
	value, err := decodeBase64(d.CipherValue)
	if err != nil {
		return nil, errors.New("the encrypted value's CipherValue is not base64")
	}
	if strings.TrimSpace(valueMAC) == "" {
		return nil, errors.New("the encrypted value has no ValueMAC to check it with")
	}
	want, err := decodeBase64(valueMAC)
	if err != nil {
		return nil, errors.New("the ValueMAC is not base64")
	}
	if o.macMatches(value, want) {
		plain, err := decryptCBC(o.block, value)
		if err != nil {
			return nil, fmt.Errorf("the MAC matches, but %w", err)
		}
		return plain, nil
	}
	if plain, err := decryptCBC(o.block, value); err == nil && o.macMatches(plain, want) {
		return plain, nil
	}
	return nil, keyErrorf("the MAC check failed: the key is wrong, or the file was altered")
}

func (o *opener) macMatches(data, want []byte) bool {
	m := hmac.New(o.newMAC, o.macKey)
	m.Write(data)
	return hmac.Equal(m.Sum(nil), want)
}

func keyNameText(ek *encryptionKey) string {
	if ek == nil || strings.TrimSpace(ek.KeyName) == "" {
		return ""
	}
	return fmt.Sprintf(" named %q", strings.TrimSpace(ek.KeyName))
}

func masterKeyText(ek *encryptionKey) string {
	if name := strings.TrimSpace(ek.DerivedKey.MasterKeyName); name != "" {
		return fmt.Sprintf(" (master key name %q)", name)
	}
	return ""
}

// decodeBase64 decodes an XML base64 value, which may be wrapped over lines and indented.
func decodeBase64(s string) ([]byte, error) {
	return base64.StdEncoding.DecodeString(strings.Join(strings.Fields(s), ""))
}
