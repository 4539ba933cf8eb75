package diagnostics

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Proto6 converts diagnostics to what plugin protocol 6 carries, as the framework does for the
// RPCs it serves, for the few that the provider serves on terraform-plugin-go directly. An
// attribute path the protocol cannot express is left out rather than failing the RPC: the
// summary and detail still name the attribute.
func Proto6(ctx context.Context, diags diag.Diagnostics) []*tfprotov6.Diagnostic {
	if len(diags) == 0 {
		return nil
	}
	out := make([]*tfprotov6.Diagnostic, 0, len(diags))
	for _, d := range diags {
		p := &tfprotov6.Diagnostic{
			Severity: tfprotov6.DiagnosticSeverityError,
			Summary:  d.Summary(),
			Detail:   d.Detail(),
		}
		if d.Severity() == diag.SeverityWarning {
			p.Severity = tfprotov6.DiagnosticSeverityWarning
		}
		if withPath, ok := d.(diag.DiagnosticWithPath); ok {
			p.Attribute = attributePath(ctx, withPath.Path())
		}
		out = append(out, p)
	}
	return out
}

// attributePath converts a framework path, or returns nil when a step has no protocol form.
func attributePath(ctx context.Context, at path.Path) *tftypes.AttributePath {
	steps := at.Steps()
	if len(steps) == 0 {
		return nil
	}
	converted := make([]tftypes.AttributePathStep, 0, len(steps))
	for _, step := range steps {
		switch s := step.(type) {
		case path.PathStepAttributeName:
			converted = append(converted, tftypes.AttributeName(string(s)))
		case path.PathStepElementKeyString:
			converted = append(converted, tftypes.ElementKeyString(string(s)))
		case path.PathStepElementKeyInt:
			converted = append(converted, tftypes.ElementKeyInt(int64(s)))
		case path.PathStepElementKeyValue:
			v, err := s.ToTerraformValue(ctx)
			if err != nil {
				return nil
			}
			converted = append(converted, tftypes.ElementKeyValue(v))
		default:
			return nil
		}
	}
	return tftypes.NewAttributePathWithSteps(converted)
}
