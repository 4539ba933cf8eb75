package pskc_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/oathtokens/terraform-provider-pingone/internal/otp"
	"github.com/oathtokens/terraform-provider-pingone/internal/pskc"
	"github.com/oathtokens/terraform-provider-pingone/internal/pskc/pskctest"
)

// A key package of the tests below: the RFC secret, with what the test varies.
type pkg struct {
	serial    string // The DeviceInfo SerialNo; none when empty.
	keyID     string
	algorithm string // The Key Algorithm URI; none when "-".
	params    string // The AlgorithmParameters content; ResponseFormat Length 6 when empty.
	data      string // More Data elements after the Secret.
	secret    string // The Secret element's content; the RFC secret in plain text when empty.
}

func (p pkg) xml() string {
	var b strings.Builder
	b.WriteString("<KeyPackage>")
	if p.serial != "" {
		fmt.Fprintf(&b, "<DeviceInfo><SerialNo>%s</SerialNo></DeviceInfo>", p.serial)
	}
	b.WriteString("<Key")
	if p.keyID != "" {
		fmt.Fprintf(&b, " Id=%q", p.keyID)
	}
	switch p.algorithm {
	case "":
		b.WriteString(` Algorithm="urn:ietf:params:xml:ns:keyprov:pskc:hotp"`)
	case "-":
	default:
		fmt.Fprintf(&b, " Algorithm=%q", p.algorithm)
	}
	params := p.params
	if params == "" {
		params = `<ResponseFormat Length="6" Encoding="DECIMAL"/>`
	}
	secret := p.secret
	if secret == "" {
		secret = "<PlainValue>MTIzNDU2Nzg5MDEyMzQ1Njc4OTA=</PlainValue>"
	}
	fmt.Fprintf(&b, "><AlgorithmParameters>%s</AlgorithmParameters><Data><Secret>%s</Secret>%s</Data></Key></KeyPackage>", params, secret, p.data)
	return b.String()
}

