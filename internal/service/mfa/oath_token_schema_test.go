package mfa

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
)

// TestResourceSchemas checks that every resource schema is valid for the framework and that every
// attribute, nested ones included, has a description: the generated docs are made from them.
func TestResourceSchemas(t *testing.T) {
	ctx := context.Background()
	for _, newResource := range Resources() {
		r := newResource()
		var meta resource.MetadataResponse
		r.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "pingone"}, &meta)
		t.Run(meta.TypeName, func(t *testing.T) {
			var resp resource.SchemaResponse
			r.Schema(ctx, resource.SchemaRequest{}, &resp)
			if resp.Diagnostics.HasError() {
				t.Fatalf("Schema: %v", resp.Diagnostics)
			}
			if diags := resp.Schema.ValidateImplementation(ctx); diags.HasError() {
				t.Fatalf("ValidateImplementation: %v", diags)
			}
			if resp.Schema.MarkdownDescription == "" {
				t.Error("the resource has no description")
			}
			requireResourceDescriptions(t, "", resp.Schema.Attributes)
		})
	}
}

func requireResourceDescriptions(t *testing.T, prefix string, attrs map[string]schema.Attribute) {
	t.Helper()
	for name, a := range attrs {
		if a.GetMarkdownDescription() == "" {
			t.Errorf("attribute %s%s has no description", prefix, name)
		}
		switch n := a.(type) {
		case schema.SingleNestedAttribute:
			requireResourceDescriptions(t, prefix+name+".", n.Attributes)
		case schema.ListNestedAttribute:
			requireResourceDescriptions(t, prefix+name+".", n.NestedObject.Attributes)
		case schema.MapNestedAttribute:
			requireResourceDescriptions(t, prefix+name+".", n.NestedObject.Attributes)
		case schema.SetNestedAttribute:
			requireResourceDescriptions(t, prefix+name+".", n.NestedObject.Attributes)
		}
	}
}
