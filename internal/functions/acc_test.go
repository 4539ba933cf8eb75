package functions_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/oathtokens/terraform-provider-pingone/internal/acctest"
)

func TestMain(m *testing.M) {
	acctest.Main(m)
}

// functionsSince is the first engine version with provider functions: Terraform 1.8. OpenTofu
// 1.7 has them too, and reports its own version (1.12 here), which passes the same check.
var functionsSince = []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_8_0)}

// functionCase is a one-step test of outputs computed by functions. Functions need no provider
// configuration and no PingOne: the engine calls them on an unconfigured provider.
func functionCase(config string, checks ...statecheck.StateCheck) resource.TestCase {
	return resource.TestCase{
		TerraformVersionChecks:   functionsSince,
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config:            config,
			ConfigStateChecks: checks,
		}},
	}
}

// engineError matches an error the engine prints, phrase by phrase in order, whatever line
// breaks the engine wraps it with.
func engineError(phrases ...string) *regexp.Regexp {
	parts := make([]string, len(phrases))
	for i, p := range phrases {
		parts[i] = strings.Join(strings.Fields(regexp.QuoteMeta(p)), `\s+`)
	}
	return regexp.MustCompile(strings.Join(parts, `(.|\n)*`))
}
