// Command noop-provider is the benchmark harness's "framework floor": a provider built on the
// same terraform-plugin-framework, served the same way as the real one, whose benchnoop_token
// resource has pingone_oath_token's schema (the same attributes, nesting and timeouts block) and
// calls no API. The difference between it and
// terraform_data is what the plugin protocol and the framework cost any provider; the difference
// between the real provider and it is what this provider's own code and its API calls cost.
package main

import (
	"context"
	"log"

	"github.com/hashicorp/terraform-plugin-framework/attr"
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

// tokenModel has every attribute of pingone_oath_token, nested ones and the timeouts block
// included, so that the floor pays the framework's cost of the same schema: the framework walks
// every attribute of the schema in every plan, whatever the resource does with it.
type tokenModel struct {
	ID                    types.String `tfsdk:"id"`
	EnvironmentID         types.String `tfsdk:"environment_id"`
	SerialNumber          types.String `tfsdk:"serial_number"`
	Type                  types.String `tfsdk:"type"`
	OTPLength             types.Int64  `tfsdk:"otp_length"`
	Secret                types.String `tfsdk:"secret"`
	SecretWO              types.String `tfsdk:"secret_wo"`
	SecretWOVersion       types.Int64  `tfsdk:"secret_wo_version"`
	HashAlgorithm         types.String `tfsdk:"hash_algorithm"`
	HOTP                  types.Object `tfsdk:"hotp"`
	TOTP                  types.Object `tfsdk:"totp"`
	CreatedAt             types.String `tfsdk:"created_at"`
	UpdatedAt             types.String `tfsdk:"updated_at"`
	PairedDevices         types.List   `tfsdk:"paired_devices"`
	AllowRevokeWhenPaired types.Bool   `tfsdk:"allow_revoke_when_paired"`
	Timeouts              types.Object `tfsdk:"timeouts"`
}

var (
	hotpTypes   = map[string]attr.Type{"counter": types.Int64Type}
	deviceTypes = map[string]attr.Type{"device_id": types.StringType, "user_id": types.StringType}
)

func (tokenResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_token"
}

func (tokenResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	keep := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	resp.Schema = schema.Schema{
		Attributes: map[string]schema.Attribute{
			"id":                schema.StringAttribute{Computed: true, PlanModifiers: keep},
			"environment_id":    schema.StringAttribute{Required: true, PlanModifiers: replace},
			"serial_number":     schema.StringAttribute{Required: true, PlanModifiers: replace},
			"type":              schema.StringAttribute{Required: true, PlanModifiers: replace},
			"otp_length":        schema.Int64Attribute{Required: true},
			"secret":            schema.StringAttribute{Optional: true, Sensitive: true, PlanModifiers: replace},
			"secret_wo":         schema.StringAttribute{Optional: true, Sensitive: true, WriteOnly: true},
			"secret_wo_version": schema.Int64Attribute{Optional: true},
			"hash_algorithm":    schema.StringAttribute{Optional: true, Computed: true, PlanModifiers: keep},
			"hotp": schema.SingleNestedAttribute{Optional: true, Computed: true, Attributes: map[string]schema.Attribute{
				"counter": schema.Int64Attribute{Optional: true, Computed: true},
			}},
			"totp": schema.SingleNestedAttribute{Optional: true, Attributes: map[string]schema.Attribute{
				"time_step": schema.Int64Attribute{Required: true},
				"drift":     schema.Int64Attribute{Computed: true},
			}},
			"created_at": schema.StringAttribute{Computed: true, PlanModifiers: keep},
			"updated_at": schema.StringAttribute{Computed: true, PlanModifiers: keep},
			"paired_devices": schema.ListNestedAttribute{Computed: true, NestedObject: schema.NestedAttributeObject{
				Attributes: map[string]schema.Attribute{
					"device_id": schema.StringAttribute{Computed: true},
					"user_id":   schema.StringAttribute{Computed: true},
				},
			}},
			"allow_revoke_when_paired": schema.BoolAttribute{Optional: true, Computed: true},
		},
		Blocks: map[string]schema.Block{
			"timeouts": schema.SingleNestedBlock{Attributes: map[string]schema.Attribute{
				"create": schema.StringAttribute{Optional: true},
				"read":   schema.StringAttribute{Optional: true},
				"delete": schema.StringAttribute{Optional: true},
			}},
		},
	}
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
	if m.HOTP.IsUnknown() {
		m.HOTP = types.ObjectValueMust(hotpTypes, map[string]attr.Value{"counter": types.Int64Value(0)})
	}
	if m.AllowRevokeWhenPaired.IsUnknown() {
		m.AllowRevokeWhenPaired = types.BoolValue(false)
	}
	m.CreatedAt = types.StringValue("2026-01-01T00:00:00Z")
	m.UpdatedAt = m.CreatedAt
	m.PairedDevices = types.ListValueMust(types.ObjectType{AttrTypes: deviceTypes}, nil)
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
