package mfa

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/oathtokens/terraform-provider-pingone/internal/diagnostics"
	"github.com/oathtokens/terraform-provider-pingone/internal/pingone"
)

// The set's reads and applies are served here, on terraform-plugin-go, as its plans are
// (oath_token_set_planner.go), with the same code as the framework's Read, Create, Update and
// Delete. terraform-plugin-framework v1.19 ends each ReadResource and ApplyResourceChange by
// walking the whole new state to null its write-only attributes, and gives every value on the way
// a logging context of its own: at 10,000 tokens that walk held more memory than everything else
// the provider does (over 40 MB live) and took about 1.5 s of CPU. The set has one write-only
// attribute, secrets_wo, at the top: it is nulled here in one step.

// ReadOATHTokenSet returns the set's ReadResource.
func ReadOATHTokenSet(configured SetConfiguration) func(context.Context, *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	return func(ctx context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
		defer tightenGCFor(req.CurrentState)()
		resp := &tfprotov6.ReadResourceResponse{NewState: req.CurrentState, Private: req.Private}
		client, deferred := configured()
		if deferred {
			// As the framework does: the provider's configuration is not known yet.
			resp.Deferred = &tfprotov6.Deferred{Reason: tfprotov6.DeferredReasonProviderConfigUnknown}
			return resp, nil
		}
		state, err := dynamicValue(req.CurrentState, setObjectType())
		if err != nil {
			return setRPCFailed(resp, &resp.Diagnostics, "Read", "state", err), nil
		}
		if state.IsNull() {
			return resp, nil
		}
		out := setResource(client).read(ctx, state, setPrivateFromProto(req.Private))
		resp.NewState, resp.Private, err = out.toProto(req.CurrentState, req.Private)
		resp.Diagnostics = diagnostics.Proto6(ctx, out.diags)
		if err != nil {
			return setRPCFailed(resp, &resp.Diagnostics, "Read", "new state", err), nil
		}
		return resp, nil
	}
}

// ApplyOATHTokenSet returns the set's ApplyResourceChange: a create, an update or a delete.
func ApplyOATHTokenSet(configured SetConfiguration) func(context.Context, *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	return func(ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
		defer tightenGCFor(req.PriorState, req.PlannedState, req.Config)()
		resp := &tfprotov6.ApplyResourceChangeResponse{NewState: req.PriorState, Private: req.PlannedPrivate}
		typ := setObjectType()
		values := make([]tftypes.Value, 3)
		for i, v := range []*tfprotov6.DynamicValue{req.PriorState, req.PlannedState, req.Config} {
			var err error
			if values[i], err = dynamicValue(v, typ); err != nil {
				return setRPCFailed(resp, &resp.Diagnostics, "Apply", [...]string{"prior state", "planned state", "configuration"}[i], err), nil
			}
		}
		prior, planned, config := values[0], values[1], values[2]
		client, _ := configured()
		r := setResource(client)
		private := setPrivateFromProto(req.PlannedPrivate)
		var out setOutcome
		switch {
		case planned.IsNull():
			out = r.delete(ctx, prior, private)
		case prior.IsNull():
			out = r.create(ctx, planned, config)
		default:
			out = r.update(ctx, planned, config, prior, private)
		}
		var err error
		resp.NewState, resp.Private, err = out.toProto(req.PriorState, req.PlannedPrivate)
		resp.Diagnostics = diagnostics.Proto6(ctx, out.diags)
		if err != nil {
			return setRPCFailed(resp, &resp.Diagnostics, "Apply", "new state", err), nil
		}
		return resp, nil
	}
}

// setResource is the set with the provider's client, as the framework would have configured it.
func setResource(client *pingone.Client) *oathTokenSetResource {
	return &oathTokenSetResource{client: client, pace: pingone.DefaultJobPolling}
}

// toProto is the outcome as the protocol carries it: the state and private state left as they
// were (current, private) when the outcome has none, null when the set was removed, and its
// write-only seeds never.
func (o setOutcome) toProto(current *tfprotov6.DynamicValue, private []byte) (*tfprotov6.DynamicValue, []byte, error) {
	typ := setObjectType()
	switch {
	case o.removed || (o.raw == nil && current == nil):
		state, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, nil))
		if o.removed {
			private = nil
		}
		return &state, private, err
	case o.raw == nil:
		return current, private, nil
	}
	raw, err := withAttrs(*o.raw, map[string]tftypes.Value{
		"secrets_wo": tftypes.NewValue(typ.(tftypes.Object).AttributeTypes["secrets_wo"], nil),
	})
	if err != nil {
		return current, private, err
	}
	state, err := tfprotov6.NewDynamicValue(typ, raw)
	if err != nil {
		return current, private, err
	}
	bytes, err := setPrivateToProto(private, o.private)
	return &state, bytes, err
}

// setRPCFailed reports a value the protocol carried that did not read, or a new state that did
// not encode: a bug, not the user's.
func setRPCFailed[R any](resp R, diags *[]*tfprotov6.Diagnostic, rpc, what string, err error) R {
	*diags = append(*diags, &tfprotov6.Diagnostic{
		Severity: tfprotov6.DiagnosticSeverityError,
		Summary:  rpc + " the OATH token set failed",
		Detail:   fmt.Sprintf("Reading or writing the %s failed: %s. This is a bug in the provider; please report it.", what, err),
	})
	return resp
}
