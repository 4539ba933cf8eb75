package provider

import (
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/oathtokens/terraform-provider-pingone/internal/pingone"
	"github.com/oathtokens/terraform-provider-pingone/internal/validators"
)

// providerSchema uses the official PingOne provider's attribute names, so that configurations and
// CI secrets carry over unchanged.
func providerSchema() schema.Schema {
	regions := pingone.Regions()
	return schema.Schema{
		MarkdownDescription: "Manages PingOne MFA OATH tokens. Authenticate either with a worker application's " +
			"client credentials (`client_id`, `client_secret`, `environment_id`) or with a ready `api_access_token`, " +
			"never both. Every attribute can also come from its environment variable; a value in the configuration " +
			"wins over the environment.",
		Attributes: map[string]schema.Attribute{
			"client_id": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "The ID (a UUID) of the worker application the provider signs in as. Also `" + envClientID + "`.",
				Validators:          []validator.String{validators.PingOneID()},
			},
			"client_secret": schema.StringAttribute{
				Optional:            true,
				Sensitive:           true,
				MarkdownDescription: "The worker application's client secret. Also `" + envClientSecret + "`.",
			},
			"environment_id": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "The ID (a UUID) of the environment the worker application lives in; the tokens " +
					"themselves may live in any environment the worker holds a role in. Also `" + envEnvironmentID + "`.",
				Validators: []validator.String{validators.PingOneID()},
			},
			"api_access_token": schema.StringAttribute{
				Optional:  true,
				Sensitive: true,
				MarkdownDescription: "A ready PingOne access token, used instead of client credentials (never together " +
					"with them). It is not refreshed, so it must outlive the run. Also `" + envAccessToken + "`.",
			},
			"region_code": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: fmt.Sprintf("The PingOne region the tenant lives in: one of %s. Defaults to `NA`. Also `%s`.",
					quoteList(regions), envRegionCode),
				Validators: []validator.String{stringvalidator.OneOf(regions...)},
			},
			"append_user_agent": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Text appended to the provider's User-Agent header (`terraform-provider-pingone/<version>`), " +
					"to tell pipelines apart in PingOne's audit logs. Also `" + envAppendUserAgent + "`.",
			},
			"http_proxy": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "URL of a proxy for every request, such as `http://proxy.example.com:3128` " +
					"(schemes `http`, `https`, `socks5`, `socks5h`). Defaults to the `HTTPS_PROXY` and `HTTP_PROXY` " +
					"environment variables.",
				Validators: []validator.String{validators.ProxyURL()},
			},
		},
		Blocks: map[string]schema.Block{
			"service_endpoints": schema.SingleNestedBlock{
				MarkdownDescription: "Custom hosts instead of the region's, such as a proxy in front of PingOne or a local " +
					"emulator. Give both or neither. Traffic is always HTTPS, and every request (including the next pages " +
					"of a listing, whose links name PingOne's own host) goes to these endpoints.",
				Attributes: map[string]schema.Attribute{
					"auth_hostname": schema.StringAttribute{
						Optional: true,
						MarkdownDescription: "Host (or `host:port`) of the authorization service, such as `auth.pingone.eu`, " +
							"optionally followed by the path prefix a proxy serves it under (`gateway.example.com/pingone-auth`). " +
							"Also `" + envAuthHostname + "`.",
						Validators: []validator.String{validators.ServiceEndpoint()},
					},
					"api_hostname": schema.StringAttribute{
						Optional: true,
						MarkdownDescription: "Host (or `host:port`) of the management API, such as `api.pingone.eu`, " +
							"optionally followed by the path prefix a proxy serves it under (`gateway.example.com/pingone`); " +
							"the provider adds `/v1`. Also `" + envAPIHostname + "`.",
						Validators: []validator.String{validators.ServiceEndpoint()},
					},
				},
			},
		},
	}
}

func quoteList(values []string) string {
	quoted := make([]string, len(values))
	for i, v := range values {
		quoted[i] = "`" + v + "`"
	}
	return strings.Join(quoted, ", ")
}
