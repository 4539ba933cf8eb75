package functions_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	acc "github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
)

// TestAccFunctionNullArguments_OpenTofuWorkaround pins down why pskc_decode's key refuses null:
// OpenTofu 1.12 mishandles a null argument to a provider function whose parameter allows null.
// It sends a typed null without its value (CallFunction skips the encoding of a null argument),
// so that the framework cannot decode it; and a literal null yielded a null result without the
// function being called, when we tried it by hand (that half is not observable through
// terraform-plugin-testing, which cannot read a null output back). Terraform passes both. The
// probe is a provider of its own with one function, is_null, whose parameter allows null. When
// OpenTofu is fixed, the OpenTofu half of this test fails: then let the key accept null again
// (AllowNullValue) and say so in its description.
func TestAccFunctionNullArguments_OpenTofuWorkaround(t *testing.T) {
	tofu := strings.Contains(filepath.Base(os.Getenv("TF_ACC_TERRAFORM_PATH")), "tofu")
	step := acc.TestStep{
		Config: `
variable "typed" {
  type    = string
  default = null
}
output "typed" { value = provider::nullprobe::is_null(var.typed) }
`,
		ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownOutputValue("typed", knownvalue.Bool(true))},
	}
	if tofu {
		step.ConfigStateChecks = nil
		step.ExpectError = engineError("Unable to unmarshal DynamicValue at position 0: DynamicValue had no JSON or msgpack data set")
	}
	acc.ParallelTest(t, acc.TestCase{
		TerraformVersionChecks: functionsSince,
		ProtoV6ProviderFactories: map[string]func() (tfprotov6.ProviderServer, error){
			"nullprobe": providerserver.NewProtocol6WithError(&nullProbe{}),
		},
		Steps: []acc.TestStep{step},
	})
}

// nullProbe is a provider with nothing but the is_null function.
type nullProbe struct{}

var _ provider.ProviderWithFunctions = (*nullProbe)(nil)

func (p *nullProbe) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "nullprobe"
}
func (p *nullProbe) Schema(context.Context, provider.SchemaRequest, *provider.SchemaResponse) {}
func (p *nullProbe) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}
func (p *nullProbe) Resources(context.Context) []func() resource.Resource       { return nil }
func (p *nullProbe) DataSources(context.Context) []func() datasource.DataSource { return nil }
func (p *nullProbe) Functions(context.Context) []func() function.Function {
	return []func() function.Function{func() function.Function { return &isNull{} }}
}

// isNull reports whether its argument is null: it can only say so if the engine calls it.
type isNull struct{}

func (f *isNull) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "is_null"
}

func (f *isNull) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Parameters: []function.Parameter{function.DynamicParameter{Name: "value", AllowNullValue: true}},
		Return:     function.BoolReturn{},
	}
}

func (f *isNull) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var v types.Dynamic
	if resp.Error = req.Arguments.Get(ctx, &v); resp.Error != nil {
		return
	}
	resp.Error = resp.Result.Set(ctx, v.IsNull() || v.IsUnderlyingValueNull())
}
