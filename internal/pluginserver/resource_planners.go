package pluginserver

import (
	"context"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// planFunc plans one resource type's changes: PlanResourceChange on terraform-plugin-go.
type planFunc = func(context.Context, *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error)

// resourcePlanners is implemented by a provider that plans some of its resource types itself
// instead of through terraform-plugin-framework, by type name. The framework still serves their
// schema and every other RPC. The PingOne provider plans its token set this way, because the
// framework v1.19 plans a large map of nested objects in quadratic time
// (internal/service/mfa/oath_token_set_planner.go).
type resourcePlanners interface {
	ResourcePlanners() map[string]planFunc
}

func (s releasingServer) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	if plan, ok := s.planners[req.TypeName]; ok {
		return plan(ctx, req)
	}
	return withReleasedContext(ctx, req, s.ProviderServer.PlanResourceChange)
}
