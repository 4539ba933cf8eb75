package mfa

import (
	"fmt"

	"github.com/oathtokens/terraform-provider-pingone/internal/pingone"
)

// dataSourceHint says what a user can do about a failed read in a data source. Unlike the
// resource, a data source has no state to fall back on, so every failure is an error and the
// hint names the environment the configuration asked for. (A refused credential needs no hint
// here: the client's error already names the credential to check.)
func dataSourceHint(err error, envID string) string {
	switch {
	case pingone.IsForbidden(err):
		return fmt.Sprintf("The worker application has no role in environment %s that allows reading OATH tokens. "+
			"Grant it one (for example Environment Admin) in PingOne, or check environment_id.", envID)
	case pingone.IsRateLimited(err):
		return "PingOne kept answering that too many requests were made, after every retry. Try again later, " +
			"or lower the parallelism of the run (terraform apply -parallelism=N)."
	}
	return ""
}
