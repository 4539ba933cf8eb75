package pluginserver

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/oathtokens/terraform-provider-pingone/internal/provider"
)

// TestServerServesListResources checks what tf6server checks before it forwards terraform query's
// RPCs: that the server has them (without the forwarding, the engine reports "Provider
// ValidateListResourceConfig Not Implemented"), and that they reach the list resource: its
// validators refuse an environment ID that is not one.
func TestServerServesListResources(t *testing.T) {
	server := newServer(provider.New("test"))
	ls, ok := server.(interface {
		tfprotov6.ProviderServer
		tfprotov6.ListResourceServer
	})
	if !ok {
		t.Fatalf("%T does not serve list resources", server)
	}
	typ := tftypes.Object{AttributeTypes: map[string]tftypes.Type{
		"environment_id": tftypes.String, "type": tftypes.String, "paired": tftypes.Bool,
		"serial_numbers": tftypes.List{ElementType: tftypes.String},
	}}
	config, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, map[string]tftypes.Value{
		"environment_id": tftypes.NewValue(tftypes.String, "prod"),
		"type":           tftypes.NewValue(tftypes.String, nil),
		"paired":         tftypes.NewValue(tftypes.Bool, nil),
		"serial_numbers": tftypes.NewValue(tftypes.List{ElementType: tftypes.String}, nil),
	}))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := ls.ValidateListResourceConfig(context.Background(), &tfprotov6.ValidateListResourceConfigRequest{
		TypeName: "pingone_oath_token", Config: &config,
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.Diagnostics) != 1 || !strings.Contains(resp.Diagnostics[0].Detail, "UUID") {
		t.Errorf("ValidateListResourceConfig with environment_id \"prod\": %+v, want one error about the UUID", resp.Diagnostics)
	}
}

// TestListRPCsAreOutsideProviderServer fails once terraform-plugin-go moves the list RPCs into
// ProviderServer, as it announces: then embedding forwards them and list_resources.go can go.
func TestListRPCsAreOutsideProviderServer(t *testing.T) {
	if _, found := reflect.TypeFor[tfprotov6.ProviderServer]().MethodByName("ListResource"); found {
		t.Error("tfprotov6.ProviderServer now has ListResource: remove the forwarding in list_resources.go")
	}
}
