package functions

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ function.Function = (*otpauthURIFunction)(nil)

// NewOTPAuthURI returns the otpauth_uri function.
func NewOTPAuthURI() function.Function {
	return &otpauthURIFunction{}
}

type otpauthURIFunction struct{}

func (f *otpauthURIFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "otpauth_uri"
}

func (f *otpauthURIFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "The otpauth:// Key URI that a software token's QR code carries",
		MarkdownDescription: "Returns the Key URI (the format Google Authenticator defined, which authenticator apps " +
			"follow) that provisions a software token, for a QR code: " +
			"`otpauth://totp/Issuer:account?secret=BASE32&issuer=Issuer&algorithm=SHA1&digits=6&period=30`, or " +
			"`otpauth://hotp/...&counter=N`. Every parameter is written, even at its default, because some apps ignore " +
			"the format's defaults; the issuer and account are percent-encoded, a space as `%20` (several apps show a " +
			"`+` literally).\n\n" + tokenAttributesText + secretNote + engineNote,
		Parameters: []function.Parameter{
			function.DynamicParameter{Name: "token", MarkdownDescription: tokenDescription},
		},
		Return: function.StringReturn{},
	}
}

func (f *otpauthURIFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var token types.Dynamic
	if resp.Error = req.Arguments.Get(ctx, &token); resp.Error != nil {
		return
	}
	k, funcErr := keyURIArgument(token)
	if funcErr != nil {
		resp.Error = funcErr
		return
	}
	uri, err := k.Encode()
	if err != nil {
		resp.Error = function.NewArgumentFuncError(0, "the token cannot be written as a Key URI: "+err.Error())
		return
	}
	resp.Error = resp.Result.Set(ctx, uri)
}
