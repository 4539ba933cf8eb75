package sweep_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/oathtokens/terraform-provider-pingone/internal/acctest"
)

// Sweepers run with go test ./internal/sweep -sweep=<environment IDs> (make sweep): each
// "region" terraform-plugin-testing passes is an environment to sweep.
func init() {
	resource.AddTestSweepers("pingone_oath_token", &resource.Sweeper{
		Name: "pingone_oath_token",
		F:    acctest.SweepTokens,
	})
	// Users after tokens, so that a user's pairings are gone with the tokens first.
	resource.AddTestSweepers("test_users", &resource.Sweeper{
		Name:         "test_users",
		Dependencies: []string{"pingone_oath_token"},
		F:            acctest.SweepUsers,
	})
}

func TestMain(m *testing.M) {
	acctest.Main(m)
}
