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

func (s secretSafeServer) ValidateProviderConfig(ctx context.Context, req *tfprotov6.ValidateProviderConfigRequest) (*tfprotov6.ValidateProviderConfigResponse, error) {
	resp, err := s.releasingServer.ValidateProviderConfig(ctx, req)
	if resp != nil {
		resp.Diagnostics = s.secrets.detach(ctx, "provider", resp.Diagnostics)
	}
	return resp, err
}

func (s secretSafeServer) ConfigureProvider(ctx context.Context, req *tfprotov6.ConfigureProviderRequest) (*tfprotov6.ConfigureProviderResponse, error) {
	resp, err := s.releasingServer.ConfigureProvider(ctx, req)
	if resp != nil {
		resp.Diagnostics = s.secrets.detach(ctx, "provider", resp.Diagnostics)
	}
	return resp, err
}

func (s secretSafeServer) ValidateResourceConfig(ctx context.Context, req *tfprotov6.ValidateResourceConfigRequest) (*tfprotov6.ValidateResourceConfigResponse, error) {
	resp, err := s.releasingServer.ValidateResourceConfig(ctx, req)
	if resp != nil {
		resp.Diagnostics = s.secrets.detach(ctx, "resource "+req.TypeName, resp.Diagnostics)
	}
	return resp, err
}

func (s secretSafeServer) UpgradeResourceState(ctx context.Context, req *tfprotov6.UpgradeResourceStateRequest) (*tfprotov6.UpgradeResourceStateResponse, error) {
	resp, err := s.releasingServer.UpgradeResourceState(ctx, req)
	if resp != nil {
		resp.Diagnostics = s.secrets.detach(ctx, "resource "+req.TypeName, resp.Diagnostics)
	}
	return resp, err
}

func (s secretSafeServer) ReadResource(ctx context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	resp, err := s.releasingServer.ReadResource(ctx, req)
	if resp != nil {
		resp.Diagnostics = s.secrets.detach(ctx, "resource "+req.TypeName, resp.Diagnostics)
	}
	return resp, err
}

func (s secretSafeServer) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	resp, err := s.releasingServer.PlanResourceChange(ctx, req)
	if resp != nil {
		resp.Diagnostics = s.secrets.detach(ctx, "resource "+req.TypeName, resp.Diagnostics)
	}
	return resp, err
}

func (s secretSafeServer) ApplyResourceChange(ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	resp, err := s.releasingServer.ApplyResourceChange(ctx, req)
	if resp != nil {
		resp.Diagnostics = s.secrets.detach(ctx, "resource "+req.TypeName, resp.Diagnostics)
	}
	return resp, err
}

func (s secretSafeServer) ImportResourceState(ctx context.Context, req *tfprotov6.ImportResourceStateRequest) (*tfprotov6.ImportResourceStateResponse, error) {
	resp, err := s.releasingServer.ImportResourceState(ctx, req)
	if resp != nil {
		resp.Diagnostics = s.secrets.detach(ctx, "resource "+req.TypeName, resp.Diagnostics)
	}
	return resp, err
}

func (s secretSafeServer) ValidateDataResourceConfig(ctx context.Context, req *tfprotov6.ValidateDataResourceConfigRequest) (*tfprotov6.ValidateDataResourceConfigResponse, error) {
	resp, err := s.releasingServer.ValidateDataResourceConfig(ctx, req)
	if resp != nil {
		resp.Diagnostics = s.secrets.detach(ctx, "data "+req.TypeName, resp.Diagnostics)
	}
	return resp, err
}

func (s secretSafeServer) ReadDataSource(ctx context.Context, req *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
	resp, err := s.releasingServer.ReadDataSource(ctx, req)
	if resp != nil {
		resp.Diagnostics = s.secrets.detach(ctx, "data "+req.TypeName, resp.Diagnostics)
	}
	return resp, err
}
