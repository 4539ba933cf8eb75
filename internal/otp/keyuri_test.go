package otp

import (
	"net/url"
	"strings"
	"testing"
)

func TestKeyURIGoogleExample(t *testing.T) {
	// The example of the Key URI Format's own documentation, byte for byte.
	secret, err := ParseBase32("HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ")
	if err != nil {
		t.Fatal(err)
	}
	got, err := KeyURI{
		Type: TypeTOTP, Issuer: "ACME Co", Account: "john.doe@email.com",
		Secret: secret, Digits: 6, Algorithm: HmacSHA1, Period: 30,
	}.Encode()
	if err != nil {
		t.Fatal(err)
	}
	want := "otpauth://totp/ACME%20Co:john.doe@email.com?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30"
	if got != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
}

func TestKeyURIHOTPWithoutIssuer(t *testing.T) {
	got, err := KeyURI{
		Type: TypeHOTP, Account: "alice", Secret: []byte("12345678901234567890"),
		Digits: 8, Algorithm: HmacSHA256, Counter: 42,
	}.Encode()
	if err != nil {
		t.Fatal(err)
	}
	want := "otpauth://hotp/alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&algorithm=SHA256&digits=8&counter=42"
	if got != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
}

func TestKeyURIEscapesWhatAppsWouldMisread(t *testing.T) {
	issuer := "A&B Co=+#?/%ü"
	account := "bob smith+mfa@example.com"
	got, err := KeyURI{
		Type: TypeTOTP, Issuer: issuer, Account: account, Secret: []byte{1, 2, 3},
		Digits: 6, Algorithm: HmacSHA512, Period: 60,
	}.Encode()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(got, "+") || strings.Contains(got, " ") {
		t.Errorf("%s: a space or plus sign is not escaped", got)
	}
	u, err := url.Parse(got)
	if err != nil {
		t.Fatalf("%s: %v", got, err)
	}
	if u.Scheme != "otpauth" || u.Host != "totp" {
		t.Errorf("%s: scheme %q host %q", got, u.Scheme, u.Host)
	}
	if want := "/" + issuer + ":" + account; u.Path != want {
		t.Errorf("label decodes to %q, want %q", u.Path, want)
	}
	q := u.Query()
	for name, want := range map[string]string{
		"secret": "AEBAG", "issuer": issuer, "algorithm": "SHA512", "digits": "6", "period": "60",
	} {
		if q.Get(name) != want {
			t.Errorf("%s = %q, want %q", name, q.Get(name), want)
		}
	}
	if len(q) != 5 {
		t.Errorf("query has %d parameters, want 5: %v", len(q), q)
	}
}

func TestKeyURIRejects(t *testing.T) {
	valid := KeyURI{Type: TypeTOTP, Issuer: "Acme", Account: "alice", Secret: []byte{1}, Digits: 6, Algorithm: HmacSHA1, Period: 30}
	cases := []struct {
		name   string
		change func(*KeyURI)
		want   string
	}{
		{"type", func(k *KeyURI) { k.Type = "totp" }, "neither HOTP nor TOTP"},
		{"no account", func(k *KeyURI) { k.Account = "" }, "account name is empty"},
		{"colon in account", func(k *KeyURI) { k.Account = "a:b" }, "account name contains a colon"},
		{"colon in issuer", func(k *KeyURI) { k.Issuer = "a:b" }, "issuer contains a colon"},
		{"no secret", func(k *KeyURI) { k.Secret = nil }, "secret is empty"},
		{"digits", func(k *KeyURI) { k.Digits = 9 }, "outside 6..8"},
		{"algorithm", func(k *KeyURI) { k.Algorithm = "SHA1" }, "unknown hash algorithm"},
		{"period", func(k *KeyURI) { k.Period = 0 }, "not a positive number of seconds"},
	}
	if _, err := valid.Encode(); err != nil {
		t.Fatalf("the valid URI fails: %v", err)
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			k := valid
			c.change(&k)
			_, err := k.Encode()
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("got error %v, want one containing %q", err, c.want)
			}
		})
	}
}
