package otp

import (
	"bytes"
	"strings"
	"testing"
)

// The RFC 4648 section 10 test vectors.
var rfc4648Base32 = []struct{ plain, encoded string }{
	{"f", "MY======"},
	{"fo", "MZXQ===="},
	{"foo", "MZXW6==="},
	{"foob", "MZXW6YQ="},
	{"fooba", "MZXW6YTB"},
	{"foobar", "MZXW6YTBOI======"},
}

func TestParseBase32RFC4648Vectors(t *testing.T) {
	for _, v := range rfc4648Base32 {
		for _, s := range []string{v.encoded, strings.TrimRight(v.encoded, "="), strings.ToLower(v.encoded)} {
			got, err := ParseBase32(s)
			if err != nil {
				t.Errorf("%q: %v", s, err)
				continue
			}
			if string(got) != v.plain {
				t.Errorf("%q: got %q, want %q", s, got, v.plain)
			}
		}
	}
}

func TestEncodeBase32IsUnpaddedUpperCase(t *testing.T) {
	for _, v := range rfc4648Base32 {
		if got, want := EncodeBase32([]byte(v.plain)), strings.TrimRight(v.encoded, "="); got != want {
			t.Errorf("%q: got %s, want %s", v.plain, got, want)
		}
	}
}

func TestParseBase32AcceptsVendorSpellings(t *testing.T) {
	// The RFC 4226 secret, as an authenticator app or a vendor's CSV might show it.
	want := []byte("12345678901234567890")
	for _, s := range []string{
		"GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ",
		"gezdgnbvgy3tqojqgezdgnbvgy3tqojq",
		"GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ",
		"gezd-gnbv-gy3t-qojq-gezd-gnbv-gy3t-qojq",
		"GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ========",
		"  GEZDGNBVGY3TQOJQ\nGEZDGNBVGY3TQOJQ  ",
	} {
		got, err := ParseBase32(s)
		if err != nil {
			t.Errorf("%q: %v", s, err)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%q: got %x, want %x", s, got, want)
		}
	}
	// Padding may be grouped too, and a wrong amount of it does not matter.
	for _, s := range []string{"MZXW6===", "MZXW6=", "MZXW6 = = =", "mzxw6======="} {
		if got, err := ParseBase32(s); err != nil || string(got) != "foo" {
			t.Errorf("%q: got %q, %v; want foo", s, got, err)
		}
	}
}

func TestParseBase32ErrorsGivePositionsNotCharacters(t *testing.T) {
	cases := []struct {
		in, want string
	}{
		{"", "no base32 letters"},
		{"====", "no base32 letters"},
		{"MZXW0", "character 5 is not a base32 letter"},
		{"MZ XW1", "character 6 is not a base32 letter"},
		{"MZ.XW", "character 3 is not a base32 letter"},
		{"MZ=XW6", "character 4 follows the \"=\" padding at character 3"},
		{"M", "1 base32 letters do not make whole bytes"},
		{"MZX", "3 base32 letters do not make whole bytes"},
		{"MZXW6Y", "6 base32 letters do not make whole bytes"},
		{"ÄMZXW6", "character 1 is not a base32 letter"},
	}
	for _, c := range cases {
		_, err := ParseBase32(c.in)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: got error %v, want one containing %q", c.in, err, c.want)
		}
	}
	// The offending character itself never appears.
	_, err := ParseBase32("ABC!")
	if err == nil || strings.Contains(err.Error(), "!") {
		t.Fatalf("got %v, want an error that does not quote the character", err)
	}
}
