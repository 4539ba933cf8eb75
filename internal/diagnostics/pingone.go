// Package diagnostics turns PingOne errors into diagnostics a user can act on: which operation
// failed, what PingOne said about which attribute, and the error ID that support can trace.
package diagnostics

import (
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/oathtokens/terraform-provider-pingone/internal/pingone"
)

// APIError describes err under summary, followed by hint (what the user can do), if any.
func APIError(summary string, err error, hint string) diag.Diagnostic {
	return diag.NewErrorDiagnostic(summary, Detail(err, hint))
}

// Detail spells out err for a diagnostic: PingOne's code and message, each detail's target and
// message with the allowed values, and the error ID.
func Detail(err error, hint string) string {
	var b strings.Builder
	var apiErr *pingone.Error
	if errors.As(err, &apiErr) {
		// What the error was wrapped in says what the provider was doing and what to check (for a
		// refused client secret: the auth host, the environment and the settings to verify).
		if outer := strings.TrimSuffix(strings.TrimSuffix(err.Error(), apiErr.Error()), ": "); outer != err.Error() && outer != "" {
			fmt.Fprintf(&b, "%s:\n", outer)
		}
		fmt.Fprintf(&b, "PingOne answered HTTP %d", apiErr.HTTPStatus)
		if apiErr.Code != "" {
			fmt.Fprintf(&b, " %s", apiErr.Code)
		}
		if apiErr.Message != "" {
			fmt.Fprintf(&b, ": %s", apiErr.Message)
		}
		b.WriteString("\n")
		for _, d := range apiErr.Details {
			fmt.Fprintf(&b, "  - %s", d.Code)
			if d.Target != "" {
				fmt.Fprintf(&b, " on %s", d.Target)
			}
			if d.Message != "" {
				fmt.Fprintf(&b, ": %s", d.Message)
			}
			if len(d.AllowedValues) > 0 {
				fmt.Fprintf(&b, " (allowed values: %s)", strings.Join(d.AllowedValues, ", "))
			}
			b.WriteString("\n")
		}
		if apiErr.ID != "" {
			fmt.Fprintf(&b, "PingOne error ID: %s (quote it to PingOne support).\n", apiErr.ID)
		}
		if apiErr.Operation != "" {
			fmt.Fprintf(&b, "Operation: %s\n", apiErr.Operation)
		}
	} else {
		fmt.Fprintf(&b, "%s\n", err)
	}
	if hint != "" {
		b.WriteString("\n" + hint)
	}
	return strings.TrimRight(b.String(), "\n")
}
