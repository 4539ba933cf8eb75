package pluginserver

import (
	"context"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// secretSafeServer detaches from secret attributes every diagnostic of every RPC that can report
// one about a provider, resource or data source configuration (secret_diagnostics.go).
type secretSafeServer struct {
	releasingServer
	secrets *secretAttributes
}

// detached runs one RPC of next and detaches its response's diagnostics, which diags points
// at, from the secret attributes of block ("provider", "resource <type>" or "data <type>").
func detached[Req, Resp any](ctx context.Context, secrets *secretAttributes, block string, req Req,
	next func(context.Context, Req) (*Resp, error), diags func(*Resp) *[]*tfprotov6.Diagnostic) (*Resp, error) {
	resp, err := next(ctx, req)
	if resp != nil {
		d := diags(resp)
		*d = secrets.detach(ctx, block, *d)
	}
	return resp, err
}

func (s secretSafeServer) ValidateProviderConfig(ctx context.Context, req *tfprotov6.ValidateProviderConfigRequest) (*tfprotov6.ValidateProviderConfigResponse, error) {
	return detached(ctx, s.secrets, "provider", req, s.releasingServer.ValidateProviderConfig,
		func(r *tfprotov6.ValidateProviderConfigResponse) *[]*tfprotov6.Diagnostic { return &r.Diagnostics })
}

func (s secretSafeServer) ConfigureProvider(ctx context.Context, req *tfprotov6.ConfigureProviderRequest) (*tfprotov6.ConfigureProviderResponse, error) {
	return detached(ctx, s.secrets, "provider", req, s.releasingServer.ConfigureProvider,
		func(r *tfprotov6.ConfigureProviderResponse) *[]*tfprotov6.Diagnostic { return &r.Diagnostics })
}

func (s secretSafeServer) ValidateResourceConfig(ctx context.Context, req *tfprotov6.ValidateResourceConfigRequest) (*tfprotov6.ValidateResourceConfigResponse, error) {
	return detached(ctx, s.secrets, "resource "+req.TypeName, req, s.releasingServer.ValidateResourceConfig,
		func(r *tfprotov6.ValidateResourceConfigResponse) *[]*tfprotov6.Diagnostic { return &r.Diagnostics })
}

func (s secretSafeServer) UpgradeResourceState(ctx context.Context, req *tfprotov6.UpgradeResourceStateRequest) (*tfprotov6.UpgradeResourceStateResponse, error) {
	return detached(ctx, s.secrets, "resource "+req.TypeName, req, s.releasingServer.UpgradeResourceState,
		func(r *tfprotov6.UpgradeResourceStateResponse) *[]*tfprotov6.Diagnostic { return &r.Diagnostics })
}

func (s secretSafeServer) ReadResource(ctx context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	return detached(ctx, s.secrets, "resource "+req.TypeName, req, s.releasingServer.ReadResource,
		func(r *tfprotov6.ReadResourceResponse) *[]*tfprotov6.Diagnostic { return &r.Diagnostics })
}

func (s secretSafeServer) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	return detached(ctx, s.secrets, "resource "+req.TypeName, req, s.releasingServer.PlanResourceChange,
		func(r *tfprotov6.PlanResourceChangeResponse) *[]*tfprotov6.Diagnostic { return &r.Diagnostics })
}

func (s secretSafeServer) ApplyResourceChange(ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	return detached(ctx, s.secrets, "resource "+req.TypeName, req, s.releasingServer.ApplyResourceChange,
		func(r *tfprotov6.ApplyResourceChangeResponse) *[]*tfprotov6.Diagnostic { return &r.Diagnostics })
}

func (s secretSafeServer) ImportResourceState(ctx context.Context, req *tfprotov6.ImportResourceStateRequest) (*tfprotov6.ImportResourceStateResponse, error) {
	return detached(ctx, s.secrets, "resource "+req.TypeName, req, s.releasingServer.ImportResourceState,
		func(r *tfprotov6.ImportResourceStateResponse) *[]*tfprotov6.Diagnostic { return &r.Diagnostics })
}

func (s secretSafeServer) ValidateDataResourceConfig(ctx context.Context, req *tfprotov6.ValidateDataResourceConfigRequest) (*tfprotov6.ValidateDataResourceConfigResponse, error) {
	return detached(ctx, s.secrets, "data "+req.TypeName, req, s.releasingServer.ValidateDataResourceConfig,
		func(r *tfprotov6.ValidateDataResourceConfigResponse) *[]*tfprotov6.Diagnostic { return &r.Diagnostics })
}

func (s secretSafeServer) ReadDataSource(ctx context.Context, req *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
	return detached(ctx, s.secrets, "data "+req.TypeName, req, s.releasingServer.ReadDataSource,
		func(r *tfprotov6.ReadDataSourceResponse) *[]*tfprotov6.Diagnostic { return &r.Diagnostics })
}
