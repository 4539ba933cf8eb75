package mfa

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/oathtokens/terraform-provider-pingone/internal/diagnostics"
	"github.com/oathtokens/terraform-provider-pingone/internal/pingone"
)

// clockSkew is how far PingOne's clock may be behind ours when deciding whether a token was
// created by this apply's own request.
const clockSkew = 2 * time.Minute

// createToken creates the token, and makes the create safe to retry. When a create request's
// answer is lost (the connection drops after PingOne committed it), the client's retry meets a
// duplicate serial number: the token then exists because of this very request, and is adopted.
// A token with that serial that existed before this apply is never adopted silently.
func (r *oathTokenResource) createToken(ctx context.Context, envID string, in pingone.OATHTokenCreate) (*pingone.OATHToken, diag.Diagnostics) {
	var diags diag.Diagnostics
	started := time.Now()
	token, err := r.client.CreateOATHToken(ctx, envID, in)
	if err == nil {
		return token, diags
	}
	if !pingone.IsDuplicate(err) {
		diags.Append(diagnostics.APIError("Create OATH token failed", err, createHint(err)))
		return nil, diags
	}

	existing, findErr := r.client.FindOATHTokenBySerial(ctx, envID, in.SerialNumber, false)
	if findErr != nil {
		diags.Append(diagnostics.APIError("Create OATH token failed", err,
			fmt.Sprintf("The serial number %s is already taken, and looking up the token that holds it failed too: %s",
				in.SerialNumber, findErr)))
		return nil, diags
	}
	if pingone.RetriedAfterAmbiguousFailure(err) && createdByRequest(existing, in, started) {
		tflog.Info(ctx, "adopted the OATH token created by a create request whose answer was lost", map[string]any{
			"environment_id": envID, "oath_token_id": existing.ID, "serial_number": in.SerialNumber,
		})
		return existing, diags
	}
	diags.AddAttributeError(pathSerialNumber, "OATH token already exists",
		fmt.Sprintf("PingOne already holds an OATH token with serial number %s in environment %s (ID %s, created %s). "+
			"It was not created by this apply, so it is not taken over silently.\n\n"+
			"To manage it with Terraform, import it, for example:\n"+
			"  terraform import pingone_oath_token.<name> %s/%s\n"+
			"or add an import block:\n"+
			"  import {\n    to = pingone_oath_token.<name>\n    id = \"%s/%s\"\n  }",
			in.SerialNumber, envID, existing.ID, existing.CreatedAt.UTC().Format(time.RFC3339),
			envID, in.SerialNumber, envID, in.SerialNumber))
	return nil, diags
}

// createdByRequest reports whether existing is what the create request asked for and was made
// after the request started (allowing for clock skew).
func createdByRequest(existing *pingone.OATHToken, in pingone.OATHTokenCreate, started time.Time) bool {
	if existing.Type != in.Type || existing.OTPLength != in.OTPLength {
		return false
	}
	if in.HashAlgorithm != "" && existing.HashAlgorithm != in.HashAlgorithm {
		return false
	}
	if in.TOTP != nil && (existing.TOTP == nil || existing.TOTP.TimeStep != in.TOTP.TimeStep) {
		return false
	}
	return !existing.CreatedAt.Before(started.Add(-clockSkew))
}

// createHint tells the user what to do about the most common create failures.
func createHint(err error) string {
	switch {
	case pingone.IsForbidden(err):
		return "The worker application has no role that allows managing MFA devices in this environment. " +
			"Grant it one (for example Environment Admin) in PingOne."
	case pingone.IsNotFound(err):
		return "Check environment_id: PingOne does not know this environment."
	case pingone.IsInvalidValue(err):
		return "PingOne rejected a value; the details above name the attribute."
	}
	return ""
}
