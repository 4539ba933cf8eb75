package functions

import (
	"context"
	"encoding/hex"

	"github.com/hashicorp/terraform-plugin-framework/function"

	"github.com/oathtokens/terraform-provider-pingone/internal/otp"
)

var _ function.Function = (*base32ToHexFunction)(nil)

// NewBase32ToHex returns the base32_to_hex function.
func NewBase32ToHex() function.Function {
	return &base32ToHexFunction{}
}

type base32ToHexFunction struct{}

func (f *base32ToHexFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "base32_to_hex"
}

func (f *base32ToHexFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "Converts a base32 secret, as seed files and authenticator apps write it, to the hexadecimal PingOne takes",
		MarkdownDescription: "Converts a token secret in RFC 4648 base32 (the form of CSV seed files, authenticator apps and " +
			"`otpauth://` URIs) to lower-case hexadecimal, the form PingOne's `secret` takes. Upper and lower case are " +
			"accepted, with or without `=` padding, and with spaces or hyphens between groups, as vendors write them " +
			"(`JBSW Y3DP EHPK 3PXP`, `jbsw-y3dp-ehpk-3pxp`). An invalid character is reported by its position, never " +
			"quoted." + secretNote + engineNote,
		Parameters: []function.Parameter{
			function.StringParameter{Name: "base32", MarkdownDescription: "The secret in base32 (A-Z and 2-7)."},
		},
		Return: function.StringReturn{},
	}
}

func (f *base32ToHexFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var s string
	if resp.Error = req.Arguments.Get(ctx, &s); resp.Error != nil {
		return
	}
	b, err := otp.ParseBase32(s)
	if err != nil {
		resp.Error = function.NewArgumentFuncError(0, "the secret is not base32: "+err.Error()+"; the value is not shown because it is a secret")
		return
	}
	resp.Error = resp.Result.Set(ctx, hex.EncodeToString(b))
}
