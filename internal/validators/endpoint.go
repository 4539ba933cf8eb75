package validators

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/oathtokens/terraform-provider-pingone/internal/pingone"
)

// ServiceEndpoint checks a custom PingOne service endpoint with the client's own rule
// (pingone.ParseEndpoint), so the schema, the environment variables and the client agree.
func ServiceEndpoint() validator.String {
	return ruleValidator{
		description: "value must be " + pingone.EndpointRule,
		summary:     "Invalid PingOne service hostname",
		check:       func(s string) error { _, err := pingone.ParseEndpoint(s); return err },
	}
}

// ProxyURL checks an HTTP proxy setting with the client's own rule (pingone.CheckProxyURL).
func ProxyURL() validator.String {
	return ruleValidator{
		description: "value must be " + pingone.ProxyRule,
		summary:     "Invalid HTTP proxy",
		check:       func(s string) error { _, err := pingone.CheckProxyURL(s); return err },
	}
}

// ruleValidator applies one of the client's rules to a configured string.
type ruleValidator struct {
	description string
	summary     string
	check       func(string) error
}

func (v ruleValidator) Description(context.Context) string { return v.description }

func (v ruleValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v ruleValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if err := v.check(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, v.summary,
			fmt.Sprintf("Attribute %s %s; got %q.", req.Path, err, req.ConfigValue.ValueString()))
	}
}
