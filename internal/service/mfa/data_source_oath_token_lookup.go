package mfa

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/oathtokens/terraform-provider-pingone/internal/diagnostics"
	"github.com/oathtokens/terraform-provider-pingone/internal/pingone"
)

const summaryTokenNotFound = "OATH token not found"

// find reads one token with its paired devices. By serial number that is one API call: a list
// filtered by serial returns the devices too. By ID it is two, because only the list expands
// devices: the read gives the serial, and the filtered list gives the devices.
func (d *oathTokenDataSource) find(ctx context.Context, envID, tokenID, serial string) (*pingone.OATHToken, diag.Diagnostics) {
	var diags diag.Diagnostics
	if tokenID != "" {
		byID, err := d.client.ReadOATHToken(ctx, envID, tokenID)
		if pingone.IsNotFound(err) {
			diags.AddError(summaryTokenNotFound, fmt.Sprintf("PingOne has no OATH token with ID %s in environment %s. "+
				"Check oath_token_id and environment_id; the token may have been revoked, or the environment deleted.",
				tokenID, envID))
			return nil, diags
		}
		if err != nil {
			diags.Append(diagnostics.APIError("Read OATH token failed", err, dataSourceHint(err, envID)))
			return nil, diags
		}
		serial = byID.SerialNumber
	}

	found, err := d.client.FindOATHTokenBySerial(ctx, envID, serial, true)
	if pingone.IsNotFound(err) {
		if tokenID != "" {
			// The token was revoked between the two calls.
			diags.AddError(summaryTokenNotFound, fmt.Sprintf("The OATH token with ID %s (serial number %s) in environment %s "+
				"was revoked while it was being read.", tokenID, serial, envID))
			return nil, diags
		}
		diags.AddError(summaryTokenNotFound, fmt.Sprintf("PingOne has no OATH token with serial number %s in environment %s. "+
			"Check serial_number and environment_id; the token may have been revoked, or the environment deleted.",
			serial, envID))
		return nil, diags
	}
	if err != nil {
		diags.Append(diagnostics.APIError("Read OATH token failed", err, dataSourceHint(err, envID)))
		return nil, diags
	}
	if tokenID != "" && found.ID != tokenID {
		// Between the two calls the token was revoked and another created with its serial number;
		// returning that one would answer a question that was not asked.
		diags.AddError(summaryTokenNotFound, fmt.Sprintf("The OATH token with ID %s (serial number %s) in environment %s "+
			"was revoked while it was being read; PingOne now holds another token, %s, with that serial number.",
			tokenID, serial, envID, found.ID))
		return nil, diags
	}
	return found, diags
}
