package pluginserver

import (
	"context"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// The RPCs of one resource type that a provider may serve on terraform-plugin-go instead of
// through terraform-plugin-framework, which still serves the type's schema, validation, state
// upgrades and imports. The PingOne provider serves its token set's plans, reads and applies
// this way: the framework v1.19 plans a large map of nested objects in quadratic time, and ends
// each read and apply with a walk of the whole state that costs more memory than the rest
// (internal/service/mfa/oath_token_set_planner.go and oath_token_set_server.go).
type (
	planFunc  = func(context.Context, *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error)
	readFunc  = func(context.Context, *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error)
	applyFunc = func(context.Context, *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error)
)

// resourcePlanners, resourceReaders and resourceAppliers are implemented by a provider that
// serves those RPCs of some resource types itself, by type name.
type (
	resourcePlanners interface {
		ResourcePlanners() map[string]planFunc
	}
	resourceReaders interface {
		ResourceReaders() map[string]readFunc
	}
	resourceAppliers interface {
		ResourceAppliers() map[string]applyFunc
	}
)

// resourceRPCs are the RPCs served without the framework, by resource type.
type resourceRPCs struct {
	planners map[string]planFunc
	readers  map[string]readFunc
	appliers map[string]applyFunc
}

// resourceRPCsOf collects what p serves itself.
func resourceRPCsOf(p any) resourceRPCs {
	var rpcs resourceRPCs
	if planners, ok := p.(resourcePlanners); ok {
		rpcs.planners = planners.ResourcePlanners()
	}
	if readers, ok := p.(resourceReaders); ok {
		rpcs.readers = readers.ResourceReaders()
	}
	if appliers, ok := p.(resourceAppliers); ok {
		rpcs.appliers = appliers.ResourceAppliers()
	}
	return rpcs
}

func (s releasingServer) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	if plan, ok := s.rpcs.planners[req.TypeName]; ok {
		return plan(ctx, req)
	}
	return withReleasedContext(ctx, req, s.ProviderServer.PlanResourceChange)
}

func (s releasingServer) ReadResource(ctx context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	if read, ok := s.rpcs.readers[req.TypeName]; ok {
		return read(ctx, req)
	}
	return withReleasedContext(ctx, req, s.ProviderServer.ReadResource)
}

func (s releasingServer) ApplyResourceChange(ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	if apply, ok := s.rpcs.appliers[req.TypeName]; ok {
		return apply(ctx, req)
	}
	return withReleasedContext(ctx, req, s.ProviderServer.ApplyResourceChange)
}
