package otp

import (
	"strings"
	"testing"
	"time"
)

// The RFC 6238 appendix B seeds: the SHA-1 seed repeated to the hash's output length.
var totpSeeds = map[Algorithm][]byte{
	HmacSHA1:   []byte("12345678901234567890"),
	HmacSHA256: []byte("12345678901234567890123456789012"),
	HmacSHA512: []byte("1234567890123456789012345678901234567890123456789012345678901234"),
}

func TestTOTPRFC6238Vectors(t *testing.T) {
	// The first, second and last rows are the ones the API reference quotes; the others complete
	// the RFC's table.
	table := []struct {
		unix int64
		want map[Algorithm]string
	}{
		{59, map[Algorithm]string{HmacSHA1: "94287082", HmacSHA256: "46119246", HmacSHA512: "90693936"}},
		{1111111109, map[Algorithm]string{HmacSHA1: "07081804", HmacSHA256: "68084774", HmacSHA512: "25091201"}},
		{1111111111, map[Algorithm]string{HmacSHA1: "14050471", HmacSHA256: "67062674", HmacSHA512: "99943326"}},
		{1234567890, map[Algorithm]string{HmacSHA1: "89005924", HmacSHA256: "91819424", HmacSHA512: "93441116"}},
		{2000000000, map[Algorithm]string{HmacSHA1: "69279037", HmacSHA256: "90698825", HmacSHA512: "38618901"}},
		{20000000000, map[Algorithm]string{HmacSHA1: "65353130", HmacSHA256: "77737706", HmacSHA512: "47863826"}},
	}
	for _, row := range table {
		for _, alg := range Algorithms() {
			got, err := TOTP(totpSeeds[alg], time.Unix(row.unix, 0), 30*time.Second, 8, alg)
			if err != nil {
				t.Fatalf("%d %s: %v", row.unix, alg, err)
			}
			if got != row.want[alg] {
				t.Errorf("%d %s: got %s, want %s", row.unix, alg, got, row.want[alg])
			}
		}
	}
}

func TestTOTPSeedFromHex(t *testing.T) {
	// The reference gives the SHA-1 seed in hex; decoding it must give the same OTP.
	secret, err := DecodeSecret(rfcSecret)
	if err != nil {
		t.Fatal(err)
	}
	got, err := TOTP(secret, time.Unix(59, 0), 30*time.Second, 8, HmacSHA1)
	if err != nil {
		t.Fatal(err)
	}
	if got != "94287082" {
		t.Fatalf("got %s, want 94287082", got)
	}
}

func TestTimeCounter(t *testing.T) {
	cases := []struct {
		unix int64
		step time.Duration
		want uint64
	}{
		{0, 30 * time.Second, 0},
		{29, 30 * time.Second, 0},
		{30, 30 * time.Second, 1},
		{59, 60 * time.Second, 0},
		{60, 60 * time.Second, 1},
		{1111111109, 30 * time.Second, 37037036},
	}
	for _, c := range cases {
		got, err := TimeCounter(time.Unix(c.unix, 0), c.step)
		if err != nil {
			t.Fatal(err)
		}
		if got != c.want {
			t.Errorf("TimeCounter(%d, %s) = %d, want %d", c.unix, c.step, got, c.want)
		}
	}
}

func TestTOTPRejectsBadInput(t *testing.T) {
	secret := totpSeeds[HmacSHA1]
	cases := []struct {
		name string
		at   time.Time
		step time.Duration
		want string
	}{
		{"zero step", time.Unix(59, 0), 0, "whole number of seconds"},
		{"fractional step", time.Unix(59, 0), 1500 * time.Millisecond, "whole number of seconds"},
		{"before epoch", time.Unix(-1, 0), 30 * time.Second, "before the Unix epoch"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := TOTP(secret, c.at, c.step, 6, HmacSHA1)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("got error %v, want one containing %q", err, c.want)
			}
		})
	}
}
