package functions_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/oathtokens/terraform-provider-pingone/internal/functions"
)

// The RFC 6238 appendix B seeds, in hex: "12345678901234567890" repeated to the hash's length.
var rfc6238Seeds = map[string]string{
	"HmacSHA1":   rfcSecret,
	"HmacSHA256": rfcSecret + "3132333435363738393031323334353637383930"[:24],
	"HmacSHA512": rfcSecret + rfcSecret + rfcSecret + "31323334",
}

// rfc6238 is the RFC 6238 appendix B table: 8 digits, 30-second steps.
var rfc6238 = []struct {
	unix int64
	want map[string]string
}{
	{59, map[string]string{"HmacSHA1": "94287082", "HmacSHA256": "46119246", "HmacSHA512": "90693936"}},
	{1111111109, map[string]string{"HmacSHA1": "07081804", "HmacSHA256": "68084774", "HmacSHA512": "25091201"}},
	{1111111111, map[string]string{"HmacSHA1": "14050471", "HmacSHA256": "67062674", "HmacSHA512": "99943326"}},
	{1234567890, map[string]string{"HmacSHA1": "89005924", "HmacSHA256": "91819424", "HmacSHA512": "93441116"}},
	{2000000000, map[string]string{"HmacSHA1": "69279037", "HmacSHA256": "90698825", "HmacSHA512": "38618901"}},
	{20000000000, map[string]string{"HmacSHA1": "65353130", "HmacSHA256": "77737706", "HmacSHA512": "47863826"}},
}

func TestTOTPRFC6238Vectors(t *testing.T) {
	for alg, seed := range rfc6238Seeds {
		if len(seed) != map[string]int{"HmacSHA1": 40, "HmacSHA256": 64, "HmacSHA512": 128}[alg] {
			t.Fatalf("%s: the seed has %d hex digits", alg, len(seed))
		}
	}
	for _, row := range rfc6238 {
		for alg, want := range row.want {
			if got := callString(t, functions.NewTOTP(), str(rfc6238Seeds[alg]), num(row.unix), num(30), num(8), str(alg)); got != want {
				t.Errorf("%d %s: got %s, want %s", row.unix, alg, got, want)
			}
		}
	}
	// Six digits are the last six of eight; a 60-second step halves the counter.
	if got := callString(t, functions.NewTOTP(), str(rfcSecret), num(59), num(30), num(6), str("HmacSHA1")); got != "287082" {
		t.Errorf("6 digits: got %s, want 287082", got)
	}
	if got := callString(t, functions.NewTOTP(), str(rfcSecret), num(119), num(60), num(6), str("HmacSHA1")); got != "287082" {
		t.Errorf("60-second step: got %s, want 287082 (counter 1, as at 59 s with 30-second steps)", got)
	}
}

func TestTOTPErrors(t *testing.T) {
	_, err := call(t, functions.NewTOTP(), str(leakHex), num(59), num(30), num(6), str("HmacSHA1"))
	wantError(t, err, 0, "character 35 is not a hexadecimal digit", leakHex, leakHex[:12])
	_, err = call(t, functions.NewTOTP(), str(rfcSecret), num(-1), num(30), num(6), str("HmacSHA1"))
	wantError(t, err, 1, "unix_time must not be before the Unix epoch")
	for _, step := range []int64{0, -30, 40000000} {
		_, err = call(t, functions.NewTOTP(), str(rfcSecret), num(59), num(step), num(6), str("HmacSHA1"))
		wantError(t, err, 2, "time_step must be a whole number of seconds from 1")
	}
	_, err = call(t, functions.NewTOTP(), str(rfcSecret), num(59), num(30), num(10), str("HmacSHA1"))
	wantError(t, err, 3, "digits must be 6 to 8")
	for _, alg := range []string{"SHA1", "hmacsha1", "HmacSHA384", ""} {
		_, err = call(t, functions.NewTOTP(), str(rfcSecret), num(59), num(30), num(6), str(alg))
		wantError(t, err, 4, "algorithm must be one of HmacSHA1, HmacSHA256, HmacSHA512")
	}
}

// TestAccFunctionTOTP calls totp from HCL with the RFC's vectors, the time passed as a number.
func TestAccFunctionTOTP(t *testing.T) {
	resource.ParallelTest(t, functionCase(`
locals {
  sha1   = "3132333435363738393031323334353637383930"
  sha512 = "31323334353637383930313233343536373839303132333435363738393031323334353637383930313233343536373839303132333435363738393031323334"
}
output "sha1_at_59"       { value = provider::pingone::totp(local.sha1, 59, 30, 8, "HmacSHA1") }
output "sha512_far_future" { value = provider::pingone::totp(local.sha512, 20000000000, 30, 8, "HmacSHA512") }
`,
		statecheck.ExpectKnownOutputValue("sha1_at_59", knownvalue.StringExact("94287082")),
		statecheck.ExpectKnownOutputValue("sha512_far_future", knownvalue.StringExact("47863826")),
	))
}
