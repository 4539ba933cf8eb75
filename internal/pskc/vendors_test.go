package pskc_test

import (
	"strings"
	"testing"

	"github.com/oathtokens/terraform-provider-pingone/internal/otp"
	"github.com/oathtokens/terraform-provider-pingone/internal/pskc"
)

// The expected values below are those python-pskc's test suite asserts for the same files
// (testdata/README.md says where each comes from).

func TestFeitianPlainHOTPAndTOTP(t *testing.T) {
	tokens := decodeFile(t, "vendors/feitian-20120919.xml", pskc.Key{})
	if len(tokens) != 2 {
		t.Fatalf("got %d tokens, want 2", len(tokens))
	}
	wantToken(t, tokens[0], pskc.Token{Serial: "2600215704919", Type: otp.TypeTOTP, OTPLength: 6, HashAlgorithm: otp.HmacSHA1, TimeStep: 60},
		"cd22b780fffd2d53696807ecd37f404dae393270")
	wantToken(t, tokens[1], pskc.Token{Serial: "1000117803294", Type: otp.TypeHOTP, OTPLength: 6, HashAlgorithm: otp.HmacSHA1},
		"4dfa5f4fef099fdb3a158348c928bebb35e4222d")

	all := decodeFile(t, "vendors/feitian-file1.xml", pskc.Key{})
	var serials []string
	for _, tok := range all {
		serials = append(serials, tok.Serial+" "+tok.Type)
	}
	want := "1000133508267 HOTP,1000133508255 HOTP,2600124809778 TOTP,2600124809787 TOTP,2600135004012 TOTP,2600135004013 TOTP"
	if got := strings.Join(serials, ","); got != want {
		t.Fatalf("got %s, want %s", got, want)
	}
}

func TestMultiOTPSuitesAndEncryptedTimeValues(t *testing.T) {
	// TOTP keys under a pre-shared key, with the hash in Suite, and Time and TimeInterval
	// encrypted (and MACed) like the secret.
	tokens := decodeFile(t, "vendors/multiotp-totp-aes.xml", pskc.KeyAsDeclared(figure6Key))
	if len(tokens) != 2 {
		t.Fatalf("got %d tokens, want 2", len(tokens))
	}
	wantToken(t, tokens[0], pskc.Token{Serial: "ZZ8000000001", Type: otp.TypeTOTP, OTPLength: 8, HashAlgorithm: otp.HmacSHA256, TimeStep: 30},
		"38c2506a8e0708a5e929c2686b827e0ba7ae28c9de3c83e6d27308345981a3de")
	if tokens[1].HashAlgorithm != otp.HmacSHA512 || len(tokens[1].Secret) != 64 {
		t.Errorf("second token: %s with a %d-byte secret, want HmacSHA512 and 64 bytes", tokens[1].HashAlgorithm, len(tokens[1].Secret))
	}
}

func TestMultiOTPPasswordWithEncryptedCounter(t *testing.T) {
	tokens := decodeFile(t, "vendors/multiotp-hotp-pbe.xml", pskc.KeyAsDeclared(figure7Password))
	if len(tokens) != 1 {
		t.Fatalf("got %d tokens, want 1", len(tokens))
	}
	// The counter is encrypted as 7 big-endian bytes.
	wantToken(t, tokens[0], pskc.Token{Serial: "ZZ7000000000", Type: otp.TypeHOTP, OTPLength: 8, HashAlgorithm: otp.HmacSHA1, Counter: 0x0b47d082ce2381},
		"5d3a38bf5476d6f0b897f1e62887cb3ce833a5b9")
}

// withAlgorithm gives the key of a python-pskc encryption test file, which has no Algorithm
// attribute (the files test decryption only), the HOTP algorithm, so that it decodes as a token.
func withAlgorithm(t *testing.T, name string) []byte {
	t.Helper()
	doc := string(readTestdata(t, name))
	if strings.Count(doc, "<Key>") != 1 {
		t.Fatalf("%s: expected one <Key> element to patch", name)
	}
	return []byte(strings.Replace(doc, "<Key>", `<Key Id="K1" Algorithm="urn:ietf:params:xml:ns:keyprov:pskc:hotp">`, 1))
}

func TestAES256WithHMACSHA384(t *testing.T) {
	key := pskc.KeyAsDeclared("1234567890123456789012345678901234567890123456789012345678901234")
	tokens, err := pskc.Decode(withAlgorithm(t, "vendors/aes256-cbc.xml"), key)
	if err != nil {
		t.Fatal(err)
	}
	wantToken(t, tokens[0], pskc.Token{Serial: "K1", Type: otp.TypeHOTP, OTPLength: 6, HashAlgorithm: otp.HmacSHA1}, rfcSecret)
}

func TestOlderDraftMACForms(t *testing.T) {
	// Before RFC 6030, the MAC went over the plaintext, and the MAC key could be the
	// encryption key itself (no MACKey). Both still check the value.
	for _, name := range []string{"vendors/mac-over-plaintext.xml", "vendors/no-mac-key.xml"} {
		tokens, err := pskc.Decode(withAlgorithm(t, name), pskc.KeyAsDeclared(figure6Key))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		wantToken(t, tokens[0], pskc.Token{Serial: "K1", Type: otp.TypeHOTP, OTPLength: 6, HashAlgorithm: otp.HmacSHA1}, rfcSecret)
	}
}

func TestEncryptedWithoutMACMethodIsRefused(t *testing.T) {
	// AES-CBC has no integrity of its own: without a MAC, a wrong key would decrypt to garbage
	// that looks like a secret, so RFC 6030 requires one and Decode refuses the value.
	_, err := pskc.Decode(readTestdata(t, "vendors/no-mac-method.xml"), pskc.KeyAsDeclared(figure6Key))
	wantPackageError(t, err, 1, "", "no MACMethod")
}

func TestYubiKeyAESIsNotAnOATHToken(t *testing.T) {
	_, err := pskc.Decode(readTestdata(t, "vendors/yubico-example1.xml"), pskc.Key{})
	wantPackageError(t, err, 1, "283599", "neither HOTP nor TOTP")
}
