package otp

import (
	"strings"
	"testing"
)

// rfcSecret is the RFC 4226 appendix D secret, ASCII "12345678901234567890".
const rfcSecret = "3132333435363738393031323334353637383930"

func TestHOTPRFC4226Vectors(t *testing.T) {
	want := []string{"755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"}
	secret, err := DecodeSecret(rfcSecret)
	if err != nil {
		t.Fatal(err)
	}
	for counter, w := range want {
		got, err := HOTP(secret, uint64(counter), 6, HmacSHA1)
		if err != nil {
			t.Fatalf("counter %d: %v", counter, err)
		}
		if got != w {
			t.Errorf("counter %d: got %s, want %s", counter, got, w)
		}
	}
}

func TestHOTPEightDigitsKeepsLeadingZeros(t *testing.T) {
	// The RFC 6238 vector at T=1111111109 with SHA-1 is counter 37037036 and starts with a zero.
	got, err := HOTP([]byte("12345678901234567890"), 37037036, 8, HmacSHA1)
	if err != nil {
		t.Fatal(err)
	}
	if got != "07081804" {
		t.Fatalf("got %s, want 07081804", got)
	}
}

func TestHOTPRejectsBadInput(t *testing.T) {
	secret := []byte("12345678901234567890")
	cases := []struct {
		name   string
		secret []byte
		digits int
		alg    Algorithm
		want   string
	}{
		{"empty secret", nil, 6, HmacSHA1, "empty secret"},
		{"five digits", secret, 5, HmacSHA1, "outside"},
		{"nine digits", secret, 9, HmacSHA1, "outside"},
		{"unknown algorithm", secret, 6, "HmacMD5", "unknown hash algorithm"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := HOTP(c.secret, 0, c.digits, c.alg)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("got error %v, want one containing %q", err, c.want)
			}
		})
	}
}

func TestAlgorithmValid(t *testing.T) {
	for _, a := range Algorithms() {
		if !a.Valid() {
			t.Errorf("%s: not valid", a)
		}
	}
	for _, a := range []Algorithm{"", "hmacsha1", "SHA1", "HmacSHA384"} {
		if a.Valid() {
			t.Errorf("%q: valid, want invalid", a)
		}
	}
}
