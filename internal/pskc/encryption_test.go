package pskc_test

import (
	"encoding/hex"
	"errors"
	"strings"
	"testing"

	"github.com/oathtokens/terraform-provider-pingone/internal/pskc"
	"github.com/oathtokens/terraform-provider-pingone/internal/pskc/pskctest"
)

// wantKeyError checks that err is in the ErrKey class and says text.
func wantKeyError(t *testing.T, err error, text string) {
	t.Helper()
	if !errors.Is(err, pskc.ErrKey) || !strings.Contains(err.Error(), text) {
		t.Fatalf("got %v, want a key error containing %q", err, text)
	}
}

func TestWrongKeyFailsTheMACCheck(t *testing.T) {
	// A wrong key fails either when the MAC key is decrypted (bad padding) or when the secret's
	// MAC is checked; both say the key is wrong, and neither returns a secret.
	for _, key := range []string{"00112233445566778899aabbccddeeff", "12345678901234567890123456789013", "ffffffffffffffffffffffffffffffff"} {
		tokens, err := pskc.Decode(readTestdata(t, "rfc6030/figure6.xml"), pskc.KeyAsDeclared(key))
		if tokens != nil {
			t.Errorf("%s: returned tokens with an error", key)
		}
		wantKeyError(t, err, "the key is wrong, or the file was altered")
	}
	_, err := pskc.Decode(readTestdata(t, "rfc6030/figure7.xml"), pskc.Password("qwertz"))
	wantKeyError(t, err, "the key is wrong, or the file was altered")
}

func TestTamperedFileFailsTheMACCheck(t *testing.T) {
	doc := string(readTestdata(t, "rfc6030/figure6.xml"))
	const cipherValue = "AAECAwQFBgcICQoLDA0OD+cIHItlB3Wra1DUpxVvOx2lef1VmNPCMl8jwZqIUqGv"
	const valueMAC = "Su+NvtQfmvfJzF6bmQiJqoLRExc="
	cases := map[string]string{
		"ciphertext": strings.Replace(doc, cipherValue, strings.Replace(cipherValue, "B3Wra", "B3Wrb", 1), 1),
		"IV":         strings.Replace(doc, cipherValue, strings.Replace(cipherValue, "AAECAwQF", "AAECAwQG", 1), 1),
		"ValueMAC":   strings.Replace(doc, valueMAC, "Tu+NvtQfmvfJzF6bmQiJqoLRExc=", 1),
		// A block dropped keeps the value well-formed; only the MAC notices.
		"truncated": strings.Replace(doc, cipherValue, cipherValue[:len(cipherValue)-24], 1),
	}
	for name, tampered := range cases {
		if tampered == doc {
			t.Fatalf("%s: the tampering did not change the document", name)
		}
		_, err := pskc.Decode([]byte(tampered), pskc.KeyAsDeclared(figure6Key))
		wantPackageError(t, err, 1, "987654321", "MAC check failed")
		wantKeyError(t, err, "the file was altered")
	}
}

func TestKeyOfTheWrongKind(t *testing.T) {
	_, err := pskc.Decode(readTestdata(t, "rfc6030/figure6.xml"), pskc.Password(figure7Password))
	wantKeyError(t, err, `a password was given, but the file declares no PBKDF2 derived key: its secrets are under a pre-shared key named "Pre-shared-key"`)

	_, err = pskc.Decode(readTestdata(t, "rfc6030/figure7.xml"), pskc.PresharedKey(make([]byte, 16)))
	wantKeyError(t, err, `the file's key is derived from a password with PBKDF2 (master key name "My Password 1"): give the password`)

	_, err = pskc.Decode(readTestdata(t, "rfc6030/figure6.xml"), pskc.KeyAsDeclared("qwerty"))
	wantKeyError(t, err, "the key given is not hexadecimal: character 1 is not a hexadecimal digit")

	_, err = pskc.Decode(readTestdata(t, "rfc6030/figure6.xml"), pskc.KeyAsDeclared("0011223344"))
	wantKeyError(t, err, "the key is 5 bytes, and AES keys are 16, 24 or 32 bytes")

	// An AES-256 key for a file encrypted with AES-128.
	_, err = pskc.Decode(readTestdata(t, "rfc6030/figure6.xml"), pskc.KeyAsDeclared(figure6Key+figure6Key))
	wantKeyError(t, err, "aes128-cbc, which takes a 16-byte key, and the key is 32 bytes")

	_, err = pskc.Decode(readTestdata(t, "rfc6030/figure7.xml"), pskc.Password(""))
	wantKeyError(t, err, "the password is empty")
}

func TestEncryptedSecretWithoutAKey(t *testing.T) {
	for _, name := range []string{"rfc6030/figure6.xml", "rfc6030/figure7.xml"} {
		_, err := pskc.Decode(readTestdata(t, name), pskc.Key{})
		wantPackageError(t, err, 1, "987654321", "the value is encrypted, and no key was given to decrypt it")
		wantKeyError(t, err, "no key was given")
	}
}

func TestPlainFileIgnoresTheKey(t *testing.T) {
	// A key is needed only for encrypted values, so passing one (even one that would not parse)
	// for a plain file is harmless: one configuration can read plain and encrypted files.
	for _, key := range []pskc.Key{pskc.KeyAsDeclared("not hex at all"), pskc.Password("x"), pskc.PresharedKey([]byte{1})} {
		tokens := decodeFile(t, "rfc6030/figure3.xml", key)
		if len(tokens) != 1 || hex.EncodeToString(tokens[0].Secret) != rfcSecret {
			t.Fatalf("got %+v", tokens)
		}
	}
}

func TestGeneratedEncryptedFiles(t *testing.T) {
	tokens := pskctest.Tokens(5)
	for name, c := range map[string]struct {
		enc *pskctest.Encryption
		key pskc.Key
	}{
		"pre-shared key": {&presharedEncryption, pskc.KeyAsDeclared(hex.EncodeToString(presharedEncryption.Key))},
		"password":       {&passwordEncryption, pskc.KeyAsDeclared(passwordEncryption.Password)},
	} {
		got, err := pskc.Decode(pskctest.Write(tokens, c.enc), c.key)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(got) != len(tokens) {
			t.Fatalf("%s: got %d tokens, want %d", name, len(got), len(tokens))
		}
		for i := range tokens {
			if got[i].Serial != tokens[i].Serial || string(got[i].Secret) != string(tokens[i].Secret) {
				t.Errorf("%s: token %d is %s %x, want %s %x", name, i, got[i].Serial, got[i].Secret, tokens[i].Serial, tokens[i].Secret)
			}
		}
	}
}

func TestPBKDF2IterationsAreBounded(t *testing.T) {
	// A file is input from outside: an absurd iteration count must fail, not hang the plan.
	enc := passwordEncryption
	doc := string(pskctest.Write(pskctest.Tokens(1), &enc))
	huge := strings.Replace(doc, "<IterationCount>1000<", "<IterationCount>2000000000<", 1)
	if huge == doc {
		t.Fatal("the iteration count was not replaced")
	}
	_, err := pskc.Decode([]byte(huge), pskc.Password(enc.Password))
	wantPackageError(t, err, 1, "TOK0000000", "IterationCount must be a whole number from 1 to 10000000")
}
