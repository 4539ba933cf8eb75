package mfa

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/oathtokens/terraform-provider-pingone/internal/diagnostics"
	"github.com/oathtokens/terraform-provider-pingone/internal/pingone"
)

var pathSerialNumber = path.Root("serial_number")

// lookup reads the token the state describes, with its paired devices, in one API call: a list
// filtered by serial number returns both. When the token is gone, gone says why and the token
// is nil; Read never fails because a token or its environment no longer exists.
func (r *oathTokenResource) lookup(ctx context.Context, state oathTokenModel) (token *pingone.OATHToken, gone string, diags diag.Diagnostics) {
	envID := state.EnvironmentID.ValueString()
	serial := state.SerialNumber.ValueString()
	if state.SerialNumber.IsNull() || state.SerialNumber.IsUnknown() {
		// Imported by ID: the serial comes from the token itself.
		byID, err := r.client.ReadOATHToken(ctx, envID, state.ID.ValueString())
		if pingone.IsNotFound(err) {
			return nil, fmt.Sprintf("PingOne has no OATH token %s in environment %s.", state.ID.ValueString(), envID), diags
		}
		if err != nil {
			diags.Append(diagnostics.APIError("Read OATH token failed", err, readHint(err)))
			return nil, "", diags
		}
		serial = byID.SerialNumber
	}

	found, err := r.client.FindOATHTokenBySerial(ctx, envID, serial, true)
	if pingone.IsNotFound(err) {
		return nil, fmt.Sprintf("PingOne has no OATH token with serial number %s in environment %s: it was revoked, "+
			"or the environment was deleted, outside Terraform.", serial, envID), diags
	}
	if err != nil {
		diags.Append(diagnostics.APIError("Read OATH token failed", err, readHint(err)))
		return nil, "", diags
	}
	if id := state.ID.ValueString(); id != "" && found.ID != id {
		return nil, fmt.Sprintf("The OATH token %s with serial number %s was revoked outside Terraform; PingOne now holds "+
			"another token %s with that serial number, which this resource does not manage.", id, serial, found.ID), diags
	}
	return found, "", diags
}

func readHint(err error) string {
	if pingone.IsForbidden(err) {
		return "The worker application has no role in this environment any more. Grant it one in PingOne, " +
			"or remove the token from the state with terraform state rm if it is no longer managed here."
	}
	return ""
}
