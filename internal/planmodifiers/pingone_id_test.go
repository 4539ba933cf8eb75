package planmodifiers

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

func TestRequiresReplaceUnlessSameID(t *testing.T) {
	const lower = "6c796712-0f16-4062-815a-e0a92f4a2143"
	const upper = "6C796712-0F16-4062-815A-E0A92F4A2143"
	existing := tfsdk.State{Raw: tftypes.NewValue(tftypes.Object{}, map[string]tftypes.Value{})}
	planned := tfsdk.Plan{Raw: tftypes.NewValue(tftypes.Object{}, map[string]tftypes.Value{})}
	cases := []struct {
		name        string
		state, plan types.String
		want        bool
	}{
		{"same", types.StringValue(lower), types.StringValue(lower), false},
		{"case only", types.StringValue(lower), types.StringValue(upper), false},
		{"another ID", types.StringValue(lower), types.StringValue("6c796712-0f16-4062-815a-e0a92f4a2144"), true},
		{"unknown", types.StringValue(lower), types.StringUnknown(), true},
		{"not an ID", types.StringValue("abc"), types.StringValue("ABC"), true},
	}
	for _, tc := range cases {
		resp := &planmodifier.StringResponse{PlanValue: tc.plan}
		RequiresReplaceUnlessSameID().PlanModifyString(context.Background(), planmodifier.StringRequest{
			State: existing, Plan: planned, StateValue: tc.state, PlanValue: tc.plan, ConfigValue: tc.plan,
		}, resp)
		if resp.RequiresReplace != tc.want {
			t.Errorf("%s: RequiresReplace = %v, want %v", tc.name, resp.RequiresReplace, tc.want)
		}
	}
	created := &planmodifier.StringResponse{}
	RequiresReplaceUnlessSameID().PlanModifyString(context.Background(), planmodifier.StringRequest{
		State: tfsdk.State{Raw: tftypes.NewValue(tftypes.Object{}, nil)}, Plan: planned,
		StateValue: types.StringNull(), PlanValue: types.StringValue(lower),
	}, created)
	if created.RequiresReplace {
		t.Error("a create must not ask for a replacement")
	}
}
