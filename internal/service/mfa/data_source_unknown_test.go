package mfa_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/oathtokens/terraform-provider-pingone/internal/acctest"
)

// TestAccOATHTokenDataSources_UnknownArguments feeds every argument of both data sources from
// terraform_data outputs, unknown while planning, at the first apply and again when the inputs
// change: the reads wait for the values and then find the right tokens.
func TestAccOATHTokenDataSources_UnknownArguments(t *testing.T) {
	e := acctest.StartEmulator(t)
	env := e.Info.EnvironmentID
	s := e.Serial
	tokens := createTokens(t, e, env, pingoneHOTP(s("DSUNK1"), 0), pingoneTOTP(s("DSUNK2")), pingoneHOTP(s("DSUNK3"), 0))
	config := func(byID int, serial, tokenType string, serials string, paired bool) string {
		return e.ProviderConfig() + fmt.Sprintf(`
resource "terraform_data" "in" {
  input = {
    environment_id = %q
    oath_token_id  = %q
    serial_number  = %q
    type           = %q
    serial_numbers = %s
    paired         = %t
  }
}

data "pingone_oath_token" "by_id" {
  environment_id = terraform_data.in.output.environment_id
  oath_token_id  = terraform_data.in.output.oath_token_id
}

data "pingone_oath_token" "by_serial" {
  environment_id = terraform_data.in.output.environment_id
  serial_number  = terraform_data.in.output.serial_number
}

data "pingone_oath_tokens" "filtered" {
  environment_id = terraform_data.in.output.environment_id
  type           = terraform_data.in.output.type
  serial_numbers = terraform_data.in.output.serial_numbers
  paired         = terraform_data.in.output.paired
}
`, env, tokens[byID].ID, serial, tokenType, serials, paired)
	}
	check := func(idSerial, serialType string, listed ...string) []statecheck.StateCheck {
		return []statecheck.StateCheck{
			statecheck.ExpectKnownValue("data.pingone_oath_token.by_id", tfjsonpath.New("serial_number"), knownvalue.StringExact(idSerial)),
			statecheck.ExpectKnownValue("data.pingone_oath_token.by_serial", tfjsonpath.New("type"), knownvalue.StringExact(serialType)),
			statecheck.ExpectKnownValue("data.pingone_oath_tokens.filtered", tfjsonpath.New("tokens"), serialsInOrder(e, listed...)),
		}
	}
	resource.ParallelTest(t, dataSourceCase(t,
		resource.TestStep{
			Config:            config(0, s("DSUNK2"), "HOTP", fmt.Sprintf("[%q, %q, %q]", s("DSUNK1"), s("DSUNK2"), s("DSUNK3")), false),
			ConfigStateChecks: check(s("DSUNK1"), "TOTP", s("DSUNK1"), s("DSUNK3")),
		},
		resource.TestStep{
			Config:            config(1, s("DSUNK3"), "TOTP", fmt.Sprintf("[%q]", s("DSUNK2")), false),
			ConfigStateChecks: check(s("DSUNK2"), "HOTP", s("DSUNK2")),
		},
	))
}
