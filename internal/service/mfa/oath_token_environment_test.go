package mfa_test

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	fwresource "github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/oathtokens/terraform-provider-pingone/internal/acctest"
	"github.com/oathtokens/terraform-provider-pingone/internal/emulator"
	"github.com/oathtokens/terraform-provider-pingone/internal/service/mfa"
)

// A token whose environment is deleted outside Terraform: PingOne answers 404, or 403 (the
// worker cannot hold a role in an environment that does not exist), and the emulator can do
// either. Under 404 the provider knows the token is gone and drops it from the state with a
// warning. Under 403 it cannot tell a deleted environment from a withdrawn role, so it fails
// with an error that names both and what to do, and never drops the token: a token that still
// exists must not leave the state. A withdrawn role is never taken for a deleted environment.

// forbiddenOrGone is the error under 403: both causes, and the way out of each.
const forbiddenOrGone = `(?s)Read OATH token failed.*no role there.*grant it one.*no longer exists.*terraform state rm`

// goneEnvConfig is one token in an environment of its own.
func goneEnvConfig(e *acctest.Emulator, env, serial string) string {
	return tokenSpec{env: env, serial: serial, tokenType: "HOTP", secret: seedSHA1, length: 6}.config(e)
}

// inState is a Check that the token is (or is not) in the state.
func inState(want bool) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		if _, ok := s.RootModule().Resources[tokenAddr]; ok != want {
			return fmt.Errorf("token in state: %v, want %v", ok, want)
		}
		return nil
	}
}

// TestAccOATHToken_EnvironmentGone404 deletes the environment with PingOne answering 404: the
// refresh drops the token, and the plan creates it again.
func TestAccOATHToken_EnvironmentGone404(t *testing.T) {
	acctest.NeedsControlAPI(t, "deletes the token's environment, PingOne answering 404, and the refresh must drop the token")
	e := acctest.StartEmulator(t)
	env := e.CreateEnvironment(true)
	config := goneEnvConfig(e, env, "ENV404")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{Config: config, Check: inState(true)},
			{
				PreConfig:          func() { e.DeleteEnvironment(env) },
				RefreshState:       true,
				ExpectNonEmptyPlan: true,
				Check:              inState(false),
			},
			{Config: e.ProviderConfig()},
		},
	})
}

// TestAccOATHToken_EnvironmentGone403 deletes the environment with PingOne answering 403: every
// refresh fails with the error that names both causes, and the token stays in the state (the
// second refresh fails again; a dropped token would plan a create instead). Once PingOne says
// 404, the refresh drops it.
func TestAccOATHToken_EnvironmentGone403(t *testing.T) {
	acctest.NeedsControlAPI(t, "deletes the token's environment, PingOne answering 403, and the refresh must keep the token and name both causes")
	e := acctest.StartEmulator(t)
	env := e.CreateEnvironment(true)
	config := goneEnvConfig(e, env, "ENV403")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{Config: config, Check: inState(true)},
			{
				PreConfig: func() {
					e.SetUnknownEnvironmentStatus(http.StatusForbidden)
					e.DeleteEnvironment(env)
				},
				Config:      config,
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(forbiddenOrGone),
			},
			{Config: config, PlanOnly: true, ExpectError: regexp.MustCompile(forbiddenOrGone)},
			{
				PreConfig:          func() { e.SetUnknownEnvironmentStatus(http.StatusNotFound) },
				RefreshState:       true,
				ExpectNonEmptyPlan: true,
				Check:              inState(false),
			},
			{Config: e.ProviderConfig()},
		},
	})
}

// TestAccOATHToken_MissingRoleIsNotGone withdraws the worker's role, under either answer for
// missing environments: the refresh fails with the same error, and once the role is granted
// again the plan is empty, because the token never left the state.
func TestAccOATHToken_MissingRoleIsNotGone(t *testing.T) {
	acctest.NeedsControlAPI(t, "withdraws and grants the worker's role, and a withdrawn role must never drop the token")
	for _, status := range []int{http.StatusNotFound, http.StatusForbidden} {
		t.Run(fmt.Sprint(status), func(t *testing.T) {
			e := acctest.StartEmulator(t, func(o *emulator.Options) { o.UnknownEnvironmentStatus = status })
			env := e.CreateEnvironment(true)
			config := goneEnvConfig(e, env, "NOROLE1")
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: acctest.ProviderFactories,
				CheckDestroy: func(*terraform.State) error {
					if left := e.TokenSerials(env); len(left) > 0 {
						return fmt.Errorf("tokens left after destroy: %v", left)
					}
					return nil
				},
				Steps: []resource.TestStep{
					{Config: config},
					{
						PreConfig:   func() { e.SetRole(env, false) },
						Config:      config,
						PlanOnly:    true,
						ExpectError: regexp.MustCompile(forbiddenOrGone),
					},
					{
						PreConfig: func() { e.SetRole(env, true) },
						Config:    config,
						ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
							plancheck.ExpectEmptyPlan(),
						}},
						Check: inState(true),
					},
				},
			})
		})
	}
}

