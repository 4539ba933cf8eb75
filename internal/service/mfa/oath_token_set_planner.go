package mfa

import (
	"context"
	"fmt"
	"math/big"
	"sync"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/oathtokens/terraform-provider-pingone/internal/diagnostics"
	"github.com/oathtokens/terraform-provider-pingone/internal/pingone"
)

// The set's plans are made here, on terraform-plugin-go, and not by terraform-plugin-framework,
// which serves the set's other RPCs. The framework v1.19 plans a map of nested objects in time
// that grows with the square of its size: for each element it copies the whole configuration
// map and the whole state map to look one key up (mapElemObject in its attribute plan
// modification). At 10,000 tokens that was over a minute of CPU for each plan, where this
// planner takes well under a second (BENCHMARKS.md). It does what the framework did for this
// schema, no more: the defaults, the computed ID, the write-only seeds left out, the environment
// that replaces the set, then checkSetPlan.

// SetConfiguration is what the provider's configuration produced, as the set's planner needs it:
// the client, or nil with deferred when the configuration is not known yet and the engine can
// defer, or nil alone when it could not be configured.
type SetConfiguration func() (client *pingone.Client, deferred bool)

// OATHTokenSetTypeName is the set's resource type, which the plugin server sends to
// PlanOATHTokenSet.
const OATHTokenSetTypeName = "pingone_oath_token_set"

// PlanOATHTokenSet returns the set's PlanResourceChange.
func PlanOATHTokenSet(configured SetConfiguration) func(context.Context, *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	return func(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
		defer tightenGCFor(req.PriorState, req.Config, req.ProposedNewState)()
		return planSetChange(ctx, configured, req), nil
	}
}

// setObjectType is the set's value type, from its schema.
var setObjectType = sync.OnceValue(func() tftypes.Type {
	return setSchema().Type().TerraformType(context.Background())
})

func planSetChange(ctx context.Context, configured SetConfiguration, req *tfprotov6.PlanResourceChangeRequest) *tfprotov6.PlanResourceChangeResponse {
	resp := &tfprotov6.PlanResourceChangeResponse{
		PlannedState:   req.ProposedNewState,
		PlannedPrivate: req.PriorPrivate,
	}
	client, deferred := configured()
	if deferred {
		// As the framework does: the provider's configuration is not known yet, so nothing is
		// planned beyond what the engine proposed.
		resp.Deferred = &tfprotov6.Deferred{Reason: tfprotov6.DeferredReasonProviderConfigUnknown}
		return resp
	}
	typ := setObjectType()
	proposed, err := dynamicValue(req.ProposedNewState, typ)
	if err != nil {
		return planFailed(resp, "proposed new state", err)
	}
	if proposed.IsNull() {
		return resp // Destroying the set: nothing to plan, the pairing guard acts at apply.
	}
	prior, err := dynamicValue(req.PriorState, typ)
	if err != nil {
		return planFailed(resp, "prior state", err)
	}
	config, err := dynamicValue(req.Config, typ)
	if err != nil {
		return planFailed(resp, "configuration", err)
	}
	planned, err := plannedSetValue(proposed, prior, config)
	if err != nil {
		return planFailed(resp, "planned state", err)
	}
	diags := checkSetPlan(ctx, client, config, planned, prior, setPrivateFromProto(req.PriorPrivate))
	resp.Diagnostics = diagnostics.Proto6(ctx, diags)
	if diags.HasError() {
		return resp
	}
	if replace, err := environmentReplaces(planned, prior); err != nil {
		return planFailed(resp, "environment_id", err)
	} else if replace {
		resp.RequiresReplace = []*tftypes.AttributePath{tftypes.NewAttributePath().WithAttributeName("environment_id")}
	}
	state, err := tfprotov6.NewDynamicValue(typ, planned)
	if err != nil {
		return planFailed(resp, "planned state", err)
	}
	resp.PlannedState = &state
	return resp
}

