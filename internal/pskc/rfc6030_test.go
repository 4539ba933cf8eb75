package pskc_test

import (
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/oathtokens/terraform-provider-pingone/internal/otp"
	"github.com/oathtokens/terraform-provider-pingone/internal/pskc"
)

// rfcSecret is what the RFC 6030 figures' secrets decode to: ASCII "12345678901234567890", the
// RFC 4226 test secret.
const rfcSecret = "3132333435363738393031323334353637383930"

// The keys RFC 6030 gives for its encrypted figures.
const (
	figure6Key      = "12345678901234567890123456789012"
	figure7Password = "qwerty"
)

func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	doc, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func decodeFile(t *testing.T, name string, key pskc.Key) []pskc.Token {
	t.Helper()
	tokens, err := pskc.Decode(readTestdata(t, name), key)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return tokens
}

// wantToken compares a token with what the test expects, the secret in hex.
func wantToken(t *testing.T, got pskc.Token, want pskc.Token, secretHex string) {
	t.Helper()
	if hex.EncodeToString(got.Secret) != secretHex {
		t.Errorf("%s: secret %x, want %s", want.Serial, got.Secret, secretHex)
	}
	got.Secret, want.Secret = nil, nil
	if got.Serial != want.Serial || got.Type != want.Type || got.OTPLength != want.OTPLength ||
		got.HashAlgorithm != want.HashAlgorithm || got.Counter != want.Counter || got.TimeStep != want.TimeStep {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}

func TestRFC6030Figure2BasicContainer(t *testing.T) {
	// No DeviceInfo, so the token is named by its Key Id; no ResponseFormat, so six digits.
	tokens := decodeFile(t, "rfc6030/figure2.xml", pskc.Key{})
	if len(tokens) != 1 {
		t.Fatalf("got %d tokens, want 1", len(tokens))
	}
	wantToken(t, tokens[0], pskc.Token{Serial: "12345678", Type: otp.TypeHOTP, OTPLength: 6, HashAlgorithm: otp.HmacSHA1}, hex.EncodeToString([]byte("1234")))
}

func TestRFC6030Figure3SupplementaryData(t *testing.T) {
	tokens := decodeFile(t, "rfc6030/figure3.xml", pskc.Key{})
	if len(tokens) != 1 {
		t.Fatalf("got %d tokens, want 1", len(tokens))
	}
	wantToken(t, tokens[0], pskc.Token{Serial: "987654321", Type: otp.TypeHOTP, OTPLength: 8, HashAlgorithm: otp.HmacSHA1}, rfcSecret)
}

func TestRFC6030Figure4DerivedKeyHasNoSecret(t *testing.T) {
	_, err := pskc.Decode(readTestdata(t, "rfc6030/figure4.xml"), pskc.Key{})
	wantPackageError(t, err, 1, "987654321", "holds no Secret")
}

func TestRFC6030Figure5SkipsThePIN(t *testing.T) {
	// The second key package is the PIN of the first token, with the same serial number: not a
	// token, so it neither appears nor counts as a duplicate.
	tokens := decodeFile(t, "rfc6030/figure5.xml", pskc.Key{})
	if len(tokens) != 1 {
		t.Fatalf("got %d tokens, want 1: %+v", len(tokens), tokens)
	}
	wantToken(t, tokens[0], pskc.Token{Serial: "987654321", Type: otp.TypeHOTP, OTPLength: 8, HashAlgorithm: otp.HmacSHA1}, rfcSecret)
}

func TestRFC6030Figure6PresharedKey(t *testing.T) {
	// The key in hexadecimal, as the caller gives it, and as raw bytes.
	raw, err := hex.DecodeString(figure6Key)
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []pskc.Key{pskc.KeyAsDeclared(figure6Key), pskc.PresharedKey(raw), pskc.KeyAsDeclared("1234 5678 9012 3456 7890 1234 5678 9012")} {
		tokens := decodeFile(t, "rfc6030/figure6.xml", key)
		if len(tokens) != 1 {
			t.Fatalf("got %d tokens, want 1", len(tokens))
		}
		wantToken(t, tokens[0], pskc.Token{Serial: "987654321", Type: otp.TypeHOTP, OTPLength: 8, HashAlgorithm: otp.HmacSHA1}, rfcSecret)
	}
}

func TestRFC6030Figure7Password(t *testing.T) {
	for _, key := range []pskc.Key{pskc.KeyAsDeclared(figure7Password), pskc.Password(figure7Password)} {
		tokens := decodeFile(t, "rfc6030/figure7.xml", key)
		if len(tokens) != 1 {
			t.Fatalf("got %d tokens, want 1", len(tokens))
		}
		wantToken(t, tokens[0], pskc.Token{Serial: "987654321", Type: otp.TypeHOTP, OTPLength: 8, HashAlgorithm: otp.HmacSHA1}, rfcSecret)
	}
}

func TestRFC6030Figure8PublicKeyIsRefused(t *testing.T) {
	_, err := pskc.Decode(readTestdata(t, "rfc6030/figure8.xml"), pskc.KeyAsDeclared(figure6Key))
	if !errors.Is(err, pskc.ErrKey) || !strings.Contains(err.Error(), "public key") {
		t.Fatalf("got %v, want a key error about the public key", err)
	}
	// Without a key, the error is that the secret is encrypted, in the package that holds it.
	_, err = pskc.Decode(readTestdata(t, "rfc6030/figure8.xml"), pskc.Key{})
	wantPackageError(t, err, 1, "987654321", "no key was given")
}

func TestRFC6030Figure10BulkHasADuplicateSerial(t *testing.T) {
	// The RFC's bulk example delivers serial number 9999999 twice, valid in different months.
	// PingOne serial numbers are unique, so the file cannot be loaded as it is.
	_, err := pskc.Decode(readTestdata(t, "rfc6030/figure10.xml"), pskc.Key{})
	wantPackageError(t, err, 4, "9999999", "same serial number as key package 3")
}

func wantPackageError(t *testing.T, err error, position int, serial, text string) {
	t.Helper()
	var pe *pskc.PackageError
	if !errors.As(err, &pe) {
		t.Fatalf("got %v, want a *pskc.PackageError", err)
	}
	if pe.Position != position || pe.Serial != serial || !strings.Contains(err.Error(), text) {
		t.Fatalf("got %q (package %d, serial %q), want package %d, serial %q, containing %q", err, pe.Position, pe.Serial, position, serial, text)
	}
}
