package validators

import (
	"context"
	"fmt"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

var hexPairs = regexp.MustCompile(`^(?:[0-9A-Fa-f]{2})+$`)

// HexSecret checks that a secret is hexadecimal with an even number of digits, at most maxDigits.
// Unlike the generic regex validators, its errors never repeat the value: it is a secret.
func HexSecret(maxDigits int) validator.String {
	return hexSecretValidator{maxDigits: maxDigits}
}

type hexSecretValidator struct {
	maxDigits int
}

func (v hexSecretValidator) Description(context.Context) string {
	return "value must be " + HexSecretRule(v.maxDigits)
}

// HexSecretRule says what a secret must be, for descriptions and errors.
func HexSecretRule(maxDigits int) string {
	return fmt.Sprintf("hexadecimal (0-9, a-f, A-F) with an even number of digits, at most %d", maxDigits)
}

func (v hexSecretValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v hexSecretValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if problem := HexSecretProblem(req.ConfigValue.ValueString(), v.maxDigits); problem != "" {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid OATH token secret",
			fmt.Sprintf("Attribute %s must be %s: %s. The value is not shown because it is a secret.",
				req.Path, HexSecretRule(v.maxDigits), problem))
	}
}

// HexSecretProblem describes what is wrong with a secret without quoting any of it, or returns
// "" when it is valid.
func HexSecretProblem(s string, maxDigits int) string {
	switch {
	case s == "":
		return "it is empty"
	case len(s) > maxDigits:
		return fmt.Sprintf("it has %d digits", len(s))
	case len(s)%2 != 0:
		return fmt.Sprintf("it has an odd number of digits (%d)", len(s))
	case !hexPairs.MatchString(s):
		return "it holds characters that are not hexadecimal digits"
	}
	return ""
}
