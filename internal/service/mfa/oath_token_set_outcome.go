package mfa

import (
	"context"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// setOutcome is what one read, create, update or delete of the set leaves behind, whether the
// framework serves the RPC or the plugin server does without it (oath_token_set_server.go): a
// new state with its private state, the set removed from the state, or neither, when the state
// stays as it was.
type setOutcome struct {
	raw     *tftypes.Value
	private setPrivate
	removed bool
	diags   diag.Diagnostics
}

// keep makes raw, with private, the set's new state.
func (o *setOutcome) keep(raw tftypes.Value, private setPrivate) {
	o.raw, o.private = &raw, private
}

// writeTo writes the outcome into a framework response.
func (o setOutcome) writeTo(ctx context.Context, state *tfsdk.State, private privateSetter, diags *diag.Diagnostics) {
	switch {
	case o.removed:
		state.RemoveResource(ctx)
	case o.raw != nil:
		state.Raw = *o.raw
		diags.Append(writeSetPrivate(ctx, private, o.private)...)
	}
}

// setSchema is the set's schema, made once.
var setSchema = sync.OnceValue(func() schema.Schema { return oathTokenSetSchema(context.Background()) })

// setStateOf reads attributes of a raw state or plan of the set, e.g. its timeouts.
func setStateOf(raw tftypes.Value) tfsdk.State {
	return tfsdk.State{Raw: raw, Schema: setSchema()}
}

// begin starts an operation on the set: it reads the set's values from raw (with the
// configuration's write-only seeds, when config is given) and bounds the operation by its
// timeout. When it cannot go on, ok is false and out says why.
func (r *oathTokenSetResource) begin(ctx context.Context, out *setOutcome, raw tftypes.Value, config *tftypes.Value, which timeoutOf,
	def time.Duration) (values setValues, _ context.Context, cancel context.CancelFunc, ok bool) {
	values, diags := readSetValues(raw, config)
	out.diags.Append(diags...)
	ctx, cancel, ok = boundedOperation(ctx, setStateOf(raw), which, def, r.client, &out.diags)
	return values, ctx, cancel, ok
}
