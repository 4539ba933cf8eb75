package mfa

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
)

// TestDataSourceSchemas checks that both schemas are valid for the framework and that every
// attribute, nested ones included, has a description: the generated docs are made from them.
func TestDataSourceSchemas(t *testing.T) {
	ctx := context.Background()
	for _, ds := range []datasource.DataSource{NewOATHTokenDataSource(), NewOATHTokensDataSource()} {
		var meta datasource.MetadataResponse
		ds.Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: "pingone"}, &meta)
		t.Run(meta.TypeName, func(t *testing.T) {
			var resp datasource.SchemaResponse
			ds.Schema(ctx, datasource.SchemaRequest{}, &resp)
			if resp.Diagnostics.HasError() {
				t.Fatalf("Schema: %v", resp.Diagnostics)
			}
			if diags := resp.Schema.ValidateImplementation(ctx); diags.HasError() {
				t.Fatalf("ValidateImplementation: %v", diags)
			}
			if resp.Schema.MarkdownDescription == "" {
				t.Error("the data source has no description")
			}
			requireDescriptions(t, "", resp.Schema.Attributes)
		})
	}
}

func requireDescriptions(t *testing.T, prefix string, attrs map[string]schema.Attribute) {
	t.Helper()
	for name, a := range attrs {
		if a.GetMarkdownDescription() == "" {
			t.Errorf("attribute %s%s has no description", prefix, name)
		}
		switch n := a.(type) {
		case schema.SingleNestedAttribute:
			requireDescriptions(t, prefix+name+".", n.Attributes)
		case schema.ListNestedAttribute:
			requireDescriptions(t, prefix+name+".", n.NestedObject.Attributes)
		}
	}
}
