package mfa

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/oathtokens/terraform-provider-pingone/internal/pingone"
)

// A token's identity is its environment and its ID: what names it in PingOne's API, and what
// terraform query writes into the import blocks it generates. Terraform 1.12 and OpenTofu 1.12
// and later keep it beside the state and accept it in import blocks; older engines ignore it.
//
// The identity must never change while the token lives (the framework fails a refresh that
// changes it), so both IDs are kept in PingOne's lowercase form whatever the case the
// configuration or an import block gave them.

var _ resource.ResourceWithIdentity = (*oathTokenResource)(nil)

// oathTokenIdentityModel is the identity's data.
type oathTokenIdentityModel struct {
	EnvironmentID types.String `tfsdk:"environment_id"`
	ID            types.String `tfsdk:"id"`
}

func (r *oathTokenResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			"environment_id": identityschema.StringAttribute{
				RequiredForImport: true,
				Description:       "The ID (a UUID) of the PingOne environment that holds the token.",
			},
			"id": identityschema.StringAttribute{
				RequiredForImport: true,
				Description:       "The token's PingOne ID (a UUID).",
			},
		},
	}
}

// identityType is the identity's raw type. Identities are written by hand, as the resource's
// values are, for the reason oath_token_raw.go gives.
var identityType = tftypes.Object{AttributeTypes: map[string]tftypes.Type{"environment_id": tftypes.String, "id": tftypes.String}}

// tokenIdentityValue is a token's identity, with both IDs in lowercase.
func tokenIdentityValue(envID, tokenID string) tftypes.Value {
	return tftypes.NewValue(identityType, map[string]tftypes.Value{
		"environment_id": rawString(pingone.CanonicalID(envID)),
		"id":             rawString(pingone.CanonicalID(tokenID)),
	})
}

// setTokenIdentityRaw records a token's identity in a response. The framework hands every
// operation a response identity when the resource has an identity schema; the nil check keeps a
// caller without one (a test, say) from panicking, and nothing is written while an ID is not
// known.
func setTokenIdentityRaw(identity *tfsdk.ResourceIdentity, envID, tokenID string) {
	if identity == nil || envID == "" || tokenID == "" {
		return
	}
	identity.Raw = tokenIdentityValue(envID, tokenID)
}

// identityImportFormat shows an import block with an identity, for error messages.
const identityImportFormat = `identity = { environment_id = "11111111-2222-3333-4444-555555555555", ` +
	`id = "66666666-7777-8888-9999-000000000000" }`

// parseImportIdentity reads an identity from an import block: both IDs must be PingOne IDs. The
// identity names the token only by ID; a serial number goes in the import block's id instead.
func parseImportIdentity(identity oathTokenIdentityModel) (importID, error) {
	env, id := identity.EnvironmentID.ValueString(), identity.ID.ValueString()
	if !pingone.IsID(env) {
		return importID{}, fmt.Errorf("invalid import identity: environment_id %q is not an environment ID (a UUID); "+
			"the identity should be in the format %s", env, identityImportFormat)
	}
	if !pingone.IsID(id) {
		return importID{}, fmt.Errorf("invalid import identity: id %q is not an OATH token ID (a UUID); to import by "+
			"serial number, use the import block's id = \"environment_id/serial_number\" instead; the identity should "+
			"be in the format %s", id, identityImportFormat)
	}
	return importID{EnvironmentID: pingone.CanonicalID(env), TokenID: pingone.CanonicalID(id)}, nil
}

// importTarget returns what an import names: the import ID when there is one (terraform import,
// or an import block's id), otherwise the import block's identity.
func importTarget(ctx context.Context, req resource.ImportStateRequest) (importID, diag.Diagnostics) {
	var diags diag.Diagnostics
	if req.ID != "" || req.Identity == nil {
		id, err := parseImportID(req.ID)
		if err != nil {
			diags.AddError("Invalid import ID", err.Error())
		}
		return id, diags
	}
	var identity oathTokenIdentityModel
	diags.Append(req.Identity.Get(ctx, &identity)...)
	if diags.HasError() {
		return importID{}, diags
	}
	id, err := parseImportIdentity(identity)
	if err != nil {
		diags.AddError("Invalid import identity", err.Error())
	}
	return id, diags
}
