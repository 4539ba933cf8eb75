package mfa

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/oathtokens/terraform-provider-pingone/internal/diagnostics"
	"github.com/oathtokens/terraform-provider-pingone/internal/pingone"
)

const summaryTokenNotFound = "OATH token not found"

// find reads one token with its paired devices: by ID with one read (devices expanded), by
// serial number with one filtered list call, which returns the devices too.
func (d *oathTokenDataSource) find(ctx context.Context, envID, tokenID, serial string) (*pingone.OATHToken, diag.Diagnostics) {
	var diags diag.Diagnostics
	if tokenID != "" {
		token, err := d.client.ReadOATHTokenWithDevices(ctx, envID, tokenID)
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
		return token, diags
	}

	found, err := d.client.FindOATHTokenBySerial(ctx, envID, serial, true)
	if pingone.IsNotFound(err) {
		diags.AddError(summaryTokenNotFound, fmt.Sprintf("PingOne has no OATH token with serial number %s in environment %s. "+
			"Check serial_number and environment_id; the token may have been revoked, or the environment deleted.",
			serial, envID))
		return nil, diags
	}
	if err != nil {
		diags.Append(diagnostics.APIError("Read OATH token failed", err, dataSourceHint(err, envID)))
		return nil, diags
	}
	return found, diags
}
