package pluginserver

import (
	"context"
	"math/big"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/oathtokens/terraform-provider-pingone/internal/provider"
)

// TestSecretDiagnosticsAreDetached validates a token whose secret is not hexadecimal and whose
// otp_length is not allowed: the engine must not be pointed at the secret's configuration line,
// which holds the secret, but the error about otp_length keeps its attribute.
func TestSecretDiagnosticsAreDetached(t *testing.T) {
	ctx := context.Background()
	server := newServer(provider.New("test"))
	config := resourceConfig(t, server, "pingone_oath_token", map[string]tftypes.Value{
		"environment_id": tftypes.NewValue(tftypes.String, "6a3a0c34-2f1c-4c4e-9d43-8c1e1f0b7a11"),
		"serial_number":  tftypes.NewValue(tftypes.String, "YK1"),
		"type":           tftypes.NewValue(tftypes.String, "HOTP"),
		"otp_length":     tftypes.NewValue(tftypes.Number, big.NewFloat(7)),
		"secret":         tftypes.NewValue(tftypes.String, "not-hex-LEAK"),
	})
	resp, err := server.ValidateResourceConfig(ctx, &tfprotov6.ValidateResourceConfigRequest{TypeName: "pingone_oath_token", Config: config})
	if err != nil {
		t.Fatal(err)
	}
	var sawSecret, sawLength bool
	for _, d := range resp.Diagnostics {
		switch {
		case d.Summary == "Invalid OATH token secret":
			sawSecret = true
			if d.Attribute != nil || !strings.Contains(d.Detail, "Attribute: secret.") {
				t.Errorf("the secret's error points at %v with detail %q: want no attribute, and the detail naming it", d.Attribute, d.Detail)
			}
		case strings.Contains(d.Detail, "otp_length"):
			sawLength = true
			if !d.Attribute.Equal(tftypes.NewAttributePath().WithAttributeName("otp_length")) {
				t.Errorf("the otp_length error points at %v, want otp_length", d.Attribute)
			}
		}
		if strings.Contains(d.Detail, "LEAK") || strings.Contains(d.Summary, "LEAK") {
			t.Errorf("a diagnostic quotes the secret: %s: %s", d.Summary, d.Detail)
		}
	}
	if !sawSecret || !sawLength {
		t.Fatalf("diagnostics %v: want one about the secret and one about otp_length", resp.Diagnostics)
	}
}

// TestSecretNames finds the provider's secret attributes in its schemas, nested ones too.
func TestSecretNames(t *testing.T) {
	s := newSecretAttributes(newServer(provider.New("test")))
	s.load(context.Background())
	for block, names := range map[string][]string{
		"provider":                                    {"client_secret", "api_access_token"},
		"resource pingone_oath_token":                 {"secret", "secret_wo"},
		"resource pingone_oath_token_set":             {"secrets", "secrets_wo"},
		"resource pingone_user_mfa_device_oath_token": {"activation_secret", "activation_secret_wo"},
	} {
		for _, name := range names {
			if !s.byBlock[block][name] {
				t.Errorf("%s: %s is not known as a secret (known: %v)", block, name, s.byBlock[block])
			}
		}
	}
	nested := secretNames(&tfprotov6.SchemaBlock{BlockTypes: []*tfprotov6.SchemaNestedBlock{{
		TypeName: "activation", Block: &tfprotov6.SchemaBlock{Attributes: []*tfprotov6.SchemaAttribute{{Name: "seed", Sensitive: true}}},
	}}}, "")
	if !nested["activation.seed"] {
		t.Errorf("secretNames of a nested block = %v, want activation.seed", nested)
	}
	at := tftypes.NewAttributePath().WithAttributeName("secrets").WithElementKeyString("YK1")
	if !aboutSecret(at, s.byBlock["resource pingone_oath_token_set"]) || attributePathText(at) != `secrets["YK1"]` {
		t.Errorf("secrets[\"YK1\"]: about a secret %v, written %s", aboutSecret(at, s.byBlock["resource pingone_oath_token_set"]), attributePathText(at))
	}
}

// resourceConfig is a configuration of a resource type: the given attributes, the others null.
func resourceConfig(t *testing.T, server tfprotov6.ProviderServer, typeName string, attrs map[string]tftypes.Value) *tfprotov6.DynamicValue {
	t.Helper()
	schemas, err := server.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	typ := schemas.ResourceSchemas[typeName].ValueType().(tftypes.Object)
	all := map[string]tftypes.Value{}
	for name, at := range typ.AttributeTypes {
		all[name] = tftypes.NewValue(at, nil)
		if v, ok := attrs[name]; ok {
			all[name] = v
		}
	}
	config, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, all))
	if err != nil {
		t.Fatal(err)
	}
	return &config
}
