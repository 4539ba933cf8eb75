package mfa

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/oathtokens/terraform-provider-pingone/internal/pingone"
)

// clientFrom takes the client the provider configured. It is nil before the provider is
// configured (Terraform validates before it configures), which is not an error.
func clientFrom(providerData any, diags *diag.Diagnostics) *pingone.Client {
	if providerData == nil {
		return nil
	}
	client, ok := providerData.(*pingone.Client)
	if !ok {
		diags.AddError("Unexpected provider data",
			fmt.Sprintf("Expected *pingone.Client, got %T. This is a bug in the provider; please report it.", providerData))
		return nil
	}
	return client
}

// requireClient reports a clear error when an operation needs PingOne but the provider could not
// be configured, instead of a nil-pointer panic.
func requireClient(client *pingone.Client, diags *diag.Diagnostics) bool {
	if client != nil {
		return true
	}
	diags.AddError("PingOne provider not configured",
		"The provider has no PingOne client, usually because its configuration depends on values that are not known yet. "+
			"Check the provider block and its environment variables.")
	return false
}
