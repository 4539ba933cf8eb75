package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// The environment variables the official PingOne provider reads; users' CI secrets already use them.
const (
	envClientID        = "PINGONE_CLIENT_ID"
	envClientSecret    = "PINGONE_CLIENT_SECRET"
	envEnvironmentID   = "PINGONE_ENVIRONMENT_ID"
	envAccessToken     = "PINGONE_API_ACCESS_TOKEN"
	envRegionCode      = "PINGONE_REGION_CODE"
	envAuthHostname    = "PINGONE_AUTH_SERVICE_HOSTNAME"
	envAPIHostname     = "PINGONE_API_SERVICE_HOSTNAME"
	envAppendUserAgent = "PINGONE_TF_APPEND_USER_AGENT"
)

type providerModel struct {
	ClientID         types.String           `tfsdk:"client_id"`
	ClientSecret     types.String           `tfsdk:"client_secret"`
	EnvironmentID    types.String           `tfsdk:"environment_id"`
	APIAccessToken   types.String           `tfsdk:"api_access_token"`
	RegionCode       types.String           `tfsdk:"region_code"`
	AppendUserAgent  types.String           `tfsdk:"append_user_agent"`
	HTTPProxy        types.String           `tfsdk:"http_proxy"`
	ServiceEndpoints *serviceEndpointsModel `tfsdk:"service_endpoints"`
}

type serviceEndpointsModel struct {
	AuthHostname types.String `tfsdk:"auth_hostname"`
	APIHostname  types.String `tfsdk:"api_hostname"`
}
