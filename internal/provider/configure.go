package provider

import (
	"context"
	"os"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/oathtokens/terraform-provider-pingone/internal/pingone"
)

// Configure builds the one PingOne client that every resource and data source shares for the
// run. It does not call the network: the first API call fetches the access token.
func (p *pingOneProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var m providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}

	if unknown := unknownAttributes(m); len(unknown) > 0 {
		// A value that another resource computes is only known at apply time. Engines that can
		// defer are told to; older ones get an error that explains the way out.
		if req.ClientCapabilities.DeferralAllowed {
			resp.Deferred = &provider.Deferred{Reason: provider.DeferredReasonProviderConfigUnknown}
			p.configured.Store(&configuration{deferred: true})
			return
		}
		for _, attr := range unknown {
			resp.Diagnostics.AddAttributeError(attr, "Unknown PingOne provider setting",
				"The provider cannot be configured because "+attr.String()+" depends on a value that is only known after apply. "+
					"Apply the resource it depends on first (terraform apply -target=...), set the value statically, "+
					"or use the setting's environment variable.")
		}
		return
	}

	cfg, diags := resolveConfig(m, p.version, os.Getenv)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	client, err := pingone.New(cfg)
	if err != nil {
		resp.Diagnostics.AddError("Configure PingOne client failed", err.Error())
		return
	}
	tflog.Debug(ctx, "configured PingOne client", map[string]any{
		"region_code":   cfg.RegionCode,
		"api_hostname":  cfg.APIHostname,
		"auth_hostname": cfg.AuthHostname,
		"access_token":  cfg.AccessToken != "",
	})
	resp.ResourceData = client
	p.configured.Store(&configuration{client: client})
	resp.DataSourceData = client
	resp.ListResourceData = client
}

// unknownAttributes lists the provider settings that are not known yet.
func unknownAttributes(m providerModel) []path.Path {
	values := map[string]types.String{
		"client_id":         m.ClientID,
		"client_secret":     m.ClientSecret,
		"environment_id":    m.EnvironmentID,
		"api_access_token":  m.APIAccessToken,
		"region_code":       m.RegionCode,
		"append_user_agent": m.AppendUserAgent,
		"http_proxy":        m.HTTPProxy,
	}
	var unknown []path.Path
	for name, v := range values {
		if v.IsUnknown() {
			unknown = append(unknown, path.Root(name))
		}
	}
	if e := m.ServiceEndpoints; e != nil {
		if e.AuthHostname.IsUnknown() {
			unknown = append(unknown, path.Root("service_endpoints").AtName("auth_hostname"))
		}
		if e.APIHostname.IsUnknown() {
			unknown = append(unknown, path.Root("service_endpoints").AtName("api_hostname"))
		}
	}
	return unknown
}
