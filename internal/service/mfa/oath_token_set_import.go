package mfa

import (
	"context"
	"fmt"
	"strings"

	"github.com/google/uuid"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/oathtokens/terraform-provider-pingone/internal/pingone"
	"github.com/oathtokens/terraform-provider-pingone/internal/validators"
)

const setImportFormats = "environment_id (every token of the environment, for example 11111111-2222-3333-4444-555555555555) " +
	"or environment_id/serial_number,serial_number,... (for example 11111111-2222-3333-4444-555555555555/YK0001,YK0002)"

// parseSetImportID reads "environment_id" or "environment_id/serial,serial,...".
func parseSetImportID(raw string) (envID string, req setImport, err error) {
	return parseSerialsImportID(raw, setImportFormats)
}

// parseSerialsImportID reads an import ID that names an environment, and perhaps serial numbers
// in it: "environment_id" or "environment_id/serial,serial,...". formats says what the resource
// takes, for errors.
func parseSerialsImportID(raw, formats string) (envID string, req setImport, err error) {
	env, list, hasList := strings.Cut(raw, "/")
	if !validators.IsPingOneID(env) {
		return "", req, fmt.Errorf("invalid import ID %q: %q is not an environment ID (a UUID); the ID should be %s", raw, env, formats)
	}
	if !hasList {
		return pingone.CanonicalID(env), setImport{All: true}, nil
	}
	seen := map[string]bool{}
	for _, serial := range strings.Split(list, ",") {
		serial = strings.TrimSpace(serial)
		if !serialPattern.MatchString(serial) {
			return "", req, fmt.Errorf("invalid import ID %q: %q is not a serial number (1 to %d letters and digits); the ID should be %s",
				raw, serial, maxSerialLength, formats)
		}
		if !seen[serial] {
			seen[serial] = true
			req.Serials = append(req.Serials, serial)
		}
	}
	return pingone.CanonicalID(env), req, nil
}

// ImportState takes tokens that exist (loaded earlier through the admin console, say) under the
// set. The Read that follows fills in their settings from PingOne. Their seeds cannot be read
// back: the configured seeds and secret_version values are adopted on the next apply, as are the
// configured HOTP counters, without replacing any token.
func (r *oathTokenSetResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	envID, imp, err := parseSetImportID(req.ID)
	if err != nil {
		resp.Diagnostics.AddError("Invalid import ID", err.Error())
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), uuid.NewString())...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("environment_id"), envID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, pathBatchSize, types.Int64Value(defaultBatchSize))...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("allow_revoke_when_paired"), types.BoolValue(false))...)
	resp.Diagnostics.Append(writeSetPrivate(ctx, resp.Private, setPrivate{Import: &imp})...)
}
