package diagnostics

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// TestProto6 checks what the engine shows: the severity, the words, and the attribute it points
// the user's configuration at.
func TestProto6(t *testing.T) {
	var diags diag.Diagnostics
	diags.AddAttributeError(path.Root("tokens").AtMapKey("YK1").AtName("secret_version"), "Seed changed", "Bump it.")
	diags.AddWarning("Seeds taken on trust", "Kept.")
	got := Proto6(context.Background(), diags)
	if len(got) != 2 {
		t.Fatalf("Proto6 = %d diagnostics, want 2", len(got))
	}
	at := tftypes.NewAttributePath().WithAttributeName("tokens").WithElementKeyString("YK1").WithAttributeName("secret_version")
	if got[0].Severity != tfprotov6.DiagnosticSeverityError || got[0].Summary != "Seed changed" || got[0].Detail != "Bump it." ||
		!got[0].Attribute.Equal(at) {
		t.Errorf("error = %+v, want it at %v", got[0], at)
	}
	if got[1].Severity != tfprotov6.DiagnosticSeverityWarning || got[1].Attribute != nil {
		t.Errorf("warning = %+v, want a warning about no attribute", got[1])
	}
	if Proto6(context.Background(), nil) != nil {
		t.Error("no diagnostics should convert to none")
	}
}
