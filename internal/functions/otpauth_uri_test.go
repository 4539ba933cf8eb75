package functions_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/oathtokens/terraform-provider-pingone/internal/functions"
)

// googleExampleHex is the secret of the Key URI Format's own example, HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ.
const googleExampleHex = "3dc6caa4824a6d288767b2331e20b43166cb85d9"

func TestOTPAuthURIGoogleExample(t *testing.T) {
	got := callString(t, functions.NewOTPAuthURI(), dyn(object(t, map[string]any{
		"type": "TOTP", "secret": googleExampleHex, "account": "john.doe@email.com", "issuer": "ACME Co",
	})))
	want := "otpauth://totp/ACME%20Co:john.doe@email.com?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30"
	if got != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
}

func TestOTPAuthURIFromADecodedToken(t *testing.T) {
	// A pskc_decode result merged with an account: the counter of a TOTP token is null, and the
	// numbers are Terraform numbers.
	got := callString(t, functions.NewOTPAuthURI(), dyn(object(t, map[string]any{
		"type": "TOTP", "secret": rfcSecret, "otp_length": int64(8), "hash_algorithm": "HmacSHA256",
		"counter": nil, "time_step": int64(60), "account": "alice@example.com",
	})))
	want := "otpauth://totp/alice@example.com?secret=" + rfcBase32 + "&algorithm=SHA256&digits=8&period=60"
	if got != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
	got = callString(t, functions.NewOTPAuthURI(), dyn(object(t, map[string]any{
		"type": "HOTP", "secret": rfcSecret, "counter": int64(5), "time_step": nil, "account": "bob", "issuer": "Acme",
	})))
	want = "otpauth://hotp/Acme:bob?secret=" + rfcBase32 + "&issuer=Acme&algorithm=SHA1&digits=6&counter=5"
	if got != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
}

func TestOTPAuthURIFromAMap(t *testing.T) {
	// A variable of type map(string) holds numbers as strings.
	m, diags := types.MapValue(types.StringType, map[string]attr.Value{
		"type": str("HOTP"), "secret": str(rfcSecret), "account": str("carol"), "otp_length": str("8"), "counter": str("7"),
	})
	if diags.HasError() {
		t.Fatal(diags)
	}
	got := callString(t, functions.NewOTPAuthURI(), dyn(m))
	want := "otpauth://hotp/carol?secret=" + rfcBase32 + "&algorithm=SHA1&digits=8&counter=7"
	if got != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
}

func TestOTPAuthURIErrors(t *testing.T) {
	base := map[string]any{"type": "TOTP", "secret": rfcSecret, "account": "alice"}
	with := func(name string, value any) map[string]any {
		m := map[string]any{}
		for k, v := range base {
			m[k] = v
		}
		m[name] = value
		return m
	}
	without := func(name string) map[string]any {
		m := with("x", nil)
		delete(m, "x")
		delete(m, name)
		return m
	}
	cases := []struct {
		name  string
		attrs map[string]any
		want  string
	}{
		{"no account", without("account"), "the token has no account"},
		{"no secret", without("secret"), "the token has no secret"},
		{"null type", with("type", nil), "the token has no type"},
		{"unknown attribute", with("periode", int64(30)), `the token has an attribute "periode"`},
		{"lower-case type", with("type", "totp"), `the token's type must be HOTP or TOTP, not "totp"`},
		{"colon in account", with("account", "a:b"), "the account name contains a colon"},
		{"colon in issuer", with("issuer", "Acme:EU"), "the issuer contains a colon"},
		{"digits", with("otp_length", int64(4)), "4 digits is outside 6..8"},
		{"fractional digits", with("otp_length", "6.5"), "otp_length must be a whole number"},
		{"algorithm", with("hash_algorithm", "SHA1"), `unknown hash algorithm "SHA1"`},
		{"time step", with("time_step", int64(0)), "the time step 0 is not a positive number of seconds"},
		{"secret", with("secret", leakHex), "character 35 is not a hexadecimal digit"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := call(t, functions.NewOTPAuthURI(), dyn(object(t, c.attrs)))
			wantError(t, err, 0, c.want, leakHex[:12], rfcSecret, rfcBase32)
		})
	}
	_, err := call(t, functions.NewOTPAuthURI(), dyn(str("otpauth://")))
	wantError(t, err, 0, "the token must be an object with at least type, secret and account, not a string")
	_, err = call(t, functions.NewOTPAuthURI(), types.DynamicNull())
	wantError(t, err, 0, "the token must be an object")
}

// TestAccFunctionOTPAuthURI builds the URI from HCL, from a decoded token merged with an
// account, as a configuration provisioning software tokens would.
func TestAccFunctionOTPAuthURI(t *testing.T) {
	resource.ParallelTest(t, functionCase(`
output "google" {
  value = provider::pingone::otpauth_uri({
    type    = "TOTP"
    secret  = "3dc6caa4824a6d288767b2331e20b43166cb85d9"
    account = "john.doe@email.com"
    issuer  = "ACME Co"
  })
}
output "hotp" {
  value = provider::pingone::otpauth_uri(merge(
    { type = "HOTP", secret = "3132333435363738393031323334353637383930", otp_length = 6, hash_algorithm = "HmacSHA1", counter = 3, time_step = null },
    { account = "bob smith", issuer = "A&B" },
  ))
}
`,
		statecheck.ExpectKnownOutputValue("google", knownvalue.StringExact(
			"otpauth://totp/ACME%20Co:john.doe@email.com?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30")),
		statecheck.ExpectKnownOutputValue("hotp", knownvalue.StringExact(
			"otpauth://hotp/A%26B:bob%20smith?secret="+rfcBase32+"&issuer=A%26B&algorithm=SHA1&digits=6&counter=3")),
	))
}
