// Package validators holds the schema validators the provider shares between its resources, data
// sources and provider configuration, so that each rule is written once.
package validators

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/oathtokens/terraform-provider-pingone/internal/pingone"
)

// IsPingOneID reports whether s has the shape of a PingOne ID (a UUID), by the client's rule.
func IsPingOneID(s string) bool {
	return pingone.IsID(s)
}

// PingOneID checks that a string attribute holds a PingOne ID, so that a typo is caught at plan
// time instead of surfacing as a 404 from the API.
func PingOneID() validator.String {
	return pingOneIDValidator{}
}

type pingOneIDValidator struct{}

func (pingOneIDValidator) Description(context.Context) string {
	return "value must be a PingOne ID, a UUID such as 11111111-2222-3333-4444-555555555555"
}

func (v pingOneIDValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v pingOneIDValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	value := req.ConfigValue.ValueString()
	if IsPingOneID(value) {
		return
	}
	resp.Diagnostics.AddAttributeError(req.Path, "Invalid PingOne ID",
		fmt.Sprintf("Attribute %s must be a PingOne ID (a UUID such as 11111111-2222-3333-4444-555555555555), got %q.", req.Path, value))
}