// plannedSetValue is the plan the framework made from the engine's proposed new state for this
// schema: batch_size and allow_revoke_when_paired default when not configured, as does each
// token's hash_algorithm; the ID is unknown until the set is created and kept after; the
// write-only seeds are never in a plan.
func plannedSetValue(proposed, prior, config tftypes.Value) (tftypes.Value, error) {
	attrs, err := objectAttrs(proposed)
	if err != nil {
		return proposed, err
	}
	configAttrs, err := objectAttrs(config)
	if err != nil {
		return proposed, err
	}
	attrs["id"] = tftypes.NewValue(tftypes.String, tftypes.UnknownValue)
	if !prior.IsNull() {
		priorAttrs, err := objectAttrs(prior)
		if err != nil {
			return proposed, err
		}
		if id := priorAttrs["id"]; !id.IsNull() {
			attrs["id"] = id
		}
	}
	if configAttrs["batch_size"].IsNull() {
		attrs["batch_size"] = tftypes.NewValue(tftypes.Number, big.NewFloat(defaultBatchSize))
	}
	if configAttrs["allow_revoke_when_paired"].IsNull() {
		attrs["allow_revoke_when_paired"] = tftypes.NewValue(tftypes.Bool, false)
	}
	attrs["secrets_wo"] = tftypes.NewValue(attrs["secrets_wo"].Type(), nil)
	if attrs["tokens"], err = tokensWithDefaults(attrs["tokens"], configAttrs["tokens"]); err != nil {
		return proposed, err
	}
	return tftypes.NewValue(proposed.Type(), attrs), nil
}

// tokensWithDefaults sets the hash_algorithm of each token that does not configure one to
// HmacSHA1. Tokens not known yet stay unknown.
func tokensWithDefaults(proposed, config tftypes.Value) (tftypes.Value, error) {
	if !proposed.IsKnown() || proposed.IsNull() || !config.IsKnown() || config.IsNull() {
		return proposed, nil
	}
	var elems, configElems map[string]tftypes.Value
	if err := proposed.As(&elems); err != nil {
		return proposed, fmt.Errorf("tokens: %w", err)
	}
	if err := config.As(&configElems); err != nil {
		return proposed, fmt.Errorf("tokens: %w", err)
	}
	for serial, elem := range elems {
		configElem, ok := configElems[serial]
		if !ok || !elem.IsKnown() || elem.IsNull() || !configElem.IsKnown() || configElem.IsNull() {
			continue
		}
		var elemAttrs, configElemAttrs map[string]tftypes.Value
		if err := elem.As(&elemAttrs); err != nil {
			return proposed, fmt.Errorf("tokens[%q]: %w", serial, err)
		}
		if err := configElem.As(&configElemAttrs); err != nil {
			return proposed, fmt.Errorf("tokens[%q]: %w", serial, err)
		}
		if !configElemAttrs["hash_algorithm"].IsNull() {
			continue
		}
		elemAttrs["hash_algorithm"] = tftypes.NewValue(tftypes.String, hashSHA1)
		elems[serial] = tftypes.NewValue(elem.Type(), elemAttrs)
	}
	return tftypes.NewValue(proposed.Type(), elems), nil
}

// environmentReplaces reports whether the set moves to another environment, which replaces it:
// an environment ID not known yet may be another, and letter case alone is the same one.
func environmentReplaces(planned, prior tftypes.Value) (bool, error) {
	if prior.IsNull() {
		return false, nil
	}
	priorAttrs, err := objectAttrs(prior)
	if err != nil {
		return false, err
	}
	plannedAttrs, err := objectAttrs(planned)
	if err != nil {
		return false, err
	}
	before, after := priorAttrs["environment_id"], plannedAttrs["environment_id"]
	if before.IsNull() {
		return false, nil
	}
	if !after.IsKnown() {
		return true, nil
	}
	was, _, err := stringOf(before)
	if err != nil {
		return false, err
	}
	is, _, err := stringOf(after)
	if err != nil {
		return false, err
	}
	return !pingone.SameID(was, is), nil
}

// dynamicValue decodes one value of the request; an absent one is null.
func dynamicValue(v *tfprotov6.DynamicValue, typ tftypes.Type) (tftypes.Value, error) {
	if v == nil {
		return tftypes.NewValue(typ, nil), nil
	}
	return v.Unmarshal(typ)
}

func planFailed(resp *tfprotov6.PlanResourceChangeResponse, what string, err error) *tfprotov6.PlanResourceChangeResponse {
	resp.Diagnostics = append(resp.Diagnostics, &tfprotov6.Diagnostic{
		Severity: tfprotov6.DiagnosticSeverityError,
		Summary:  "Plan the OATH token set failed",
		Detail:   fmt.Sprintf("Reading the %s failed: %s. This is a bug in the provider; please report it.", what, err),
	})
	return resp
}