func containerOf(packages ...pkg) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><KeyContainer Version="1.0" xmlns="urn:ietf:params:xml:ns:keyprov:pskc">`)
	for _, p := range packages {
		b.WriteString(p.xml())
	}
	b.WriteString("</KeyContainer>")
	return []byte(b.String())
}

func decodeOne(t *testing.T, p pkg) pskc.Token {
	t.Helper()
	tokens, err := pskc.Decode(containerOf(p), pskc.Key{})
	if err != nil {
		t.Fatal(err)
	}
	if len(tokens) != 1 {
		t.Fatalf("got %d tokens, want 1", len(tokens))
	}
	return tokens[0]
}

func decodeError(t *testing.T, p pkg, text string) {
	t.Helper()
	_, err := pskc.Decode(containerOf(p), pskc.Key{})
	if err == nil || !strings.Contains(err.Error(), text) {
		t.Fatalf("got error %v, want one containing %q", err, text)
	}
}

func TestAlgorithmURIs(t *testing.T) {
	for uri, want := range map[string]string{
		"urn:ietf:params:xml:ns:keyprov:pskc:hotp": otp.TypeHOTP,
		"urn:ietf:params:xml:ns:keyprov:pskc#hotp": otp.TypeHOTP,
		"http://www.ietf.org/keyprov/pskc#hotp":    otp.TypeHOTP,
		"URN:IETF:PARAMS:XML:NS:KEYPROV:PSKC:HOTP": otp.TypeHOTP,
		"urn:ietf:params:xml:ns:keyprov:pskc:totp": otp.TypeTOTP,
		"urn:ietf:params:xml:ns:keyprov:pskc#totp": otp.TypeTOTP,
		"http://www.ietf.org/keyprov/pskc#totp":    otp.TypeTOTP,
	} {
		if got := decodeOne(t, pkg{serial: "S1", algorithm: uri}); got.Type != want {
			t.Errorf("%s: type %s, want %s", uri, got.Type, want)
		}
	}
	decodeError(t, pkg{serial: "S1", algorithm: "urn:ietf:params:xml:ns:keyprov:pskc:ocra"},
		`key package 1 (serial number "S1"): the key algorithm "urn:ietf:params:xml:ns:keyprov:pskc:ocra" is neither HOTP nor TOTP`)
	decodeError(t, pkg{serial: "S1", algorithm: "-"}, "the key has no Algorithm attribute")
}

func TestHOTPFields(t *testing.T) {
	got := decodeOne(t, pkg{serial: "H1", params: `<ResponseFormat Length="8" Encoding="DECIMAL"/>`,
		data: "<Counter><PlainValue> 42 </PlainValue></Counter><TimeInterval><PlainValue>60</PlainValue></TimeInterval>"})
	// An HOTP token keeps its counter and ignores a TimeInterval.
	if got.Type != otp.TypeHOTP || got.OTPLength != 8 || got.Counter != 42 || got.TimeStep != 0 || got.HashAlgorithm != otp.HmacSHA1 {
		t.Fatalf("got %+v", got)
	}
	if got := decodeOne(t, pkg{serial: "H1"}); got.Counter != 0 {
		t.Errorf("no Counter: got %d, want 0 (PingOne's default)", got.Counter)
	}
	decodeError(t, pkg{serial: "H1", data: "<Counter><PlainValue>-1</PlainValue></Counter>"}, "the Counter is not a whole number")
	decodeError(t, pkg{serial: "H1", data: "<Counter><PlainValue>9223372036854775808</PlainValue></Counter>"}, "the Counter is above 9223372036854775807")
	decodeError(t, pkg{serial: "H1", data: "<Counter></Counter>"}, "the Counter has neither a PlainValue nor an EncryptedValue")
	if got := decodeOne(t, pkg{serial: "H1", data: "<Counter><PlainValue>9223372036854775807</PlainValue></Counter>"}); got.Counter != 9223372036854775807 {
		t.Errorf("largest counter: got %d", got.Counter)
	}
}

func TestTOTPFields(t *testing.T) {
	const totp = "urn:ietf:params:xml:ns:keyprov:pskc:totp"
	got := decodeOne(t, pkg{serial: "T1", algorithm: totp, params: `<Suite>HMAC-SHA256</Suite><ResponseFormat Length="8"/>`,
		data: "<Counter><PlainValue>7</PlainValue></Counter><Time><PlainValue>0</PlainValue></Time><TimeInterval><PlainValue>60</PlainValue></TimeInterval>"})
	// A TOTP token keeps its time step and ignores a Counter.
	if got.Type != otp.TypeTOTP || got.OTPLength != 8 || got.TimeStep != 60 || got.Counter != 0 || got.HashAlgorithm != otp.HmacSHA256 {
		t.Fatalf("got %+v", got)
	}
	if got := decodeOne(t, pkg{serial: "T1", algorithm: totp}); got.TimeStep != 30 {
		t.Errorf("no TimeInterval: got %d, want 30 (RFC 6238's default)", got.TimeStep)
	}
	decodeError(t, pkg{serial: "T1", algorithm: totp, data: "<TimeInterval><PlainValue>0</PlainValue></TimeInterval>"}, "the TimeInterval is not a positive number of seconds")
	decodeError(t, pkg{serial: "T1", algorithm: totp, data: "<Time><PlainValue>1234</PlainValue></Time>"}, "the Time (T0) is 1234, and PingOne counts time steps from the Unix epoch")
}

func TestSuites(t *testing.T) {
	for suite, want := range map[string]otp.Algorithm{
		"": otp.HmacSHA1, "HMAC-SHA1": otp.HmacSHA1, "hmac-sha256": otp.HmacSHA256, "HMAC-SHA512": otp.HmacSHA512, "SHA256": otp.HmacSHA256,
	} {
		if got := decodeOne(t, pkg{serial: "S1", params: "<Suite>" + suite + "</Suite>"}); got.HashAlgorithm != want {
			t.Errorf("Suite %q: got %s, want %s", suite, got.HashAlgorithm, want)
		}
	}
	decodeError(t, pkg{serial: "S1", params: "<Suite>HMAC-MD5</Suite>"}, `the algorithm suite "HMAC-MD5" is not HMAC-SHA1, HMAC-SHA256 or HMAC-SHA512`)
}

func TestResponseFormat(t *testing.T) {
	if got := decodeOne(t, pkg{serial: "R1", params: "<Suite>HMAC-SHA1</Suite>"}); got.OTPLength != 6 {
		t.Errorf("no ResponseFormat: got %d digits, want 6", got.OTPLength)
	}
	if got := decodeOne(t, pkg{serial: "R1", params: `<ResponseFormat Length=" 7 "/>`}); got.OTPLength != 7 {
		t.Errorf("Length 7: got %d digits", got.OTPLength)
	}
	decodeError(t, pkg{serial: "R1", params: `<ResponseFormat Length="6" Encoding="HEXADECIMAL"/>`}, "the response encoding is HEXADECIMAL, and PingOne tokens show DECIMAL digits")
	decodeError(t, pkg{serial: "R1", params: `<ResponseFormat Length="6" Encoding="DECIMAL" CheckDigit="true"/>`}, "Luhn check digit")
	decodeError(t, pkg{serial: "R1", params: `<ResponseFormat Length="six"/>`}, "the ResponseFormat Length is not a whole number")
}

func TestSerialNumbers(t *testing.T) {
	// The SerialNo names the token; without one, the Key Id does.
	if got := decodeOne(t, pkg{serial: "  SN1  ", keyID: "K1"}); got.Serial != "SN1" {
		t.Errorf("got %q, want SN1", got.Serial)
	}
	if got := decodeOne(t, pkg{keyID: "K1"}); got.Serial != "K1" {
		t.Errorf("got %q, want K1", got.Serial)
	}
	decodeError(t, pkg{}, "key package 1: has neither a DeviceInfo SerialNo nor a Key Id")

	// Duplicates, by serial number or by Key Id, name both packages.
	_, err := pskc.Decode(containerOf(pkg{serial: "A"}, pkg{serial: "B"}, pkg{serial: "A"}), pskc.Key{})
	wantPackageError(t, err, 3, "A", "has the same serial number as key package 1")
	_, err = pskc.Decode(containerOf(pkg{serial: "A"}, pkg{keyID: "A"}), pskc.Key{})
	wantPackageError(t, err, 2, "", "has the same serial number as key package 1")
}

func TestSecretValues(t *testing.T) {
	decodeError(t, pkg{serial: "S1", secret: "<PlainValue>not base64!</PlainValue>"}, "the secret's PlainValue is not base64")
	decodeError(t, pkg{serial: "S1", secret: "<PlainValue></PlainValue>"}, "the secret is empty")
	decodeError(t, pkg{serial: "S1", secret: " "}, "the Secret has neither a PlainValue nor an EncryptedValue")
	// Base64 wrapped over lines, as the RFC's figures write it.
	got := decodeOne(t, pkg{serial: "S1", secret: "<PlainValue>\n  MTIzNDU2Nzg5\n  MDEyMzQ1Njc4OTA=\n</PlainValue>"})
	if string(got.Secret) != "12345678901234567890" {
		t.Errorf("got %q", got.Secret)
	}
}

func TestDocumentErrors(t *testing.T) {
	cases := map[string]string{
		"":                              "the document holds no XML element",
		"not xml":                       "the document holds no XML element",
		"<KeyContainer><KeyPackage>":    "the document is not well-formed XML: line 1: unexpected EOF",
		"<Other/>":                      "the document is not a PSKC key container: expected element type <KeyContainer> but have <Other>",
		`<KeyContainer Version="1.0"/>`: "the key container holds no KeyPackage",
		"<KeyContainer><KeyPackage/></KeyContainer>":          "key package 1: holds no Key",
		"<KeyContainer>\n<KeyPackage>\n</Key></KeyContainer>": "line 3: element <KeyPackage> closed by </Key>",
	}
	for doc, want := range cases {
		_, err := pskc.Decode([]byte(doc), pskc.Key{})
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: got error %v, want one containing %q", doc, err, want)
		}
	}
}

func TestDeclaredCharsetAndNamespaces(t *testing.T) {
	// The text reaches Decode as UTF-8 whatever encoding the file declared; the elements match
	// whatever namespace, or none, they are in.
	doc := strings.Replace(string(containerOf(pkg{serial: "S1"})), "UTF-8", "ISO-8859-1", 1)
	if _, err := pskc.Decode([]byte(doc), pskc.Key{}); err != nil {
		t.Errorf("ISO-8859-1 declaration: %v", err)
	}
	bare := strings.Replace(string(containerOf(pkg{serial: "S1"})), ` xmlns="urn:ietf:params:xml:ns:keyprov:pskc"`, "", 1)
	if _, err := pskc.Decode([]byte(bare), pskc.Key{}); err != nil {
		t.Errorf("no namespace: %v", err)
	}
}

func TestUnsupportedEncryptionAlgorithm(t *testing.T) {
	doc := string(readTestdata(t, "rfc6030/figure6.xml"))
	// The secret's EncryptionMethod is the last one in the file (the MAC key's comes first).
	const method = "http://www.w3.org/2001/04/xmlenc#aes128-cbc"
	i := strings.LastIndex(doc, method)
	doc = doc[:i] + "http://www.w3.org/2001/04/xmlenc#kw-aes128" + doc[i+len(method):]
	_, err := pskc.Decode([]byte(doc), pskc.KeyAsDeclared(figure6Key))
	wantPackageError(t, err, 1, "987654321", `the encryption algorithm "http://www.w3.org/2001/04/xmlenc#kw-aes128" is not supported`)
}

func TestPBKDF2WithSHA256PRF(t *testing.T) {
	enc := passwordEncryption
	enc.PRFSHA256 = true
	tokens := pskctest.Tokens(2)
	got, err := pskc.Decode(pskctest.Write(tokens, &enc), pskc.Password(enc.Password))
	if err != nil {
		t.Fatal(err)
	}
	if string(got[1].Secret) != string(tokens[1].Secret) {
		t.Fatalf("got %x, want %x", got[1].Secret, tokens[1].Secret)
	}
	// The same file read with the SHA-1 PRF derives another key, which the MAC check refuses.
	sha1Doc := strings.Replace(string(pskctest.Write(tokens, &enc)), `<PRF Algorithm="http://www.w3.org/2001/04/xmldsig-more#hmac-sha256"/>`, "<PRF/>", 1)
	_, err = pskc.Decode([]byte(sha1Doc), pskc.Password(enc.Password))
	wantKeyError(t, err, "the key is wrong")
}
