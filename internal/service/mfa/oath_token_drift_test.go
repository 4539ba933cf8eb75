package mfa_test

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/oathtokens/terraform-provider-pingone/internal/acctest"
)

func stateID(s *terraform.State) string {
	return s.RootModule().Resources[tokenAddr].Primary.ID
}

// TestAccOATHToken_RemovalDrift revokes the token outside Terraform: the refresh drops it from
// state with a warning instead of failing, and the plan creates it again.
func TestAccOATHToken_RemovalDrift(t *testing.T) {
	e := acctest.StartEmulator(t)
	config := hotpConfig(e, e.Serial("DRIFT1"), "")
	var firstID string
	resource.ParallelTest(t, testCase(t, e,
		resource.TestStep{
			Config: config,
			Check: func(s *terraform.State) error {
				firstID = stateID(s)
				return e.Client(t).RevokeOATHToken(context.Background(), e.Info.EnvironmentID, firstID)
			},
			ExpectNonEmptyPlan: true,
		},
		resource.TestStep{
			Config: config,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(tokenAddr, plancheck.ResourceActionCreate),
			}},
			Check: func(s *terraform.State) error {
				if stateID(s) == firstID {
					t.Errorf("the token kept the revoked token's ID %s", firstID)
				}
				return nil
			},
		},
	))
}

// TestAccOATHToken_DeletedEnvironment deletes the token's environment outside Terraform: the
// refresh drops the token instead of failing every plan.
func TestAccOATHToken_DeletedEnvironment(t *testing.T) {
	acctest.NeedsControlAPI(t, "deletes the token's environment outside Terraform, and the refresh must drop the token")
	e := acctest.StartEmulator(t)
	env := e.CreateEnvironment(true)
	config := tokenSpec{env: env, serial: e.Serial("GONEENV1"), tokenType: "HOTP", secret: seedSHA1, length: 6}.config(e)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{Config: config},
			{
				PreConfig:          func() { e.DeleteEnvironment(env) },
				Config:             config,
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
			},
			{
				// Nothing is left to destroy once the configuration drops the token.
				Config: e.ProviderConfig(),
			},
		},
	})
}

// TestAccOATHToken_CounterAdvancedByResync uses the token for real (a resync through the API
// moves PingOne's counter forward): the next plan is empty and state keeps the configured counter.
func TestAccOATHToken_CounterAdvancedByResync(t *testing.T) {
	e := acctest.StartEmulator(t)
	config := hotpConfig(e, e.Serial("RESYNC1"), "hotp = { counter = 0 }")
	resource.ParallelTest(t, testCase(t, e,
		resource.TestStep{
			Config: config,
			Check: func(s *terraform.State) error {
				resyncForward(t, e, stateID(s), seedSHA1)
				return nil
			},
		},
		resource.TestStep{
			Config:           config,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(tokenAddr, tfjsonpath.New("hotp").AtMapKey("counter"), knownvalue.Int64Exact(0)),
			},
		},
	))
}

// TestAccOATHToken_TOTPDriftIsNotAChange resynchronizes a TOTP token whose clock runs ahead:
// PingOne measures the drift, the refresh records it, and the plan stays empty.
func TestAccOATHToken_TOTPDriftIsNotAChange(t *testing.T) {
	e := acctest.StartEmulator(t)
	config := totpConfig(e, e.Serial("TDRIFT1"), "null", seedSHA1, 30, 6)
	resource.ParallelTest(t, testCase(t, e,
		resource.TestStep{
			Config: config,
			Check: func(s *terraform.State) error {
				env, id := e.Info.EnvironmentID, stateID(s)
				first, second := e.TokenOTP(t, env, id, seedSHA1, 2), e.TokenOTP(t, env, id, seedSHA1, 3)
				_, err := e.Client(t).ResyncOATHToken(context.Background(), env, id, first, second)
				return err
			},
		},
		resource.TestStep{
			Config:           config,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(tokenAddr, tfjsonpath.New("totp").AtMapKey("drift"), knownvalue.NotNull()),
				statecheck.ExpectKnownValue(tokenAddr, tfjsonpath.New("totp").AtMapKey("time_step"), knownvalue.Int64Exact(30)),
			},
		},
	))
}
