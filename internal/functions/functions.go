// Package functions holds the provider's functions (provider::pingone::name): the conversions a
// seed file needs on its way to PingOne (PSKC, base32 and hexadecimal), the one-time passwords a
// smoke test or an activation needs, and the Key URI that provisions a software token. Each
// function is a thin shell: the work is done in internal/pskc and internal/otp, which have no
// Terraform types.
package functions

import (
	"github.com/hashicorp/terraform-plugin-framework/function"
)

// All returns the constructors of every function, for the provider to list.
func All() []func() function.Function {
	return []func() function.Function{
		NewPSKCDecode,
		NewBase32ToHex,
		NewHexToBase32,
		NewHOTP,
		NewTOTP,
		NewOTPAuthURI,
	}
}

// engineNote ends every function's description: provider functions are a protocol 6.5 feature.
const engineNote = "\n\nProvider functions need Terraform 1.8 or later, or OpenTofu 1.7 or later."

// secretNote is for the functions whose result holds a secret. Provider functions cannot mark
// their result sensitive themselves (the plugin protocol has no such flag), but the engine marks
// the result of any call with a sensitive argument.
const secretNote = "\n\nThe result holds a secret. A function cannot mark its own result sensitive, but Terraform and " +
	"OpenTofu mark the result of a call sensitive when any argument is: pass seeds and keys from `sensitive = true` " +
	"variables, or wrap them in `sensitive()`, and the result stays out of plan output. The function's error " +
	"messages never contain a secret or a key; the engine, though, prints the value of each non-sensitive variable " +
	"beside a failed call, which is one more reason to mark them sensitive."
