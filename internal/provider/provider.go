// Package provider wires the PingOne provider together: its configuration schema, the client it
// builds once per run, and the resources, data sources and functions it offers.
package provider

import (
	"context"
	"sync/atomic"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/oathtokens/terraform-provider-pingone/internal/functions"
	"github.com/oathtokens/terraform-provider-pingone/internal/pingone"
	"github.com/oathtokens/terraform-provider-pingone/internal/service/mfa"
)

var (
	_ provider.Provider                  = (*pingOneProvider)(nil)
	_ provider.ProviderWithFunctions     = (*pingOneProvider)(nil)
	_ provider.ProviderWithListResources = (*pingOneProvider)(nil)
)

// New returns a constructor for the provider at the given version, as providerserver expects.
func New(version string) func() provider.Provider {
	return func() provider.Provider {
		return &pingOneProvider{version: version}
	}
}

type pingOneProvider struct {
	version string
	// configured is what Configure made, for the RPCs served without the framework (whose
	// resources get it through their own Configure).
	configured atomic.Pointer[configuration]
}

// configuration is the outcome of Configure: the client, or deferred when the provider's
// settings are not known yet and the engine can wait for them.
type configuration struct {
	client   *pingone.Client
	deferred bool
}

// ResourcePlanners returns the resource types that the plugin server plans without the
// framework, and how (internal/pluginserver): the token set, whose plan the framework makes in
// quadratic time.
func (p *pingOneProvider) ResourcePlanners() map[string]func(context.Context, *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	return map[string]func(context.Context, *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error){
		mfa.OATHTokenSetTypeName: mfa.PlanOATHTokenSet(p.configuration),
	}
}

// ResourceReaders returns the resource types whose ReadResource the plugin server serves without
// the framework: the token set, whose whole state the framework walks after each read.
func (p *pingOneProvider) ResourceReaders() map[string]func(context.Context, *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	return map[string]func(context.Context, *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error){
		mfa.OATHTokenSetTypeName: mfa.ReadOATHTokenSet(p.configuration),
	}
}

// ResourceAppliers returns the resource types whose ApplyResourceChange the plugin server serves
// without the framework: the token set, as for its reads.
func (p *pingOneProvider) ResourceAppliers() map[string]func(context.Context, *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	return map[string]func(context.Context, *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error){
		mfa.OATHTokenSetTypeName: mfa.ApplyOATHTokenSet(p.configuration),
	}
}

func (p *pingOneProvider) configuration() (*pingone.Client, bool) {
	if c := p.configured.Load(); c != nil {
		return c.client, c.deferred
	}
	return nil, false
}

func (p *pingOneProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = TypeName
	resp.Version = p.version
}

func (p *pingOneProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = providerSchema()
}

func (p *pingOneProvider) Resources(context.Context) []func() resource.Resource {
	return mfa.Resources()
}

func (p *pingOneProvider) DataSources(context.Context) []func() datasource.DataSource {
	return mfa.DataSources()
}

func (p *pingOneProvider) ListResources(context.Context) []func() list.ListResource {
	return mfa.ListResources()
}

func (p *pingOneProvider) Functions(context.Context) []func() function.Function {
	return functions.All()
}
