package mfa

import (
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var (
	pathSecret          = path.Root("secret")
	pathSecretWO        = path.Root("secret_wo")
	pathSecretWOVersion = path.Root("secret_wo_version")
)

// secretValues are the secret's attributes as one plan or state holds them. The write-only
// secret is only ever in the configuration; in state it is always null.
type secretValues struct {
	Secret    types.String
	SecretWO  types.String
	WOVersion types.Int64
}

// secretPlanDecision is what a change of the secret's attributes means for an existing token.
type secretPlanDecision struct {
	// Replace names the attribute whose change replaces the token; nil keeps the token.
	Replace *path.Path
	// Warning explains a change that cannot be checked and is taken on trust.
	Warning string
}

// planSecretChange decides whether a change of the secret replaces the token. PingOne never
// returns a secret and tokens are immutable, so a different seed needs a new token. The rules:
//
//   - A secret the state knows that the plan changes, or that becomes unknown (it comes from
//     another resource that is changing), replaces the token; only the letter case of the hex
//     digits may change without that, since it is the same seed.
//   - Moving from secret to secret_wo compares the configured write-only value with the secret
//     the state knows: the same seed moves it out of the state in place; another seed, or one not
//     known yet, replaces the token.
//   - secret_wo_version replaces the token when it changes or becomes unknown.
//   - Moving from secret_wo to secret cannot be checked (the state never held the seed): the
//     token is kept, the configured secret is taken as PingOne's, and a warning says so.
//   - A state without secret and version, as right after an import, adopts the configured ones.
func planSecretChange(state, plan secretValues) secretPlanDecision {
	stateHasSecret := !state.Secret.IsNull()
	switch {
	case stateHasSecret && !plan.Secret.IsNull():
		if plan.Secret.IsUnknown() || !strings.EqualFold(plan.Secret.ValueString(), state.Secret.ValueString()) {
			return replaceFor(pathSecret)
		}
	case stateHasSecret:
		// Moving to secret_wo. The version is what replaces a write-only token later; the
		// secret attribute is what changes now, so it is what the replacement names.
		if plan.SecretWO.IsUnknown() || !strings.EqualFold(plan.SecretWO.ValueString(), state.Secret.ValueString()) {
			return replaceFor(pathSecret)
		}
	case !state.WOVersion.IsNull() && !plan.Secret.IsNull():
		return secretPlanDecision{Warning: "The token's secret moves from secret_wo to secret. PingOne never returns " +
			"a secret and the state never held the write-only one, so the two cannot be compared: the token is kept, " +
			"and the configured secret is taken to be the seed PingOne holds. If it is another seed, replace the " +
			"token (terraform apply -replace=<address>) so that PingOne gets it."}
	case !state.WOVersion.IsNull():
		if plan.WOVersion.IsUnknown() || (!plan.WOVersion.IsNull() && plan.WOVersion.ValueInt64() != state.WOVersion.ValueInt64()) {
			return replaceFor(pathSecretWOVersion)
		}
	}
	return secretPlanDecision{}
}

func replaceFor(p path.Path) secretPlanDecision {
	return secretPlanDecision{Replace: &p}
}
