package pskc_test

import (
	"encoding/base32"
	"encoding/base64"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/oathtokens/terraform-provider-pingone/internal/pskc"
	"github.com/oathtokens/terraform-provider-pingone/internal/pskc/pskctest"
)

// The secret, pre-shared key and password of this test are distinctive, so that any of them
// appearing in an error, in any encoding, is certain to be a leak.
var (
	leakSecret    = []byte("Zebra-Quokka-7749-SECRET!")
	leakKey       = []byte("Kea-Kakapo-4321!") // 16 bytes: an AES-128 key.
	leakPassword  = "Wombat-Platypus-passphrase-8812"
	leakEncrypted = pskctest.Encryption{Key: leakKey, MACKey: []byte("Narwhal-MAC-key-9934")}
	leakDerived   = pskctest.Encryption{Password: leakPassword, Salt: []byte("salt"), Iterations: 10, MACKey: []byte("Narwhal-MAC-key-9934")}
)

// forbidden lists every form in which a secret of this test could leak into a message.
func forbidden() []string {
	var out []string
	for _, b := range [][]byte{leakSecret, leakKey, []byte(leakPassword), leakEncrypted.MACKey} {
		h := hex.EncodeToString(b)
		out = append(out, string(b), h, strings.ToUpper(h), base64.StdEncoding.EncodeToString(b),
			base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b))
		// Any eight characters of the text or its hex form would be a partial leak.
		for _, s := range []string{string(b), h} {
			for i := 0; i+8 <= len(s); i++ {
				out = append(out, s[i:i+8])
			}
		}
	}
	return out
}

// TestErrorsNeverContainASecret provokes every kind of error around a secret: the value itself
// malformed where it stands, the key or password wrong, missing or of the wrong kind. Errors do
// quote identifiers and algorithm URIs, which are not secrets.
func TestErrorsNeverContainASecret(t *testing.T) {
	token := pskctest.Token{Serial: "LEAK1", Secret: leakSecret, Counter: 3}
	plain := string(pskctest.Write([]pskctest.Token{token}, nil))
	encrypted := string(pskctest.Write([]pskctest.Token{token}, &leakEncrypted))
	derived := string(pskctest.Write([]pskctest.Token{token}, &leakDerived))
	plainB64 := base64.StdEncoding.EncodeToString(leakSecret)
	keyHex := hex.EncodeToString(leakKey)
	wrongKey := hex.EncodeToString([]byte("Kea-Kakapo-4321?"))

	cases := []struct {
		name string
		doc  string
		key  pskc.Key
	}{
		{"duplicate serial", strings.Replace(plain, "</pskc:KeyContainer>", pskctestPackage(t, token)+"</pskc:KeyContainer>", 1), pskc.Key{}},
		{"bad counter", strings.Replace(plain, "<pskc:PlainValue>3<", "<pskc:PlainValue>"+string(leakSecret)+"<", 1), pskc.Key{}},
		{"secret not base64", strings.Replace(plain, plainB64, string(leakSecret), 1), pskc.Key{}},
		{"secret as an entity", strings.Replace(plain, plainB64, "&"+string(leakSecret)+";", 1), pskc.Key{}},
		{"secret as an illegal character", strings.Replace(plain, plainB64, "\x01"+string(leakSecret), 1), pskc.Key{}},
		{"truncated in the secret", plain[:strings.Index(plain, plainB64)+10], pskc.Key{}},
		{"no key", encrypted, pskc.Key{}},
		{"wrong key", encrypted, pskc.KeyAsDeclared(wrongKey)},
		{"key not hex", encrypted, pskc.KeyAsDeclared(leakPassword)},
		{"password for a pre-shared key", encrypted, pskc.Password(leakPassword)},
		{"tampered", strings.Replace(encrypted, "<pskc:ValueMAC>", "<pskc:ValueMAC>AAAA", 1), pskc.KeyAsDeclared(keyHex)},
		{"wrong password", derived, pskc.Password(leakPassword + "x")},
		{"key for a password", derived, pskc.KeyAsDeclared(keyHex)},
		{"pre-shared key for a password", derived, pskc.PresharedKey(leakKey)},
		{"short key", encrypted, pskc.KeyAsDeclared(keyHex[:30])},
	}
	words := forbidden()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tokens, err := pskc.Decode([]byte(c.doc), c.key)
			if err == nil {
				t.Fatalf("no error (decoded %d tokens): the case does not test what it says", len(tokens))
			}
			for _, w := range words {
				if strings.Contains(err.Error(), w) {
					t.Fatalf("the error %q contains %q", err, w)
				}
			}
		})
	}
	// The right keys do open the files, so the cases above failed for the reasons they name.
	for _, ok := range []struct {
		doc string
		key pskc.Key
	}{{encrypted, pskc.KeyAsDeclared(keyHex)}, {derived, pskc.Password(leakPassword)}} {
		tokens, err := pskc.Decode([]byte(ok.doc), ok.key)
		if err != nil || string(tokens[0].Secret) != string(leakSecret) {
			t.Fatalf("the right key: %v", err)
		}
	}
}

// pskctestPackage returns the KeyPackage element of a one-token document.
func pskctestPackage(t *testing.T, token pskctest.Token) string {
	t.Helper()
	doc := string(pskctest.Write([]pskctest.Token{token}, nil))
	start, end := strings.Index(doc, "  <pskc:KeyPackage>"), strings.Index(doc, "</pskc:KeyContainer>")
	if start < 0 || end < start {
		t.Fatal("no KeyPackage in the generated document")
	}
	return doc[start:end]
}
