package pluginserver

import (
	"context"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// releasingServer works around a leak in terraform-plugin-framework v1.19: its server appends the
// cancel function of every RPC's context to a list, so that StopProvider can cancel them, and never
// removes it, which keeps every RPC's context reachable until the process exits, with the loggers
// and request values terraform-plugin-go attached to it. At 1000 tokens that was 15–20 KB per RPC
// and the largest part of the provider's memory (BENCHMARKS.md, finding 3).
//
// The wrapper hands the framework an rpcContext for each RPC the engine makes once per resource
// instance, and releases it when the RPC returns, so what the framework keeps is a few hundred
// bytes. The RPCs made once per process (schema, configure, stop) pass straight through.
// StopProvider still cancels every RPC in flight: an rpcContext forwards cancellation until it is
// released.
type releasingServer struct {
	tfprotov6.ProviderServer
	// rpcs are the RPCs of resource types served without the framework (resource_rpcs.go).
	rpcs resourceRPCs
}

// withReleasedContext runs one RPC of next with an rpcContext, released when it returns.
func withReleasedContext[Req, Resp any](ctx context.Context, req Req, next func(context.Context, Req) (Resp, error)) (Resp, error) {
	rpcCtx := newRPCContext(ctx)
	defer rpcCtx.release()
	return next(rpcCtx, req)
}

func (s releasingServer) ValidateResourceConfig(ctx context.Context, req *tfprotov6.ValidateResourceConfigRequest) (*tfprotov6.ValidateResourceConfigResponse, error) {
	return withReleasedContext(ctx, req, s.ProviderServer.ValidateResourceConfig)
}

func (s releasingServer) UpgradeResourceState(ctx context.Context, req *tfprotov6.UpgradeResourceStateRequest) (*tfprotov6.UpgradeResourceStateResponse, error) {
	return withReleasedContext(ctx, req, s.ProviderServer.UpgradeResourceState)
}

func (s releasingServer) ImportResourceState(ctx context.Context, req *tfprotov6.ImportResourceStateRequest) (*tfprotov6.ImportResourceStateResponse, error) {
	return withReleasedContext(ctx, req, s.ProviderServer.ImportResourceState)
}

func (s releasingServer) ValidateDataResourceConfig(ctx context.Context, req *tfprotov6.ValidateDataResourceConfigRequest) (*tfprotov6.ValidateDataResourceConfigResponse, error) {
	return withReleasedContext(ctx, req, s.ProviderServer.ValidateDataResourceConfig)
}

func (s releasingServer) ReadDataSource(ctx context.Context, req *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
	return withReleasedContext(ctx, req, s.ProviderServer.ReadDataSource)
}
