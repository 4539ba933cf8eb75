package mfa_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/oathtokens/terraform-provider-pingone/internal/acctest"
)

func writeOnlyConfig(e *acctest.Emulator, secret string, version int) string {
	return e.ProviderConfig() + fmt.Sprintf(`
resource "pingone_oath_token" "test" {
  environment_id    = %q
  serial_number     = %q
  type              = "TOTP"
  otp_length        = 6
  secret_wo         = %q
  secret_wo_version = %d
  totp = {
    time_step = 30
  }
}
`, e.Info.EnvironmentID, e.Serial("WRITEONLY1"), secret, version)
}

// TestAccOATHToken_WriteOnlySecret keeps the secret out of state entirely; bumping
// secret_wo_version replaces the token. Write-only attributes need Terraform or OpenTofu 1.11.
func TestAccOATHToken_WriteOnlySecret(t *testing.T) {
	e := acctest.StartEmulator(t)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		Steps: []resource.TestStep{
			{
				Config: writeOnlyConfig(e, seedSHA1, 1),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(tokenAddr, tfjsonpath.New("secret"), knownvalue.Null()),
					statecheck.ExpectKnownValue(tokenAddr, tfjsonpath.New("secret_wo"), knownvalue.Null()),
					statecheck.ExpectKnownValue(tokenAddr, tfjsonpath.New("secret_wo_version"), knownvalue.Int64Exact(1)),
					stateLacks(seedSHA1),
				},
			},
			{
				Config: writeOnlyConfig(e, seedSHA256, 2),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(tokenAddr, plancheck.ResourceActionReplace),
				}},
				ConfigStateChecks: []statecheck.StateCheck{stateLacks(seedSHA1), stateLacks(seedSHA256)},
			},
		},
	})
}

// stateLacks fails when the state of any of this provider's resources, in any attribute, holds
// the text. Other resources (a terraform_data a test feeds the secret from) hold what they hold.
func stateLacks(text string) statecheck.StateCheck {
	return stateLacksCheck{text: text}
}

type stateLacksCheck struct{ text string }

func (c stateLacksCheck) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	if req.State == nil || req.State.Values == nil || req.State.Values.RootModule == nil {
		resp.Error = fmt.Errorf("no state to check")
		return
	}
	checked := 0
	for _, r := range req.State.Values.RootModule.Resources {
		if !strings.HasPrefix(r.Type, "pingone_") {
			continue
		}
		checked++
		raw, err := json.Marshal(r)
		if err != nil {
			resp.Error = err
			return
		}
		if strings.Contains(strings.ToLower(string(raw)), strings.ToLower(c.text)) {
			resp.Error = fmt.Errorf("the state of %s holds the secret", r.Address)
			return
		}
	}
	if checked == 0 {
		resp.Error = fmt.Errorf("the state holds none of this provider's resources to check")
	}
}