// TestOATHTokenRead_MissingEnvironment calls the resource's Read itself, to see the
// diagnostics the engines print: a warning and no state under 404; an error naming both
// causes and the state untouched under 403, for a deleted environment and a withdrawn role
// alike.
func TestOATHTokenRead_MissingEnvironment(t *testing.T) {
	acctest.NeedsControlAPI(t, "deletes an environment and withdraws a role, to see the diagnostics Read gives for each")
	e := acctest.StartEmulator(t)
	ctx := context.Background()
	deleted, noRole := e.CreateEnvironment(true), e.CreateEnvironment(true)
	ids := map[string]string{}
	for env, serial := range map[string]string{deleted: "READENV1", noRole: "READENV2"} {
		token, err := e.Client(t).CreateOATHToken(ctx, env, pingoneHOTP(serial, 0))
		if err != nil {
			t.Fatal(err)
		}
		ids[env] = token.ID
	}
	e.DeleteEnvironment(deleted)
	e.SetRole(noRole, false)
	r := mfa.NewOATHTokenResource()
	var configured fwresource.ConfigureResponse
	r.(fwresource.ResourceWithConfigure).Configure(ctx, fwresource.ConfigureRequest{ProviderData: e.Client(t)}, &configured)
	if configured.Diagnostics.HasError() {
		t.Fatal(configured.Diagnostics)
	}

	for _, c := range []struct {
		name   string
		status int
		env    string
		gone   bool
	}{
		{"deleted, 404", http.StatusNotFound, deleted, true},
		{"deleted, 403", http.StatusForbidden, deleted, false},
		{"no role, 404", http.StatusNotFound, noRole, false},
		{"no role, 403", http.StatusForbidden, noRole, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			e.SetUnknownEnvironmentStatus(c.status)
			resp := readToken(t, r, c.env, ids[c.env])
			if c.gone {
				requireDiag(t, resp.Diagnostics, diag.SeverityWarning, "OATH token no longer exists in PingOne", "environment was deleted")
				if !resp.State.Raw.IsNull() {
					t.Errorf("the token stayed in the state")
				}
				return
			}
			requireDiag(t, resp.Diagnostics, diag.SeverityError, "Read OATH token failed", "no role there", "no longer exists",
				"terraform state rm", c.env)
			var id string
			resp.State.GetAttribute(ctx, path.Root("id"), &id)
			if resp.State.Raw.IsNull() || id != ids[c.env] {
				t.Errorf("the state lost the token: id %q", id)
			}
		})
	}
}

// readToken runs Read on a state that holds only the token's identity, as after an import.
func readToken(t *testing.T, r fwresource.Resource, env, id string) *fwresource.ReadResponse {
	t.Helper()
	ctx := context.Background()
	var schema fwresource.SchemaResponse
	r.Schema(ctx, fwresource.SchemaRequest{}, &schema)
	state := tfsdk.State{Schema: schema.Schema, Raw: tftypes.NewValue(schema.Schema.Type().TerraformType(ctx), nil)}
	for attr, v := range map[string]string{"id": id, "environment_id": env} {
		if diags := state.SetAttribute(ctx, path.Root(attr), v); diags.HasError() {
			t.Fatal(diags)
		}
	}
	resp := &fwresource.ReadResponse{State: state}
	r.Read(ctx, fwresource.ReadRequest{State: state}, resp)
	return resp
}

// requireDiag fails unless diags hold exactly one diagnostic, of that severity and summary,
// whose detail holds every part.
func requireDiag(t *testing.T, diags diag.Diagnostics, severity diag.Severity, summary string, parts ...string) {
	t.Helper()
	if len(diags) != 1 || diags[0].Severity() != severity || diags[0].Summary() != summary {
		t.Fatalf("diagnostics %v, want one %v %q", diags, severity, summary)
	}
	for _, p := range parts {
		if !strings.Contains(diags[0].Detail(), p) {
			t.Errorf("the detail does not say %q: %s", p, diags[0].Detail())
		}
	}
}
