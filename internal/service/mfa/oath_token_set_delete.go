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
	state, diags := readSetValues(req.State.Raw, nil)
	resp.Diagnostics.Append(diags...)
	private, diags := readSetPrivate(ctx, req.Private)
	resp.Diagnostics.Append(diags...)
	ctx, cancel, ok := boundedOperation(ctx, req.State, timeouts.Value.Delete, defaultSetDeleteTimeout, r.client, &resp.Diagnostics)
	defer cancel()
	if !ok {
		return
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
	resp.Diagnostics.Append(diags...)
	if !resp.Diagnostics.HasError() && len(remaining) == 0 {
		return // The framework removes the resource from the state.
	}
	raw, err := withAttrs(state.raw, map[string]tftypes.Value{"tokens": setTokensValue(remaining)})
	if err != nil {
		resp.Diagnostics.AddError("Save the OATH token set failed", err.Error())
		return
	}
	resp.State.Raw = raw
	resp.Diagnostics.Append(writeSetPrivate(ctx, resp.Private, private)...)
}
