package pskc

// Key is what the caller knows to open a container's encrypted values. The zero value is no key:
// enough for a file whose secrets are in plain text.
type Key struct {
	kind      keyKind
	preshared []byte
	text      string
}

type keyKind int

const (
	noKey keyKind = iota
	presharedKey
	passwordKey
	declaredKey
)

// PresharedKey is the AES key a vendor shared for the file (RFC 6030 section 6.1).
func PresharedKey(k []byte) Key {
	return Key{kind: presharedKey, preshared: k}
}

// Password is the pass phrase the file's key is derived from with PBKDF2 (RFC 6030 section 6.2).
func Password(p string) Key {
	return Key{kind: passwordKey, text: p}
}

// KeyAsDeclared is either, as the container's EncryptionKey declares: the password when it
// declares a PBKDF2 derived key, and otherwise a pre-shared key written in hexadecimal.
func KeyAsDeclared(s string) Key {
	return Key{kind: declaredKey, text: s}
}

// IsZero reports whether k is no key at all.
func (k Key) IsZero() bool {
	return k.kind == noKey
}
