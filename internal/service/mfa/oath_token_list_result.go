package mfa

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/oathtokens/terraform-provider-pingone/internal/pingone"
)

// listResults turns listed tokens into list results.
type listResults struct {
	req   list.ListRequest
	envID string
	// devicesRead is whether the listing asked for the pairing; without it a token's
	// paired_devices are unknown to the provider and stay null rather than claim "not paired".
	devicesRead bool
	// noTimeouts is a null timeouts block of the resource schema's own type.
	noTimeouts timeouts.Value
}

func newListResults(ctx context.Context, req list.ListRequest, envID string, devicesRead bool) (listResults, diag.Diagnostics) {
	r := listResults{req: req, envID: envID, devicesRead: devicesRead}
	if !req.IncludeResource {
		return r, nil
	}
	typ, diags := req.ResourceSchema.TypeAtPath(ctx, path.Root("timeouts"))
	if diags.HasError() {
		return r, diags
	}
	null, err := typ.ValueFromTerraform(ctx, tftypes.NewValue(typ.TerraformType(ctx), nil))
	noTimeouts, ok := null.(timeouts.Value)
	if err != nil || !ok {
		diags.AddError("Unexpected resource schema",
			fmt.Sprintf("The timeouts block of pingone_oath_token has type %T (%v). This is a bug in the provider; please report it.", null, err))
		return r, diags
	}
	r.noTimeouts = noTimeouts
	return r, diags
}

// result is one token's list result: its identity, a display name, and when asked its state.
func (r listResults) result(ctx context.Context, t *pingone.OATHToken) list.ListResult {
	result := r.req.NewListResult(ctx)
	result.DisplayName = fmt.Sprintf("%s (%s)", t.SerialNumber, t.Type)
	result.Diagnostics.Append(result.Identity.Set(ctx, tokenIdentity(r.envID, t.ID))...)
	if r.req.IncludeResource {
		result.Diagnostics.Append(result.Resource.Set(ctx, r.importable(t))...)
	}
	return result
}

// importable is the state an import of the token would read, with the values configuration
// generated from it must hold: every required attribute, the settings whose change would replace
// the token (type, otp_length, hash_algorithm, the HOTP counter PingOne has now, the TOTP time
// step), and allow_revoke_when_paired false, as after an import. The secret is not in it: PingOne
// never returns it, so the user adds secret_wo or secret to the generated blocks.
func (r listResults) importable(t *pingone.OATHToken) oathTokenModel {
	m := oathTokenModel{
		EnvironmentID: types.StringValue(r.envID),
		Timeouts:      r.noTimeouts,
	}
	m.applyServerFields(fieldsFromAPI(t), true)
	if !r.devicesRead {
		m.PairedDevices = types.ListNull(pairedDeviceType)
	}
	return m
}
