package provider

import (
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/oathtokens/terraform-provider-pingone/internal/pingone"
)

// setting is one provider setting: where it is configured, where else it may come from, and the
// value that won.
type setting struct {
	attr   path.Path
	env    string
	value  string
	fromIn bool // the value came from the configuration, not the environment
}

func (s setting) set() bool { return s.value != "" }

// source names where a setting can be given, for error messages.
func (s setting) source() string {
	if s.env == "" {
		return fmt.Sprintf("%q", s.attr)
	}
	return fmt.Sprintf("%q (or %s)", s.attr, s.env)
}

// pick returns the configured value when there is one, otherwise the environment's: configuration
// wins over the environment, as in the official provider.
func pick(attr path.Path, configured types.String, env string, getenv func(string) string) setting {
	if !configured.IsNull() && !configured.IsUnknown() {
		return setting{attr: attr, env: env, value: configured.ValueString(), fromIn: true}
	}
	if env == "" {
		return setting{attr: attr}
	}
	return setting{attr: attr, env: env, value: strings.TrimSpace(getenv(env))}
}

// resolveConfig turns the provider configuration and the environment into a client configuration.
// Every mistake is reported at once, naming the attribute and its environment variable, and
// nothing here touches the network.
func resolveConfig(m providerModel, version string, getenv func(string) string) (pingone.Config, diag.Diagnostics) {
	var diags diag.Diagnostics
	endpoints := m.ServiceEndpoints
	if endpoints == nil {
		endpoints = &serviceEndpointsModel{AuthHostname: types.StringNull(), APIHostname: types.StringNull()}
	}
	endpointsPath := path.Root("service_endpoints")

	creds := resolveCredentials(m, getenv, &diags)
	region := pick(path.Root("region_code"), m.RegionCode, envRegionCode, getenv)
	authHost := pick(endpointsPath.AtName("auth_hostname"), endpoints.AuthHostname, envAuthHostname, getenv)
	apiHost := pick(endpointsPath.AtName("api_hostname"), endpoints.APIHostname, envAPIHostname, getenv)
	appendUA := pick(path.Root("append_user_agent"), m.AppendUserAgent, envAppendUserAgent, getenv)
	proxy := pick(path.Root("http_proxy"), m.HTTPProxy, "", getenv)

	// The rules are the client's own (internal/pingone/endpoint.go); here they are applied to the
	// value that won, whether it came from the configuration or the environment, so that the
	// error names where it came from.
	if region.set() {
		if err := pingone.CheckRegion(region.value); err != nil {
			diags.AddAttributeError(region.attr, "Unknown PingOne region",
				fmt.Sprintf("The region code from %s: %s.", region.source(), err))
		}
	}
	for _, host := range []setting{authHost, apiHost} {
		if host.set() {
			if _, err := pingone.ParseEndpoint(host.value); err != nil {
				diags.AddAttributeError(host.attr, "Invalid PingOne service hostname",
					fmt.Sprintf("The value %q from %s %s.", host.value, host.source(), err))
			}
		}
	}
	if authHost.set() != apiHost.set() {
		given, missing := authHost, apiHost
		if apiHost.set() {
			given, missing = apiHost, authHost
		}
		diags.AddAttributeError(missing.attr, "Incomplete PingOne service endpoints",
			fmt.Sprintf("%s is set but %s is not: custom service endpoints need both hostnames, or neither to use the region's hosts.",
				given.source(), missing.source()))
	}
	if proxy.set() {
		if _, err := pingone.CheckProxyURL(proxy.value); err != nil {
			diags.AddAttributeError(proxy.attr, "Invalid HTTP proxy",
				fmt.Sprintf("The value of %s %s.", proxy.source(), err))
		}
	}

	userAgent := "terraform-provider-pingone/" + version
	if appendUA.set() {
		userAgent += " " + appendUA.value
	}
	cfg := pingone.Config{
		ClientID:      creds.clientID.value,
		ClientSecret:  creds.clientSecret.value,
		EnvironmentID: creds.environmentID.value,
		AccessToken:   creds.accessToken.value,
		RegionCode:    region.value,
		AuthHostname:  authHost.value,
		APIHostname:   apiHost.value,
		UserAgent:     userAgent,
		HTTPProxy:     proxy.value,
	}
	return cfg, diags
}
