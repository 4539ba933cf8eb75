package mfa

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// TestFrameworkWantsIdentityOnRemoval probes terraform-plugin-framework v1.19: a Read that
// removes its resource (the token was revoked outside Terraform) and returns no identity fails
// with "Missing Resource Identity After Read", which is what happens on engines that keep no
// identity. So oathTokenResource.Read returns the identity the token had when it removes it.
// This test fails once the framework accepts a removal without identity; the workaround can go.
func TestFrameworkWantsIdentityOnRemoval(t *testing.T) {
	server := providerserver.NewProtocol6(probeProvider{})()
	typ := tftypes.Object{AttributeTypes: map[string]tftypes.Type{"id": tftypes.String}}
	state, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, map[string]tftypes.Value{
		"id": tftypes.NewValue(tftypes.String, "gone"),
	}))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := server.ReadResource(context.Background(), &tfprotov6.ReadResourceRequest{
		TypeName: "probe_thing", CurrentState: &state,
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range resp.Diagnostics {
		if strings.Contains(d.Summary, "Missing Resource Identity After Read") {
			return
		}
	}
	t.Errorf("the framework accepted a removal without identity (diagnostics %v): Read no longer needs to return "+
		"the identity of a token it removes", resp.Diagnostics)
}

type probeProvider struct{}

func (probeProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "probe"
}
func (probeProvider) Schema(context.Context, provider.SchemaRequest, *provider.SchemaResponse) {}
func (probeProvider) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}
func (probeProvider) DataSources(context.Context) []func() datasource.DataSource { return nil }
func (probeProvider) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{func() resource.Resource { return probeResource{} }}
}

// probeResource has an identity, and its Read always finds the object gone.
type probeResource struct{}

var _ resource.ResourceWithIdentity = probeResource{}

func (probeResource) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = "probe_thing"
}
func (probeResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{Attributes: map[string]schema.Attribute{"id": schema.StringAttribute{Computed: true}}}
}
func (probeResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identityschema.Schema{Attributes: map[string]identityschema.Attribute{
		"id": identityschema.StringAttribute{RequiredForImport: true},
	}}
}
func (probeResource) Create(context.Context, resource.CreateRequest, *resource.CreateResponse) {}
func (probeResource) Read(ctx context.Context, _ resource.ReadRequest, resp *resource.ReadResponse) {
	resp.State.RemoveResource(ctx)
}
func (probeResource) Update(context.Context, resource.UpdateRequest, *resource.UpdateResponse) {}
func (probeResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}
