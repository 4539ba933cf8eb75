package mfa

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/oathtokens/terraform-provider-pingone/internal/pingone"
	"github.com/oathtokens/terraform-provider-pingone/internal/validators"
)

// importID is what an import ID names: a token in an environment, by ID or by serial number.
type importID struct {
	EnvironmentID string
	TokenID       string
	SerialNumber  string
}

const importFormats = "environment_id/oath_token_id (for example 11111111-2222-3333-4444-555555555555/" +
	"66666666-7777-8888-9999-000000000000) or environment_id/serial_number (for example " +
	"11111111-2222-3333-4444-555555555555/ABC123456)"

// parseImportID accepts "environment_id/oath_token_id" and "environment_id/serial_number". A
// second part shaped like a UUID is a token ID: serial numbers are letters and digits only, so
// the two cannot be confused.
func parseImportID(raw string) (importID, error) {
	parts := strings.Split(raw, "/")
	if len(parts) != 2 || parts[0] == "" || parts[1] == "" {
		return importID{}, fmt.Errorf("invalid import ID %q: it should be in the format %s", raw, importFormats)
	}
	env, rest := parts[0], parts[1]
	if !validators.IsPingOneID(env) {
		return importID{}, fmt.Errorf("invalid import ID %q: %q is not an environment ID (a UUID); the ID should be in the format %s",
			raw, env, importFormats)
	}
	// IDs are kept in PingOne's lowercase form, so an ID pasted in upper case matches the
	// configuration and the API's answers.
	env = pingone.CanonicalID(env)
	if validators.IsPingOneID(rest) {
		return importID{EnvironmentID: env, TokenID: pingone.CanonicalID(rest)}, nil
	}
	if !serialPattern.MatchString(rest) {
		return importID{}, fmt.Errorf("invalid import ID %q: %q is neither an OATH token ID (a UUID) nor a serial number "+
			"(1 to %d letters and digits); the ID should be in the format %s", raw, rest, maxSerialLength, importFormats)
	}
	return importID{EnvironmentID: env, SerialNumber: rest}, nil
}

// ImportState takes an existing token under management, named by an import ID or (Terraform
// 1.12+) by its identity (oath_token_identity.go). Read, which follows, fills in the rest;
// the secret cannot be read back, so the configured one is adopted on the next apply, and so is
// the configured HOTP counter (see oath_token_adopt.go).
func (r *oathTokenResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	id, diags := importTarget(ctx, req)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("environment_id"), id.EnvironmentID)...)
	if id.TokenID != "" {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id.TokenID)...)
	} else {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, pathSerialNumber, id.SerialNumber)...)
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("allow_revoke_when_paired"), types.BoolValue(false))...)
	marks, _ := json.Marshal(adoptMarks{Counter: true})
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, adoptKey, marks)...)
}
