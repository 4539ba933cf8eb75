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

// TestServerReadsAndAppliesTheSetWithoutTheFramework checks that the set's reads and applies
// reach the provider's own handlers: before the provider is configured they refuse, and hand the
// engine's state back as it came, where the framework would have decoded and encoded it again.
func TestServerReadsAndAppliesTheSetWithoutTheFramework(t *testing.T) {
	ctx := context.Background()
	server := newServer(provider.New("test"))
	schemas, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	typ := schemas.ResourceSchemas["pingone_oath_token_set"].ValueType().(tftypes.Object)
	attrs := map[string]tftypes.Value{}
	for name, at := range typ.AttributeTypes {
		attrs[name] = tftypes.NewValue(at, nil)
	}
	attrs["id"] = tftypes.NewValue(tftypes.String, "set-id")
	attrs["environment_id"] = tftypes.NewValue(tftypes.String, "6a3a0c34-2f1c-4c4e-9d43-8c1e1f0b7a11")
	state, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, attrs))
	if err != nil {
		t.Fatal(err)
	}
	null, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, nil))
	if err != nil {
		t.Fatal(err)
	}

	read, err := server.ReadResource(ctx, &tfprotov6.ReadResourceRequest{TypeName: "pingone_oath_token_set", CurrentState: &state})
	if err != nil || read.NewState != &state || len(read.Diagnostics) == 0 {
		t.Errorf("read: %+v, %v; want the same state back and the provider's refusal", read, err)
	}
	apply, err := server.ApplyResourceChange(ctx, &tfprotov6.ApplyResourceChangeRequest{
		TypeName: "pingone_oath_token_set", PriorState: &state, PlannedState: &null, Config: &null,
	})
	if err != nil || apply.NewState != &state || len(apply.Diagnostics) == 0 {
		t.Errorf("destroy: %+v, %v; want the same state back and the provider's refusal", apply, err)
	}
}
