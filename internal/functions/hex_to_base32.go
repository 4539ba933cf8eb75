package functions

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/function"

	"github.com/oathtokens/terraform-provider-pingone/internal/otp"
)

var _ function.Function = (*hexToBase32Function)(nil)

// NewHexToBase32 returns the hex_to_base32 function.
func NewHexToBase32() function.Function {
	return &hexToBase32Function{}
}

type hexToBase32Function struct{}

func (f *hexToBase32Function) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "hex_to_base32"
}

func (f *hexToBase32Function) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "Converts a hexadecimal secret to base32, as authenticator apps take it",
		MarkdownDescription: "Converts a token secret in hexadecimal (PingOne's form) to RFC 4648 base32, upper case and " +
			"without `=` padding: the form authenticator apps and `otpauth://` URIs take. `base32_to_hex` reverses it." +
			secretNote + engineNote,
		Parameters: []function.Parameter{
			function.StringParameter{Name: "hex", MarkdownDescription: hexDescription},
		},
		Return: function.StringReturn{},
	}
}

func (f *hexToBase32Function) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var s string
	if resp.Error = req.Arguments.Get(ctx, &s); resp.Error != nil {
		return
	}
	b, funcErr := parseSecret(0, s)
	if funcErr != nil {
		resp.Error = funcErr
		return
	}
	resp.Error = resp.Result.Set(ctx, otp.EncodeBase32(b))
}
