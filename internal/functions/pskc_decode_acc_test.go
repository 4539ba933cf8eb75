package functions_test

import (
	"context"
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/oathtokens/terraform-provider-pingone/internal/acctest"
	"github.com/oathtokens/terraform-provider-pingone/internal/otp"
	"github.com/oathtokens/terraform-provider-pingone/internal/pskc/pskctest"
)

// rfcTokenValue is the token of RFC 6030 figures 3, 6 and 7, as the engine sees it.
var rfcTokenValue = knownvalue.MapExact(map[string]knownvalue.Check{
	"987654321": knownvalue.ObjectExact(map[string]knownvalue.Check{
		"secret":         knownvalue.StringExact(rfcSecret),
		"type":           knownvalue.StringExact("HOTP"),
		"otp_length":     knownvalue.Int64Exact(8),
		"hash_algorithm": knownvalue.StringExact("HmacSHA1"),
		"counter":        knownvalue.Int64Exact(0),
		"time_step":      knownvalue.Null(),
	}),
})

const rfcVariables = `
variable "figure6" { type = string }
variable "figure7" { type = string }
variable "password" {
  type      = string
  sensitive = true
}
`

func rfcConfigVariables(t *testing.T) config.Variables {
	return config.Variables{
		"figure6":  config.StringVariable(pskcFile(t, "rfc6030/figure6.xml")),
		"figure7":  config.StringVariable(pskcFile(t, "rfc6030/figure7.xml")),
		"password": config.StringVariable(figure7Password),
	}
}

