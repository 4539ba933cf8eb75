// Package planmodifiers holds the plan modifiers the provider's resources share.
package planmodifiers

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"

	"github.com/oathtokens/terraform-provider-pingone/internal/pingone"
)

// RequiresReplaceUnlessSameID replaces the resource when a PingOne ID changes, but not when only
// the letter case of its hex digits does: PingOne IDs are UUIDs, and an environment ID pasted in
// upper case names the same environment. Terraform still shows the new spelling as an in-place
// update, which never calls PingOne. An ID that becomes unknown replaces the resource, since it
// may name another object.
func RequiresReplaceUnlessSameID() planmodifier.String {
	return requiresReplaceUnlessSameID{}
}

type requiresReplaceUnlessSameID struct{}

func (requiresReplaceUnlessSameID) Description(context.Context) string {
	return "Changing the ID replaces the resource; changing only its letter case does not."
}

func (m requiresReplaceUnlessSameID) MarkdownDescription(ctx context.Context) string {
	return m.Description(ctx)
}

func (requiresReplaceUnlessSameID) PlanModifyString(_ context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if req.State.Raw.IsNull() || req.Plan.Raw.IsNull() || req.StateValue.IsNull() {
		return
	}
	if req.PlanValue.IsUnknown() || !pingone.SameID(req.PlanValue.ValueString(), req.StateValue.ValueString()) {
		resp.RequiresReplace = true
	}
}
