package functions_test

import (
	"context"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/oathtokens/terraform-provider-pingone/internal/functions"
	"github.com/oathtokens/terraform-provider-pingone/internal/pskc/pskctest"
)

// The RFC 6030 figures and vendor files live with the package that decodes them.
func pskcFile(t testing.TB, name string) string {
	t.Helper()
	doc, err := os.ReadFile(filepath.Join("..", "pskc", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(doc)
}

// The keys RFC 6030 gives for figures 6 and 7.
const (
	figure6Key      = "12345678901234567890123456789012"
	figure7Password = "qwerty"
)

// decoded is a token as pskc_decode returns it, read back into Go for comparison.
type decoded struct {
	Secret, Type, HashAlgorithm string
	OTPLength                   int64
	Counter, TimeStep           *int64
}

func decodeTokens(t *testing.T, xml string, key attr.Value) map[string]decoded {
	t.Helper()
	v, err := call(t, functions.NewPSKCDecode(), str(xml), key)
	if err != nil {
		t.Fatalf("unexpected error: %s", err)
	}
	m, ok := v.(types.Map)
	if !ok {
		t.Fatalf("result is a %T, want a map", v)
	}
	var raw map[string]struct {
		Secret        types.String `tfsdk:"secret"`
		Type          types.String `tfsdk:"type"`
		OTPLength     types.Int64  `tfsdk:"otp_length"`
		HashAlgorithm types.String `tfsdk:"hash_algorithm"`
		Counter       types.Int64  `tfsdk:"counter"`
		TimeStep      types.Int64  `tfsdk:"time_step"`
	}
	if diags := m.ElementsAs(context.Background(), &raw, false); diags.HasError() {
		t.Fatal(diags)
	}
	out := map[string]decoded{}
	for serial, r := range raw {
		out[serial] = decoded{
			Secret: r.Secret.ValueString(), Type: r.Type.ValueString(), HashAlgorithm: r.HashAlgorithm.ValueString(),
			OTPLength: r.OTPLength.ValueInt64(), Counter: r.Counter.ValueInt64Pointer(), TimeStep: r.TimeStep.ValueInt64Pointer(),
		}
	}
	return out
}

func ptr(n int64) *int64 { return &n }

func wantDecoded(t *testing.T, got map[string]decoded, want map[string]decoded) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d tokens %v, want %d", len(got), got, len(want))
	}
	for serial, w := range want {
		g, ok := got[serial]
		if !ok {
			t.Fatalf("no token %q in %v", serial, got)
		}
		if g.Secret != w.Secret || g.Type != w.Type || g.HashAlgorithm != w.HashAlgorithm || g.OTPLength != w.OTPLength ||
			!sameInt(g.Counter, w.Counter) || !sameInt(g.TimeStep, w.TimeStep) {
			t.Errorf("%s: got %+v (counter %v, time step %v), want %+v (counter %v, time step %v)",
				serial, g, deref(g.Counter), deref(g.TimeStep), w, deref(w.Counter), deref(w.TimeStep))
		}
	}
}

func sameInt(a, b *int64) bool { return a == nil && b == nil || a != nil && b != nil && *a == *b }

func deref(p *int64) any {
	if p == nil {
		return "null"
	}
	return *p
}

// noKey is the key argument of a file in plain text.
var noKey = dyn(str(""))

var rfcToken = map[string]decoded{"987654321": {Secret: rfcSecret, Type: "HOTP", HashAlgorithm: "HmacSHA1", OTPLength: 8, Counter: ptr(0)}}

