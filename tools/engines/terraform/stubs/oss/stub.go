// Package oss stands in for Terraform's oss state backend, whose module is not in Terraform's
// module zip. The acceptance tests keep their state locally, so no test ever configures it.
package oss

import (
	"github.com/hashicorp/terraform/internal/backend"
	"github.com/hashicorp/terraform/internal/configs/configschema"
	"github.com/hashicorp/terraform/internal/tfdiags"
	"github.com/zclconf/go-cty/cty"
)

// New returns a backend that refuses every configuration. Its other methods are never reached:
// Terraform stops at the PrepareConfig error.
func New() backend.Backend { return notBuiltIn{} }

type notBuiltIn struct{ backend.Backend }

func (notBuiltIn) ConfigSchema() *configschema.Block { return &configschema.Block{} }

func (notBuiltIn) PrepareConfig(v cty.Value) (cty.Value, tfdiags.Diagnostics) {
	var diags tfdiags.Diagnostics
	return v, diags.Append(tfdiags.Sourceless(tfdiags.Error, "State backend not built in",
		"This Terraform was built for terraform-provider-pingone's tests without the oss state backend."))
}
