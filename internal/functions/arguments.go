package functions

import (
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/function"

	"github.com/oathtokens/terraform-provider-pingone/internal/otp"
)

// hexDescription describes a secret argument in hexadecimal, the way the functions accept it.
const hexDescription = "The token secret in hexadecimal, as PingOne takes it. Upper and lower case are accepted, " +
	"and so are spaces, hyphens and colons between groups of digits, as vendors write them."

// parseSecret decodes a hexadecimal secret argument; its error names the argument's position
// and never quotes the value.
func parseSecret(position int64, s string) ([]byte, *function.FuncError) {
	b, err := otp.ParseHex(s)
	if err != nil {
		return nil, function.NewArgumentFuncError(position, "the secret is not hexadecimal: "+err.Error()+
			"; the value is not shown because it is a secret")
	}
	return b, nil
}

// digitsError checks an OTP length argument.
func digitsError(position int64, digits int64) *function.FuncError {
	if digits < otp.MinDigits || digits > otp.MaxDigits {
		return function.NewArgumentFuncError(position, fmt.Sprintf("digits must be %d to %d (PingOne tokens show 6 or 8), not %d",
			otp.MinDigits, otp.MaxDigits, digits))
	}
	return nil
}

// parseAlgorithm checks a hash algorithm argument, spelled as PingOne spells it.
func parseAlgorithm(position int64, s string) (otp.Algorithm, *function.FuncError) {
	alg := otp.Algorithm(s)
	if !alg.Valid() {
		return "", function.NewArgumentFuncError(position, fmt.Sprintf("algorithm must be one of %s, not %q", algorithmsText(), s))
	}
	return alg, nil
}

func algorithmsText() string {
	names := make([]string, 0, 3)
	for _, a := range otp.Algorithms() {
		names = append(names, string(a))
	}
	return strings.Join(names, ", ")
}
