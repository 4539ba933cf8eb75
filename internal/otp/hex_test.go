package otp

import (
	"bytes"
	"strings"
	"testing"
)

func TestParseHexAcceptsVendorSpellings(t *testing.T) {
	want := []byte("1234")
	for _, s := range []string{
		"31323334",
		"3132 3334",
		"31-32-33-34",
		"31:32:33:34",
		" 31 32\t33\n34 ",
		"3132-3334",
	} {
		got, err := ParseHex(s)
		if err != nil {
			t.Errorf("%q: %v", s, err)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%q: got %x, want %x", s, got, want)
		}
	}
	mixed, err := ParseHex("aBcD eF")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(mixed, []byte{0xab, 0xcd, 0xef}) {
		t.Fatalf("mixed case: got %x, want abcdef", mixed)
	}
}

func TestParseHexErrorsGivePositionsNotCharacters(t *testing.T) {
	cases := []struct {
		in, want string
	}{
		{"", "no hexadecimal digits"},
		{" - : ", "no hexadecimal digits"},
		{"313", "odd number of hexadecimal digits (3)"},
		{"31 3g", "character 5 is not a hexadecimal digit"},
		{"0x31", "character 2 is not a hexadecimal digit"},
		// Positions count characters, not bytes, so a multi-byte character is one position.
		{"é1", "character 1 is not a hexadecimal digit"},
		{"31é", "character 3 is not a hexadecimal digit"},
	}
	for _, c := range cases {
		_, err := ParseHex(c.in)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: got error %v, want one containing %q", c.in, err, c.want)
		}
	}
	// The offending character itself never appears.
	_, err := ParseHex("31 3Q")
	if err == nil || strings.Contains(err.Error(), "Q") {
		t.Fatalf("got %v, want an error that does not quote the character", err)
	}
}
