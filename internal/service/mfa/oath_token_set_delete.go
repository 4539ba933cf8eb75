package mfa

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Delete revokes every token of the set in batch jobs, after the pairing guard: when any token
// is paired and that is not allowed, nothing is revoked. Tokens that could not be revoked stay in
// the state, so that nothing is forgotten while it still exists.
func (r *oathTokenSetResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	private, diags := readSetPrivate(ctx, req.Private)
	resp.Diagnostics.Append(diags...)
	out := r.delete(ctx, req.State.Raw, private)
	resp.Diagnostics.Append(out.diags...)
	out.writeTo(ctx, &resp.State, resp.Private, &resp.Diagnostics)
}

// delete revokes every token of the set held in stateRaw.
func (r *oathTokenSetResource) delete(ctx context.Context, stateRaw tftypes.Value, private setPrivate) setOutcome {
	var out setOutcome
	state, ctx, cancel, ok := r.begin(ctx, &out, stateRaw, nil, timeouts.Value.Delete, defaultSetDeleteTimeout)
	defer cancel()
	if !ok {
		return out
	}

	// Destroying is a change to an empty set: the same jobs, the same guard, the same reports.
	change := &setChange{
		jobs:        r.jobs(state.envID, state.batch),
		fetch:       tokenFetch{client: r.client, envID: state.envID},
		current:     state.tokens,
		planned:     map[string]setToken{},
		private:     private,
		allowPaired: state.allowPaired,
	}
	remaining, private, diags := change.run(ctx)
	out.diags.Append(diags...)
	if !out.diags.HasError() && len(remaining) == 0 {
		out.removed = true
		return out
	}
	raw, err := withAttrs(state.raw, map[string]tftypes.Value{"tokens": setTokensValue(remaining)})
	if err != nil {
		out.diags.AddError("Save the OATH token set failed", err.Error())
		return out
	}
	out.keep(raw, private)
	return out
}