func TestPSKCDecodeRFC6030Figures(t *testing.T) {
	wantDecoded(t, decodeTokens(t, pskcFile(t, "rfc6030/figure3.xml"), noKey), rfcToken)
	wantDecoded(t, decodeTokens(t, pskcFile(t, "rfc6030/figure3.xml"), dyn(object(t, map[string]any{}))), rfcToken)

	keyMap, diags := types.MapValue(types.StringType, map[string]attr.Value{"preshared_key": str(figure6Key)})
	if diags.HasError() {
		t.Fatal(diags)
	}
	for name, key := range map[string]attr.Value{
		"string":                 dyn(str(figure6Key)),
		"object":                 dyn(object(t, map[string]any{"preshared_key": figure6Key})),
		"object with a null":     dyn(object(t, map[string]any{"preshared_key": figure6Key, "password": nil})),
		"map":                    dyn(keyMap),
		"string with separators": dyn(str("12345678-90123456-78901234-56789012")),
	} {
		t.Run("figure 6 with a "+name, func(t *testing.T) {
			wantDecoded(t, decodeTokens(t, pskcFile(t, "rfc6030/figure6.xml"), key), rfcToken)
		})
	}
	for name, key := range map[string]attr.Value{
		"string": dyn(str(figure7Password)),
		"object": dyn(object(t, map[string]any{"password": figure7Password})),
	} {
		t.Run("figure 7 with a "+name, func(t *testing.T) {
			wantDecoded(t, decodeTokens(t, pskcFile(t, "rfc6030/figure7.xml"), key), rfcToken)
		})
	}
}

func TestPSKCDecodeTOTPAndHOTP(t *testing.T) {
	wantDecoded(t, decodeTokens(t, pskcFile(t, "vendors/feitian-20120919.xml"), dyn(str(""))), map[string]decoded{
		"2600215704919": {Secret: "cd22b780fffd2d53696807ecd37f404dae393270", Type: "TOTP", HashAlgorithm: "HmacSHA1", OTPLength: 6, TimeStep: ptr(60)},
		"1000117803294": {Secret: "4dfa5f4fef099fdb3a158348c928bebb35e4222d", Type: "HOTP", HashAlgorithm: "HmacSHA1", OTPLength: 6, Counter: ptr(0)},
	})
}

func TestPSKCDecodeErrorsBlameTheRightArgument(t *testing.T) {
	figure6, figure7 := pskcFile(t, "rfc6030/figure6.xml"), pskcFile(t, "rfc6030/figure7.xml")
	cases := []struct {
		name     string
		xml      string
		key      attr.Value
		position int64
		want     string
	}{
		{"not XML", "<KeyContainer>", noKey, 0, "the document is not well-formed XML: line 1: unexpected EOF"},
		{"duplicate serial", pskcFile(t, "rfc6030/figure10.xml"), noKey, 0,
			`key package 4 (serial number "9999999", key Id "4"): has the same serial number as key package 3`},
		{"public key", pskcFile(t, "rfc6030/figure8.xml"), dyn(str(figure6Key)), 1, "encrypted with a public key"},
		{"no key", figure6, noKey, 1,
			`key package 1 (serial number "987654321", key Id "12345678"): the value is encrypted, and no key was given to decrypt it; pass the pre-shared key (hexadecimal) or the password as the second argument`},
		{"wrong key", figure6, dyn(str("00112233445566778899aabbccddeeff")), 1, "the key is wrong, or the file was altered"},
		{"wrong password", figure7, dyn(str("qwertz")), 1, "the key is wrong, or the file was altered"},
		{"password for a pre-shared key", figure6, dyn(object(t, map[string]any{"password": "qwerty"})), 1, "a password was given"},
		{"pre-shared key for a password", figure7, dyn(object(t, map[string]any{"preshared_key": figure6Key})), 1, "give the password"},
		{"both", figure6, dyn(object(t, map[string]any{"preshared_key": figure6Key, "password": "x"})), 1, "the key sets both preshared_key and password"},
		{"unknown attribute", figure6, dyn(object(t, map[string]any{"pre_shared_key": figure6Key})), 1, `the key has an attribute "pre_shared_key"`},
		{"number", figure6, dyn(num(1234)), 1, "the key must be null, a string, or an object with preshared_key or password, not a number"},
		{"empty password", figure7, dyn(object(t, map[string]any{"password": ""})), 1, "password must be a non-empty string"},
		{"pre-shared key not hex", figure6, dyn(object(t, map[string]any{"preshared_key": "1234 5678 zz"})), 1, "preshared_key is not hexadecimal: character 11"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := call(t, functions.NewPSKCDecode(), str(c.xml), c.key)
			wantError(t, err, c.position, c.want, rfcSecret, figure6Key, "qwerty")
		})
	}
}

