package functions

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/function"

	"github.com/oathtokens/terraform-provider-pingone/internal/otp"
)

var _ function.Function = (*totpFunction)(nil)

// NewTOTP returns the totp function.
func NewTOTP() function.Function {
	return &totpFunction{}
}

type totpFunction struct{}

func (f *totpFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "totp"
}

func (f *totpFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "The TOTP one-time password (RFC 6238) of a secret at a point in time",
		MarkdownDescription: "Returns the time-based one-time password (RFC 6238) that a token with this secret shows at " +
			"`unix_time`, as a string of `digits` digits with its leading zeros. The time is an argument, not the " +
			"clock, because a function must return the same result for the same arguments: take it from a resource " +
			"such as `time_static`, or pass a fixed time in tests." + secretNote + engineNote,
		Parameters: []function.Parameter{
			function.StringParameter{Name: "secret", MarkdownDescription: hexDescription},
			function.Int64Parameter{Name: "unix_time", MarkdownDescription: "The time, in seconds since the Unix epoch (1970-01-01T00:00:00Z), from 0."},
			function.Int64Parameter{Name: "time_step", MarkdownDescription: "The time step in seconds, at least 1. PingOne tokens use 30 or 60."},
			function.Int64Parameter{Name: "digits", MarkdownDescription: "The OTP length, 6 to 8. PingOne tokens show 6 or 8."},
			function.StringParameter{Name: "algorithm", MarkdownDescription: "The HMAC hash, as PingOne names it: `HmacSHA1`, `HmacSHA256` or `HmacSHA512`."},
		},
		Return: function.StringReturn{},
	}
}

func (f *totpFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var secretHex, algorithm string
	var unixTime, timeStep, digits int64
	resp.Error = req.Arguments.Get(ctx, &secretHex, &unixTime, &timeStep, &digits, &algorithm)
	if resp.Error != nil {
		return
	}
	secret, funcErr := parseSecret(0, secretHex)
	if funcErr != nil {
		resp.Error = funcErr
		return
	}
	if unixTime < 0 {
		resp.Error = function.NewArgumentFuncError(1, "unix_time must not be before the Unix epoch (0)")
		return
	}
	// A step of more than a year cannot be a token's, and keeps the conversion to a Duration exact.
	if timeStep < 1 || timeStep > 366*24*60*60 {
		resp.Error = function.NewArgumentFuncError(2, "time_step must be a whole number of seconds from 1 to 31622400 (PingOne tokens use 30 or 60)")
		return
	}
	if resp.Error = digitsError(3, digits); resp.Error != nil {
		return
	}
	alg, funcErr := parseAlgorithm(4, algorithm)
	if funcErr != nil {
		resp.Error = funcErr
		return
	}
	code, err := otp.TOTP(secret, time.Unix(unixTime, 0), time.Duration(timeStep)*time.Second, int(digits), alg)
	if err != nil {
		resp.Error = function.NewFuncError(err.Error())
		return
	}
	resp.Error = resp.Result.Set(ctx, code)
}
