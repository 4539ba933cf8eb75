package mfa

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

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

// timeoutOf picks one operation's timeout from a timeouts block: timeouts.Value.Create, Read,
// Update or Delete.
type timeoutOf = func(timeouts.Value, context.Context, time.Duration) (time.Duration, diag.Diagnostics)

// attributeGetter is a plan or a state, from which an operation reads its timeouts block.
type attributeGetter interface {
	GetAttribute(ctx context.Context, p path.Path, target interface{}) diag.Diagnostics
}

// boundedOperation starts an operation of a resource whose values are read raw (the token set,
// the assignments): unless diags already hold an error or the provider has no client, it returns
// ctx bounded by the operation's timeout from the timeouts block of from, or def, and true.
func boundedOperation(ctx context.Context, from attributeGetter, which timeoutOf, def time.Duration, client *pingone.Client, diags *diag.Diagnostics) (context.Context, context.CancelFunc, bool) {
	var t timeouts.Value
	diags.Append(from.GetAttribute(ctx, pathTimeouts, &t)...)
	if diags.HasError() || !requireClient(client, diags) {
		return ctx, func() {}, false
	}
	timeout, timeoutDiags := which(t, ctx, def)
	diags.Append(timeoutDiags...)
	ctx, cancel := context.WithTimeout(ctx, timeout)
	return ctx, cancel, true
}
