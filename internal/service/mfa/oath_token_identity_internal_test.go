package mfa

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

func testIdentitySchema(t *testing.T) identityschema.Schema {
	t.Helper()
	var resp resource.IdentitySchemaResponse
	(&oathTokenResource{}).IdentitySchema(context.Background(), resource.IdentitySchemaRequest{}, &resp)
	if resp.Diagnostics.HasError() {
		t.Fatalf("identity schema: %v", resp.Diagnostics)
	}
	return resp.IdentitySchema
}

// TestOATHTokenIdentitySchema pins what import blocks must give: both IDs, each described.
func TestOATHTokenIdentitySchema(t *testing.T) {
	s := testIdentitySchema(t)
	if diags := s.ValidateImplementation(context.Background()); diags.HasError() {
		t.Fatalf("identity schema is invalid: %v", diags)
	}
	if len(s.Attributes) != 2 {
		t.Fatalf("identity has %d attributes, want environment_id and id", len(s.Attributes))
	}
	for _, name := range []string{"environment_id", "id"} {
		a, ok := s.Attributes[name].(identityschema.StringAttribute)
		if !ok {
			t.Fatalf("identity attribute %q is %T, want a string", name, s.Attributes[name])
		}
		if !a.RequiredForImport || a.Description == "" {
			t.Errorf("identity attribute %q: RequiredForImport %v, description %q; want required and described",
				name, a.RequiredForImport, a.Description)
		}
	}
}

// identityValue builds an import block's identity as the framework hands it to ImportState.
func identityValue(t *testing.T, env, id string) *tfsdk.ResourceIdentity {
	t.Helper()
	s := testIdentitySchema(t)
	typ := s.Type().TerraformType(context.Background())
	return &tfsdk.ResourceIdentity{Schema: s, Raw: tftypes.NewValue(typ, map[string]tftypes.Value{
		"environment_id": tftypes.NewValue(tftypes.String, env),
		"id":             tftypes.NewValue(tftypes.String, id),
	})}
}

func TestImportTarget(t *testing.T) {
	ctx := context.Background()
	upperEnv, upperToken := strings.ToUpper(testEnv), strings.ToUpper(testToken)
	cases := []struct {
		name    string
		req     resource.ImportStateRequest
		want    importID
		wantErr string
	}{
		{name: "identity", req: resource.ImportStateRequest{Identity: identityValue(t, testEnv, testToken)},
			want: importID{EnvironmentID: testEnv, TokenID: testToken}},
		{name: "identity in upper case is kept in lowercase",
			req:  resource.ImportStateRequest{Identity: identityValue(t, upperEnv, upperToken)},
			want: importID{EnvironmentID: testEnv, TokenID: testToken}},
		{name: "an import ID wins over the null identity the framework passes along",
			req: resource.ImportStateRequest{ID: testEnv + "/ABC123", Identity: &tfsdk.ResourceIdentity{
				Schema: testIdentitySchema(t), Raw: tftypes.NewValue(testIdentitySchema(t).Type().TerraformType(ctx), nil)}},
			want: importID{EnvironmentID: testEnv, SerialNumber: "ABC123"}},
		{name: "an engine without identity support", req: resource.ImportStateRequest{ID: testEnv + "/" + testToken},
			want: importID{EnvironmentID: testEnv, TokenID: testToken}},
		{name: "environment not a UUID", req: resource.ImportStateRequest{Identity: identityValue(t, "prod", testToken)},
			wantErr: `environment_id "prod" is not an environment ID`},
		{name: "serial number in id", req: resource.ImportStateRequest{Identity: identityValue(t, testEnv, "ABC123")},
			wantErr: `id "ABC123" is not an OATH token ID (a UUID); to import by serial number`},
		{name: "bad import ID", req: resource.ImportStateRequest{ID: "ABC123"}, wantErr: "should be in the format"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, diags := importTarget(ctx, tc.req)
			if tc.wantErr != "" {
				if !diags.HasError() || !strings.Contains(diags[0].Detail(), tc.wantErr) {
					t.Fatalf("importTarget() diagnostics = %v, want an error containing %q", diags, tc.wantErr)
				}
				return
			}
			if diags.HasError() || got != tc.want {
				t.Fatalf("importTarget() = %+v, %v; want %+v", got, diags, tc.want)
			}
		})
	}
}

// TestSetTokenIdentity checks the identity is written in lowercase, so that a configuration
// that spells the environment in upper case never changes it, that it is what the identity
// schema describes, and that nothing is written while an ID is unknown.
func TestSetTokenIdentity(t *testing.T) {
	ctx := context.Background()
	s := testIdentitySchema(t)
	null := func() *tfsdk.ResourceIdentity {
		return &tfsdk.ResourceIdentity{Schema: s, Raw: tftypes.NewValue(s.Type().TerraformType(ctx), nil)}
	}

	identity := null()
	setTokenIdentityRaw(identity, strings.ToUpper(testEnv), strings.ToUpper(testToken))
	var got oathTokenIdentityModel
	if diags := identity.Get(ctx, &got); diags.HasError() {
		t.Fatalf("the identity does not match its schema: %v", diags)
	}
	if got.EnvironmentID.ValueString() != testEnv || got.ID.ValueString() != testToken {
		t.Errorf("identity = %s/%s, want %s/%s", got.EnvironmentID, got.ID, testEnv, testToken)
	}

	unknown := null()
	setTokenIdentityRaw(unknown, testEnv, "")
	if !unknown.Raw.IsNull() {
		t.Errorf("identity without a token ID = %s, want it left null", unknown.Raw)
	}
	setTokenIdentityRaw(nil, testEnv, testToken) // must not panic
}
