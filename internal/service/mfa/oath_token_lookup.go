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

// lookup reads the token the state describes, with its paired devices. A token in state is read
// by its ID: a list filtered by serial number may lag behind a write, and a refresh right after a
// create must never drop the token. Only a token imported by serial number, whose ID is not known
// yet, is searched for by serial. When the token is gone, gone says why and the token is nil;
// Read never fails because a token or its environment no longer exists.
func (r *oathTokenResource) lookup(ctx context.Context, ref tokenRef) (token *pingone.OATHToken, gone string, diags diag.Diagnostics) {
	envID, id := ref.EnvID, ref.ID
	var err error
	if id == "" {
		serial := ref.Serial
		token, err = r.client.FindOATHTokenBySerial(ctx, envID, serial, true)
		if pingone.IsNotFound(err) {
			return nil, fmt.Sprintf("PingOne has no OATH token with serial number %s in environment %s.", serial, envID), diags
		}
	} else {
		token, err = r.client.ReadOATHTokenWithDevices(ctx, envID, id)
		if pingone.IsNotFound(err) {
			return nil, fmt.Sprintf("PingOne has no OATH token %s (serial number %s) in environment %s: it was revoked, "+
				"or the environment was deleted, outside Terraform.", id, ref.Serial, envID), diags
		}
	}
	if err != nil {
		diags.Append(diagnostics.APIError("Read OATH token failed", err, readHint(err, envID)))
		return nil, "", diags
	}
	return token, "", diags
}

// readHint explains a refusal. PingOne answers 403 where the worker holds no role in the
// environment, and may answer 403 too for an environment that was deleted: the provider cannot
// tell the two apart, so it never takes a 403 for "gone" (that would drop tokens from the state
// that still exist) and says what to do in either case.
func readHint(err error, envID string) string {
	if pingone.IsForbidden(err) {
		return fmt.Sprintf("PingOne refused access to environment %s. Either the worker application has no role there "+
			"(grant it one, for example Environment Admin, in PingOne), or the environment no longer exists: then remove "+
			"its tokens from the state with terraform state rm.", envID)
	}
	return ""
}
