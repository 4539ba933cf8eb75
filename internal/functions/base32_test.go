package functions_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/oathtokens/terraform-provider-pingone/internal/acctest"
	"github.com/oathtokens/terraform-provider-pingone/internal/functions"
)

// rfcBase32 is the RFC 4226 secret in base32, as an authenticator app shows it.
const rfcBase32 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"

func TestBase32ToHex(t *testing.T) {
	for _, in := range []string{
		rfcBase32,
		"gezdgnbvgy3tqojqgezdgnbvgy3tqojq",
		"GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ",
		"gezd-gnbv-gy3t-qojq-gezd-gnbv-gy3t-qojq",
		rfcBase32 + "========",
	} {
		if got := callString(t, functions.NewBase32ToHex(), str(in)); got != rfcSecret {
			t.Errorf("%q: got %s, want %s", in, got, rfcSecret)
		}
	}
	// RFC 4648's vectors, padded and not.
	for in, want := range map[string]string{"MZXW6YTBOI======": "666f6f626172", "MZXW6YTBOI": "666f6f626172", "MY": "66", "mzxq": "666f"} {
		if got := callString(t, functions.NewBase32ToHex(), str(in)); got != want {
			t.Errorf("%q: got %s, want %s", in, got, want)
		}
	}
}

func TestBase32ToHexErrors(t *testing.T) {
	const leak = "ZEBRAQUOKKASECRET1"
	_, err := call(t, functions.NewBase32ToHex(), str(leak))
	wantError(t, err, 0, "character 18 is not a base32 letter (A-Z, 2-7)", leak, leak[:8])
	_, err = call(t, functions.NewBase32ToHex(), str("MZX"))
	wantError(t, err, 0, "3 base32 letters do not make whole bytes")
	_, err = call(t, functions.NewBase32ToHex(), str("MZ=XW"))
	wantError(t, err, 0, "follows the \"=\" padding")
	_, err = call(t, functions.NewBase32ToHex(), str(" "))
	wantError(t, err, 0, "holds no base32 letters")
}

func TestHexToBase32(t *testing.T) {
	for _, in := range []string{rfcSecret, "31:32:33:34:35:36:37:38:39:30:31:32:33:34:35:36:37:38:39:30", "3132 3334 3536 3738 3930 3132 3334 3536 3738 3930"} {
		if got := callString(t, functions.NewHexToBase32(), str(in)); got != rfcBase32 {
			t.Errorf("%q: got %s, want %s", in, got, rfcBase32)
		}
	}
	// Unpadded, upper case, and the reverse of base32_to_hex.
	got := callString(t, functions.NewHexToBase32(), str("666F6F626172"))
	if got != "MZXW6YTBOI" {
		t.Errorf("got %s, want MZXW6YTBOI", got)
	}
	if back := callString(t, functions.NewBase32ToHex(), str(got)); back != "666f6f626172" {
		t.Errorf("round trip: got %s", back)
	}
}

func TestHexToBase32Errors(t *testing.T) {
	_, err := call(t, functions.NewHexToBase32(), str(leakHex))
	wantError(t, err, 0, "character 35 is not a hexadecimal digit", leakHex, leakHex[:12])
	_, err = call(t, functions.NewHexToBase32(), str("abc"))
	wantError(t, err, 0, "odd number of hexadecimal digits (3)")
}

// TestAccFunctionBase32 converts both ways from HCL, and shows an invalid character failing
// the plan by its position.
func TestAccFunctionBase32(t *testing.T) {
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   functionsSince,
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: `
output "hex"       { value = provider::pingone::base32_to_hex("gezd gnbv gy3t qojq gezd gnbv gy3t qojq") }
output "base32"    { value = provider::pingone::hex_to_base32("3132333435363738393031323334353637383930") }
output "roundtrip" { value = provider::pingone::base32_to_hex(provider::pingone::hex_to_base32("00ff10")) }
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("hex", knownvalue.StringExact(rfcSecret)),
				statecheck.ExpectKnownOutputValue("base32", knownvalue.StringExact(rfcBase32)),
				statecheck.ExpectKnownOutputValue("roundtrip", knownvalue.StringExact("00ff10")),
			},
		}, {
			Config:      `output "bad" { value = provider::pingone::base32_to_hex("JBSW Y3D1") }`,
			ExpectError: engineError(`Invalid value for "base32" parameter: the secret is not base32: character 9 is not a base32 letter (A-Z, 2-7); the value is not shown because it is a secret.`),
		}},
	})
}
