package otp

import (
	"bytes"
	"testing"
)

func TestDecodeSecret(t *testing.T) {
	for _, s := range []string{"3132333435363738393031323334353637383930", "6EBD59F71A800C48C4619CD33F6C385C9237C9BA"} {
		if _, err := DecodeSecret(s); err != nil {
			t.Errorf("%s: %v", s, err)
		}
	}
	upper, err := DecodeSecret("ABCDEF")
	if err != nil {
		t.Fatal(err)
	}
	lower, err := DecodeSecret("abcdef")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(upper, lower) || !bytes.Equal(upper, []byte{0xab, 0xcd, 0xef}) {
		t.Fatalf("upper %x, lower %x: want abcdef both", upper, lower)
	}
}

func TestDecodeSecretRejects(t *testing.T) {
	for _, s := range []string{"", "abc", "zz", "12 34", "0x12"} {
		if _, err := DecodeSecret(s); err == nil {
			t.Errorf("%q: no error", s)
		}
	}
}
