// Command noop-provider is the benchmark harness's "framework floor": a provider built on the
// same terraform-plugin-framework, served the same way as the real one, whose benchnoop_token
// resource has the OATH token's attributes and calls no API. The difference between it and
// terraform_data is what the plugin protocol and the framework cost any provider; the difference
// between the real provider and it is what this provider's own code and its API calls cost.
package main

import (
	"context"
	"log"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/oathtokens/terraform-provider-pingone/internal/pluginserver"
)

func main() {
	err := pluginserver.Serve("registry.terraform.io/oathtokens/benchnoop", func() provider.Provider { return noopProvider{} }, false)
	if err != nil {
		log.Fatal(err)
	}
}

type noopProvider struct{}

func (noopProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "benchnoop"
}

func (noopProvider) Schema(context.Context, provider.SchemaRequest, *provider.SchemaResponse) {}

func (noopProvider) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}

func (noopProvider) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{func() resource.Resource { return tokenResource{} }}
}

func (noopProvider) DataSources(context.Context) []func() datasource.DataSource { return nil }

type tokenResource struct{}

type tokenModel struct {
	ID            types.String `tfsdk:"id"`
	EnvironmentID types.String `tfsdk:"environment_id"`
	SerialNumber  types.String `tfsdk:"serial_number"`
	Type          types.String `tfsdk:"type"`
	OTPLength     types.Int64  `tfsdk:"otp_length"`
	Secret        types.String `tfsdk:"secret"`
	HashAlgorithm types.String `tfsdk:"hash_algorithm"`
	CreatedAt     types.String `tfsdk:"created_at"`
}

func (tokenResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_token"
}

func (tokenResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	keep := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	resp.Schema = schema.Schema{Attributes: map[string]schema.Attribute{
		"id":             schema.StringAttribute{Computed: true, PlanModifiers: keep},
		"environment_id": schema.StringAttribute{Required: true, PlanModifiers: replace},
		"serial_number":  schema.StringAttribute{Required: true, PlanModifiers: replace},
		"type":           schema.StringAttribute{Required: true, PlanModifiers: replace},
		"otp_length":     schema.Int64Attribute{Required: true},
		"secret":         schema.StringAttribute{Optional: true, Sensitive: true, PlanModifiers: replace},
		"hash_algorithm": schema.StringAttribute{Optional: true, Computed: true, PlanModifiers: keep},
		"created_at":     schema.StringAttribute{Computed: true, PlanModifiers: keep},
	}}
}

func (tokenResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var m tokenModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	m.ID = m.SerialNumber
	if m.HashAlgorithm.IsUnknown() {
		m.HashAlgorithm = types.StringValue("HmacSHA1")
	}
	m.CreatedAt = types.StringValue("2026-01-01T00:00:00Z")
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (tokenResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var m tokenModel
	resp.Diagnostics.Append(req.State.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (tokenResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var m tokenModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (tokenResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}
