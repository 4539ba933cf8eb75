package functions_test

import (
	"context"
	"math/big"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/function"

	"github.com/oathtokens/terraform-provider-pingone/internal/functions"
)

func bigFloat(n int64) *big.Float { return new(big.Float).SetInt64(n) }

// TestDefinitions checks what the registry documentation is generated from: every function the
// issue names exists, with a valid definition, a summary, a description that says which engines
// run it, and a description for every parameter.
func TestDefinitions(t *testing.T) {
	ctx := context.Background()
	want := []string{"pskc_decode", "base32_to_hex", "hex_to_base32", "hotp", "totp", "otpauth_uri"}
	var got []string
	for _, newFunction := range functions.All() {
		f := newFunction()
		var meta function.MetadataResponse
		f.Metadata(ctx, function.MetadataRequest{}, &meta)
		got = append(got, meta.Name)

		var def function.DefinitionResponse
		f.Definition(ctx, function.DefinitionRequest{}, &def)
		var validate function.DefinitionValidateResponse
		def.Definition.ValidateImplementation(ctx, function.DefinitionValidateRequest{FuncName: meta.Name}, &validate)
		if validate.Diagnostics.HasError() {
			t.Errorf("%s: %v", meta.Name, validate.Diagnostics)
		}
		d := def.Definition
		if d.Summary == "" || strings.HasSuffix(d.Summary, ".") {
			t.Errorf("%s: summary %q, want a phrase without a final period", meta.Name, d.Summary)
		}
		if !strings.Contains(d.MarkdownDescription, "Terraform 1.8 or later, or OpenTofu 1.7 or later") {
			t.Errorf("%s: the description does not say which engines run functions", meta.Name)
		}
		for _, p := range d.Parameters {
			if p.GetName() == "" || p.GetMarkdownDescription() == "" {
				t.Errorf("%s: parameter %q has no name or no description", meta.Name, p.GetName())
			}
		}
	}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("functions %v, want %v", got, want)
	}
}
