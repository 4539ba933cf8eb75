// Package mfa holds the provider's PingOne MFA resources and data sources: OATH tokens.
package mfa

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// Resources lists the MFA service's resources for the provider.
func Resources() []func() resource.Resource {
	return []func() resource.Resource{
		NewOATHTokenResource,
		NewOATHTokenAssignmentsResource,
		NewOATHTokenSetResource,
		NewUserMFADeviceOATHTokenResource,
	}
}

// DataSources lists the MFA service's data sources for the provider.
func DataSources() []func() datasource.DataSource {
	return []func() datasource.DataSource{
		NewOATHTokenDataSource,
		NewOATHTokensDataSource,
		NewUserMFADeviceOATHTokensDataSource,
	}
}

// ListResources lists the MFA service's list resources, for terraform query.
func ListResources() []func() list.ListResource {
	return []func() list.ListResource{
		NewOATHTokenListResource,
	}
}
