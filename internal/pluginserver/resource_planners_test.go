package pluginserver

import (
	"context"
	"math/big"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/oathtokens/terraform-provider-pingone/internal/provider"
)

// TestServerPlansTheSetWithoutTheFramework checks that the set's plans reach the provider's own
// planner: it fills in batch_size's default, where the framework, to which the schema gives no
// default, would plan it unknown.
func TestServerPlansTheSetWithoutTheFramework(t *testing.T) {
	server := newServer(provider.New("test"))
	schemas, err := server.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	typ := schemas.ResourceSchemas["pingone_oath_token_set"].ValueType().(tftypes.Object)
	attrs := map[string]tftypes.Value{}
	for name, at := range typ.AttributeTypes {
		attrs[name] = tftypes.NewValue(at, nil)
	}
	attrs["environment_id"] = tftypes.NewValue(tftypes.String, "6a3a0c34-2f1c-4c4e-9d43-8c1e1f0b7a11")
	config, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, attrs))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := server.PlanResourceChange(context.Background(), &tfprotov6.PlanResourceChangeRequest{
		TypeName: "pingone_oath_token_set", Config: &config, ProposedNewState: &config,
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.Diagnostics) > 0 {
		t.Fatalf("diagnostics: %+v", resp.Diagnostics[0])
	}
	planned, err := resp.PlannedState.Unmarshal(typ)
	if err != nil {
		t.Fatal(err)
	}
	var plannedAttrs map[string]tftypes.Value
	if err := planned.As(&plannedAttrs); err != nil {
		t.Fatal(err)
	}
	if want := tftypes.NewValue(tftypes.Number, big.NewFloat(1000)); !plannedAttrs["batch_size"].Equal(want) {
		t.Errorf("planned batch_size = %v, want the planner's default 1000", plannedAttrs["batch_size"])
	}
}
