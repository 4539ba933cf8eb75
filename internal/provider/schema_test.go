package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
)

// TestProviderSchema checks that the provider's schema is valid for the framework and that every
// attribute, nested ones included, has a description: the generated docs are made from them.
func TestProviderSchema(t *testing.T) {
	ctx := context.Background()
	var resp provider.SchemaResponse
	New("test")().Schema(ctx, provider.SchemaRequest{}, &resp)
	if resp.Diagnostics.HasError() {
		t.Fatalf("Schema: %v", resp.Diagnostics)
	}
	if diags := resp.Schema.ValidateImplementation(ctx); diags.HasError() {
		t.Fatalf("ValidateImplementation: %v", diags)
	}
	if resp.Schema.MarkdownDescription == "" {
		t.Error("the provider has no description")
	}
	for name, a := range resp.Schema.Attributes {
		if a.GetMarkdownDescription() == "" {
			t.Errorf("attribute %s has no description", name)
		}
	}
	for name, b := range resp.Schema.Blocks {
		if b.GetMarkdownDescription() == "" {
			t.Errorf("block %s has no description", name)
		}
		if nested, ok := b.(schema.SingleNestedBlock); ok {
			for attr, a := range nested.Attributes {
				if a.GetMarkdownDescription() == "" {
					t.Errorf("attribute %s.%s has no description", name, attr)
				}
			}
		}
	}
}
