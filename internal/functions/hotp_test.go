package functions_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/oathtokens/terraform-provider-pingone/internal/functions"
)

// rfcSecret is the RFC 4226 and RFC 6238 test secret, ASCII "12345678901234567890", in hex.
const rfcSecret = "3132333435363738393031323334353637383930"

// rfc4226 are the RFC 4226 appendix D one-time passwords for counters 0 to 9.
var rfc4226 = []string{"755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"}

// leakHex is a distinctive secret with one character that is not hexadecimal, to show that the
// error names its position and quotes none of it.
const leakHex = "5a656272612d51756f6b6b612d37373439g0"

func TestHOTPRFC4226Vectors(t *testing.T) {
	for counter, want := range rfc4226 {
		if got := callString(t, functions.NewHOTP(), str(rfcSecret), num(int64(counter)), num(6)); got != want {
			t.Errorf("counter %d: got %s, want %s", counter, got, want)
		}
	}
	// Vendor spellings of the same secret give the same OTP.
	if got := callString(t, functions.NewHOTP(), str("3132 3334 3536 3738 3930 3132 3334 3536 3738 3930"), num(1), num(6)); got != rfc4226[1] {
		t.Errorf("grouped secret: got %s, want %s", got, rfc4226[1])
	}
	// Eight digits keep their leading zero: RFC 6238's SHA-1 vector at T=1111111109 is HOTP
	// counter 37037036.
	if got := callString(t, functions.NewHOTP(), str(rfcSecret), num(37037036), num(8)); got != "07081804" {
		t.Errorf("8 digits: got %s, want 07081804", got)
	}
}

func TestHOTPErrors(t *testing.T) {
	_, err := call(t, functions.NewHOTP(), str(leakHex), num(0), num(6))
	wantError(t, err, 0, "character 35 is not a hexadecimal digit", leakHex, leakHex[:12])
	_, err = call(t, functions.NewHOTP(), str("313"), num(0), num(6))
	wantError(t, err, 0, "odd number of hexadecimal digits")
	_, err = call(t, functions.NewHOTP(), str(rfcSecret), num(-1), num(6))
	wantError(t, err, 1, "the counter must not be negative")
	for _, digits := range []int64{5, 9} {
		_, err = call(t, functions.NewHOTP(), str(rfcSecret), num(0), num(digits))
		wantError(t, err, 2, fmt.Sprintf("digits must be 6 to 8 (PingOne tokens show 6 or 8), not %d", digits))
	}
}

// TestAccFunctionHOTP calls hotp from HCL, with the RFC's vectors.
func TestAccFunctionHOTP(t *testing.T) {
	resource.ParallelTest(t, functionCase(`
output "first"  { value = provider::pingone::hotp("3132333435363738393031323334353637383930", 0, 6) }
output "tenth"  { value = provider::pingone::hotp("3132333435363738393031323334353637383930", 9, 6) }
output "eight"  { value = provider::pingone::hotp("3132333435363738393031323334353637383930", 37037036, 8) }
`,
		statecheck.ExpectKnownOutputValue("first", knownvalue.StringExact("755224")),
		statecheck.ExpectKnownOutputValue("tenth", knownvalue.StringExact("520489")),
		statecheck.ExpectKnownOutputValue("eight", knownvalue.StringExact("07081804")),
	))
}