// TestPSKCDecodeErrorsNeverContainASecret decodes generated files whose secret, key and
// password are distinctive, with every kind of wrong key, and searches the errors for them.
func TestPSKCDecodeErrorsNeverContainASecret(t *testing.T) {
	secret := []byte("Zebra-Quokka-7749-SECRET!")
	key := []byte("Kea-Kakapo-4321!")
	const password = "Wombat-Platypus-passphrase-8812"
	tokens := []pskctest.Token{{Serial: "LEAK1", Secret: secret}}
	preshared := string(pskctest.Write(tokens, &pskctest.Encryption{Key: key, MACKey: []byte("Narwhal-MAC-key-9934")}))
	derived := string(pskctest.Write(tokens, &pskctest.Encryption{Password: password, Salt: []byte("salt"), Iterations: 10, MACKey: []byte("Narwhal-MAC-key-9934")}))
	keyHex := hex.EncodeToString(key)
	forbidden := []string{string(secret), hex.EncodeToString(secret), keyHex, string(key), password, "Narwhal-MAC"}

	for name, c := range map[string]struct {
		xml string
		key attr.Value
	}{
		"no key":                     {preshared, noKey},
		"wrong key":                  {preshared, dyn(str(strings.Replace(keyHex, "4b", "4c", 1)))},
		"password as pre-shared key": {preshared, dyn(str(password))},
		"wrong password":             {derived, dyn(str(password + "!"))},
		"key for a password":         {derived, dyn(object(t, map[string]any{"preshared_key": keyHex}))},
		"key not hex":                {preshared, dyn(object(t, map[string]any{"preshared_key": keyHex + "zz"}))},
		"truncated in the secret":    {preshared[:strings.Index(preshared, "<pskc:ValueMAC>")+20], dyn(str(keyHex))},
		"short key":                  {preshared, dyn(str(keyHex[:30]))},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := call(t, functions.NewPSKCDecode(), str(c.xml), c.key)
			if err == nil {
				t.Fatal("no error: the case does not test what it says")
			}
			for _, f := range forbidden {
				if strings.Contains(strings.ToLower(err.Text), strings.ToLower(f)) {
					t.Fatalf("the error %q contains %q", err.Text, f)
				}
			}
		})
	}
	// The right keys open both files.
	got := decodeTokens(t, preshared, dyn(str(keyHex)))
	if got["LEAK1"].Secret != hex.EncodeToString(secret) {
		t.Fatalf("pre-shared key: got %+v", got)
	}
	got = decodeTokens(t, derived, dyn(str(password)))
	if got["LEAK1"].Secret != hex.EncodeToString(secret) {
		t.Fatalf("password: got %+v", got)
	}
}

// BenchmarkPSKCDecodeFunction10000 measures pskc_decode as the engine runs it, from the XML
// string to the map of 10,000 Terraform objects: "go test -run '^$' -bench PSKCDecodeFunction
// ./internal/functions/".
func BenchmarkPSKCDecodeFunction10000(b *testing.B) {
	enc := &pskctest.Encryption{Password: "bench password", Salt: []byte("bench salt"), Iterations: 1000, MACKey: []byte("bench mac key")}
	doc := str(string(pskctest.Write(pskctest.Tokens(10_000), enc)))
	key := dyn(str(enc.Password))
	ctx := context.Background()
	f := functions.NewPSKCDecode()
	var def functionDefinition
	f.Definition(ctx, def.request(), &def.response)
	b.ReportAllocs()
	for b.Loop() {
		result, funcErr := def.response.Definition.Return.NewResultData(ctx)
		if funcErr != nil {
			b.Fatal(funcErr)
		}
		resp := runResponse(result)
		f.Run(ctx, runRequest(doc, key), resp)
		if resp.Error != nil {
			b.Fatal(resp.Error)
		}
		if n := len(resp.Result.Value().(types.Map).Elements()); n != 10_000 {
			b.Fatalf("decoded %d tokens", n)
		}
	}
}