// TestAccFunctionPSKCDecode_RFC6030 decodes the RFC's encrypted figures from HCL: figure 6 with
// its pre-shared key, figure 7 with its password from a sensitive variable.
func TestAccFunctionPSKCDecode_RFC6030(t *testing.T) {
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   functionsSince,
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			ConfigVariables: rfcConfigVariables(t),
			Config: rfcVariables + `
output "figure6" {
  value = provider::pingone::pskc_decode(var.figure6, "12345678901234567890123456789012")
}
output "figure7" {
  value     = provider::pingone::pskc_decode(var.figure7, { password = var.password })
  sensitive = true
}
output "figure7_serials" {
  value = nonsensitive(keys(provider::pingone::pskc_decode(var.figure7, var.password)))
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("figure6", rfcTokenValue),
				statecheck.ExpectKnownOutputValue("figure7", rfcTokenValue),
				statecheck.ExpectKnownOutputValue("figure7_serials", knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("987654321")})),
			},
		}},
	})
}

// TestAccFunctionPSKCDecode_SensitiveKeyMakesTheResultSensitive shows what the documentation
// promises: with the password in a sensitive variable, the engine marks the decoded secrets
// sensitive, and refuses to show them in an output that is not.
func TestAccFunctionPSKCDecode_SensitiveKeyMakesTheResultSensitive(t *testing.T) {
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   functionsSince,
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			ConfigVariables: rfcConfigVariables(t),
			Config: rfcVariables + `
output "leak" {
  value = provider::pingone::pskc_decode(var.figure7, var.password)["987654321"].secret
}
`,
			ExpectError: regexp.MustCompile(`Output refers to sensitive values`),
		}},
	})
}

// TestAccFunctionPSKCDecode_Errors shows the errors as the engine prints them: naming the
// argument and the key package.
func TestAccFunctionPSKCDecode_Errors(t *testing.T) {
	step := func(expr string, want ...string) resource.TestStep {
		return resource.TestStep{
			ConfigVariables: rfcConfigVariables(t),
			Config:          rfcVariables + fmt.Sprintf("output \"x\" {\n  value     = %s\n  sensitive = true\n}\n", expr),
			ExpectError:     engineError(want...),
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   functionsSince,
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			step(`provider::pingone::pskc_decode(var.figure6, "00112233445566778899aabbccddeeff")`,
				`Invalid value for "key" parameter: key package 1`, `the key is wrong, or the file was altered`),
			step(`provider::pingone::pskc_decode(var.figure6, "")`,
				`Invalid value for "key" parameter: key package 1 (serial number "987654321", key Id "12345678"): the value is encrypted, and no key was given to decrypt it; pass the pre-shared key (hexadecimal) or the password as the second argument`),
			step(`provider::pingone::pskc_decode("<KeyContainer/>", {})`,
				`Invalid value for "xml" parameter: the key container holds no KeyPackage`),
			step(`provider::pingone::pskc_decode(var.figure7, { password = var.password, preshared_key = "00" })`,
				`Invalid value for "key" parameter: the key sets both preshared_key and password`),
			// Null is refused on both engines, rather than misread by OpenTofu (see keyDescription).
			step(`provider::pingone::pskc_decode(var.figure6, null)`, `Invalid value for "key" parameter: argument must not be null`),
		},
	})
}

// TestAccFunctionPSKCDecode_SeedFileToTokens is the use the function exists for: a vendor's
// password-protected seed file becomes pingone_oath_token resources, with for_each over the
// serial numbers, and PingOne (the emulator) ends up holding the decoded secrets. The OTP the
// emulator computes from its stored secret matches the one hotp computes from the decoded one.
func TestAccFunctionPSKCDecode_SeedFileToTokens(t *testing.T) {
	e := acctest.StartEmulator(t)
	env := e.Info.EnvironmentID
	tokens := []pskctest.Token{
		{Serial: e.Serial("SEEDHOTP1"), Secret: []byte("hotp seed number one"), Counter: 5, Digits: 6},
		{Serial: e.Serial("SEEDHOTP2"), Secret: []byte("hotp seed number two"), Counter: 0, Digits: 8},
		{Serial: e.Serial("SEEDTOTP1"), Secret: []byte("totp seed, sha-256, sixty!"), TOTP: true, Digits: 6, Suite: "HMAC-SHA256", TimeStep: 60},
	}
	enc := &pskctest.Encryption{Password: "vendor password", Salt: []byte("vendor salt"), Iterations: 2000, MACKey: []byte("vendor mac key")}

	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   functionsSince,
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			ConfigVariables: config.Variables{
				"seeds":    config.StringVariable(string(pskctest.Write(tokens, enc))),
				"password": config.StringVariable(enc.Password),
			},
			Config: e.ProviderConfig() + fmt.Sprintf(`
variable "seeds" { type = string }
variable "password" {
  type      = string
  sensitive = true
}

locals {
  tokens = provider::pingone::pskc_decode(var.seeds, { password = var.password })
  # The serial numbers are not secret; the map is sensitive only because the password is.
  serials = nonsensitive(sort(keys(local.tokens)))
}

# The documentation's example uses for_each = toset(local.serials); count is used here because
# terraform-plugin-testing's state shim rejects for_each keys ("for_each is not supported").
resource "pingone_oath_token" "seed" {
  count = length(local.serials)

  environment_id = %[1]q
  serial_number  = local.serials[count.index]
  type           = local.tokens[local.serials[count.index]].type
  otp_length     = local.tokens[local.serials[count.index]].otp_length
  hash_algorithm = local.tokens[local.serials[count.index]].hash_algorithm
  secret         = local.tokens[local.serials[count.index]].secret

  hotp = local.tokens[local.serials[count.index]].type == "HOTP" ? { counter = local.tokens[local.serials[count.index]].counter } : null
  totp = local.tokens[local.serials[count.index]].type == "TOTP" ? { time_step = local.tokens[local.serials[count.index]].time_step } : null
}

output "hotp1_at_5" {
  value     = provider::pingone::hotp(local.tokens[%[2]q].secret, local.tokens[%[2]q].counter, local.tokens[%[2]q].otp_length)
  sensitive = true
}
`, env, tokens[0].Serial),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(`pingone_oath_token.seed[2]`, tfjsonpath.New("hash_algorithm"), knownvalue.StringExact("HmacSHA256")),
				statecheck.ExpectKnownValue(`pingone_oath_token.seed[2]`, tfjsonpath.New("totp").AtMapKey("time_step"), knownvalue.Int64Exact(60)),
				statecheck.ExpectKnownValue(`pingone_oath_token.seed[1]`, tfjsonpath.New("otp_length"), knownvalue.Int64Exact(8)),
				statecheck.ExpectKnownOutputValue("hotp1_at_5", knownvalue.StringExact(hotpOf(t, tokens[0].Secret, 5, 6))),
				emulatorHoldsTheSeeds{e: e, env: env, tokens: tokens},
			},
		}},
	})
}

// emulatorHoldsTheSeeds checks PingOne's side: the file's serial numbers, and for each HOTP token
// the OTP PingOne computes from the secret it stored, which must be the OTP of the file's secret
// at the file's counter.
type emulatorHoldsTheSeeds struct {
	e      *acctest.Emulator
	env    string
	tokens []pskctest.Token
}

func (c emulatorHoldsTheSeeds) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	want := []string{c.tokens[0].Serial, c.tokens[1].Serial, c.tokens[2].Serial}
	if got := c.e.TokenSerials(c.env); fmt.Sprint(got) != fmt.Sprint(want) {
		resp.Error = fmt.Errorf("PingOne holds %v, want the file's three serial numbers %v", got, want)
		return
	}
	if !c.e.CanCheck("the OTP PingOne computes from the secret it stored is the file's") {
		return
	}
	// The for_each of the documentation would name the instances by serial number; with count,
	// the state's serial_number attribute does.
	ids := map[string]string{}
	for _, r := range req.State.Values.RootModule.Resources {
		if r.Type == "pingone_oath_token" {
			serial, _ := r.AttributeValues["serial_number"].(string)
			ids[serial], _ = r.AttributeValues["id"].(string)
		}
	}
	for _, tok := range c.tokens {
		if tok.TOTP {
			continue
		}
		got, err := c.e.CurrentOTP(c.env, ids[tok.Serial], 0)
		if err != nil {
			resp.Error = err
			return
		}
		code, err := otp.HOTP(tok.Secret, uint64(tok.Counter), tok.Digits, otp.HmacSHA1)
		if err != nil {
			resp.Error = err
			return
		}
		if got != code {
			resp.Error = fmt.Errorf("%s: PingOne's OTP is %s, want %s: the stored secret is not the file's", tok.Serial, got, code)
			return
		}
	}
}

func hotpOf(t *testing.T, secret []byte, counter uint64, digits int) string {
	t.Helper()
	code, err := otp.HOTP(secret, counter, digits, otp.HmacSHA1)
	if err != nil {
		t.Fatal(err)
	}
	return code
}
