package mfa

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
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
	// resourceType is the raw type of pingone_oath_token's state.
	resourceType tftypes.Type
}

func newListResults(ctx context.Context, req list.ListRequest, envID string, devicesRead bool) (listResults, diag.Diagnostics) {
	r := listResults{req: req, envID: envID, devicesRead: devicesRead}
	if req.IncludeResource {
		r.resourceType = req.ResourceSchema.Type().TerraformType(ctx)
	}
	return r, nil
}

// result is one token's list result: its identity, a display name, and when asked its state.
func (r listResults) result(ctx context.Context, t *pingone.OATHToken) list.ListResult {
	result := r.req.NewListResult(ctx)
	result.DisplayName = fmt.Sprintf("%s (%s)", t.SerialNumber, t.Type)
	result.Identity.Raw = tokenIdentityValue(r.envID, t.ID)
	if r.req.IncludeResource {
		raw, err := r.importable(t)
		if err != nil {
			result.Diagnostics.AddError("List OATH tokens failed", err.Error())
			return result
		}
		result.Resource.Raw = raw
	}
	return result
}

// importable is the state an import of the token would read, with the values configuration
// generated from it must hold: every required attribute, the settings whose change would replace
// the token (type, otp_length, hash_algorithm, the HOTP counter PingOne has now, the TOTP time
// step), and allow_revoke_when_paired false, as after an import. The secret is not in it: PingOne
// never returns it, so the user adds secret_wo or secret to the generated blocks. It is mapped
// by the resource's own Read mapping (oath_token_raw.go), so the two cannot disagree.
func (r listResults) importable(t *pingone.OATHToken) (tftypes.Value, error) {
	attrs, err := nullTokenAttrs(r.resourceType)
	if err != nil {
		return tftypes.Value{}, err
	}
	attrs["environment_id"] = rawString(r.envID)
	attrs.applyServerValues(t, true)
	if !r.devicesRead {
		attrs["paired_devices"] = tftypes.NewValue(tokenPairedListType, nil)
	}
	return attrs.value(r.resourceType), nil
}
