package mfa

import (
	"context"
	"encoding/json"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
)

// PingOne never returns a token's secret, and an imported token's HOTP counter is the server's,
// which has moved on since the token was made. So right after an import the configuration's
// values cannot be compared with the state's: they are adopted, without replacing the token, and
// from then on a change replaces it as usual.

// adoptKey is the private-state key that marks values to adopt from the next plan.
const adoptKey = "adopt"

type adoptMarks struct {
	Counter bool `json:"counter"`
}

type privateState interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
}

func adoptMarksFrom(ctx context.Context, private privateState) adoptMarks {
	var marks adoptMarks
	if private == nil {
		return marks
	}
	raw, diags := private.GetKey(ctx, adoptKey)
	if diags.HasError() || len(raw) == 0 {
		return marks
	}
	_ = json.Unmarshal(raw, &marks) // An unreadable mark adopts nothing: the safe default is to replace.
	return marks
}

// adoptOrReplace replaces the token when a value that state knows changes, and adopts one state
// does not know: after an import, or when switching between secret and secret_wo, which cannot be
// told apart from rotating the secret and so is never taken as a reason to replace.
type adoptOrReplace struct{}

func adoptOrReplaceString() planmodifier.String { return adoptOrReplace{} }
func adoptOrReplaceInt64() planmodifier.Int64   { return adoptOrReplace{} }

func (adoptOrReplace) Description(context.Context) string {
	return "Replaces the token when a known value changes; adopts a value state does not know yet, as after an import."
}

func (m adoptOrReplace) MarkdownDescription(ctx context.Context) string { return m.Description(ctx) }

func (adoptOrReplace) PlanModifyString(_ context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	resp.RequiresReplace = knownValueChanged(req.State.Raw.IsNull() || req.Plan.Raw.IsNull(),
		req.StateValue, req.PlanValue)
}

func (adoptOrReplace) PlanModifyInt64(_ context.Context, req planmodifier.Int64Request, resp *planmodifier.Int64Response) {
	resp.RequiresReplace = knownValueChanged(req.State.Raw.IsNull() || req.Plan.Raw.IsNull(),
		req.StateValue, req.PlanValue)
}

// knownValueChanged is true when both the state and the plan hold a known value and they differ.
func knownValueChanged(createOrDestroy bool, state, plan attr.Value) bool {
	if createOrDestroy || state.IsNull() || plan.IsNull() || plan.IsUnknown() {
		return false
	}
	return !plan.Equal(state)
}
