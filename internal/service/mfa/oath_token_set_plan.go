package mfa

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/oathtokens/terraform-provider-pingone/internal/pingone"
)

// checkSetPlan checks what only the plan can see, before anything is touched: a seed that
// changes without a new secret_version (its token would keep the old seed), and serial numbers
// being added that PingOne already holds (they belong to another resource, or to nobody: import
// them). Values not known yet are checked at apply. client is nil when the provider could not be
// configured yet; the check against PingOne is then left to the apply's jobs.
func checkSetPlan(ctx context.Context, client *pingone.Client, config, planned, prior tftypes.Value, private setPrivate) diag.Diagnostics {
	var diags diag.Diagnostics
	plan, readDiags := readSetValues(planned, &config)
	diags.Append(readDiags...)
	if diags.HasError() || !plan.attrs["tokens"].IsFullyKnown() {
		return diags
	}
	held := map[string]setToken{}
	if !prior.IsNull() {
		state, readDiags := readSetValues(prior, nil)
		diags.Append(readDiags...)
		if diags.HasError() {
			return diags
		}
		held = state.tokens
		problems := &setProblems{}
		checkSeedChanges(problems, state, plan)
		diags.Append(problems.diagnostics()...)
		if movedToStateSeeds(state, plan) {
			diags.AddAttributeWarning(pathSecrets, "Seeds taken on trust",
				"The seeds move from secrets_wo to secrets. PingOne never returns a seed and the state never held the "+
					"write-only ones, so they cannot be compared: the tokens are kept, and the configured seeds are taken to be "+
					"the ones PingOne holds. Bump a token's secret_version to replace it with its seed.")
		}
	}
	if client == nil || !plan.attrs["environment_id"].IsKnown() {
		return diags
	}
	var added []string
	pendingSerials := map[string]bool{}
	for _, j := range private.Jobs {
		for serial := range j.Tokens {
			pendingSerials[serial] = true
		}
	}
	for serial := range plan.tokens {
		if _, ok := held[serial]; !ok && !pendingSerials[serial] {
			added = append(added, serial)
		}
	}
	diags.Append(refuseExisting(ctx, client, plan.envID, added)...)
	return diags
}

// checkSeedChanges refuses a seed that changed while its token's secret_version did not: PingOne
// cannot change a token's seed, and replacing the token must show in the plan, which never shows
// a seed. Letter case alone is no change.
func checkSeedChanges(p *setProblems, state, plan setValues) {
	if state.attrs["secrets"].IsNull() {
		return // No seed in state to compare with: write-only seeds change with secret_version only.
	}
	for _, serial := range sortedSerials(plan.tokens) {
		before, known := state.seeds[serial]
		after, planned := plan.seeds[serial]
		prior, held := state.tokens[serial]
		if !known || !planned || !held || strings.EqualFold(before, after) {
			continue
		}
		next := plan.tokens[serial]
		if next.Unknown || !equalInt(prior.SecretVersion, next.SecretVersion) {
			continue
		}
		at := pathTokens.AtMapKey(serial).AtName("secret_version")
		p.add(at, "Seed changed without a new secret_version", fmt.Sprintf("The seed of %s changed, but %s did not. PingOne "+
			"cannot change a token's seed: bump %s to replace the token with the new seed (the plan then shows it), or keep "+
			"the old seed.", serial, at, at))
	}
}

// movedToStateSeeds reports a move from secrets_wo to secrets on a set that held tokens.
func movedToStateSeeds(state, plan setValues) bool {
	return state.attrs["secrets"].IsNull() && !plan.attrs["secrets"].IsNull() && len(state.tokens) > 0
}

// refuseExisting fails the plan for serial numbers being added that PingOne already holds: the
// job would meet them as duplicates after creating the others, and taking them over silently
// could take a token that another resource manages.
func refuseExisting(ctx context.Context, client *pingone.Client, envID string, added []string) (diags diag.Diagnostics) {
	if len(added) == 0 {
		return nil
	}
	found, _, err := tokenFetch{client: client, envID: envID}.fetch(ctx, added)
	if err != nil {
		// Planning goes on: the apply's jobs report duplicates too.
		diags.AddWarning("Could not check for OATH tokens that exist already", err.Error())
		return diags
	}
	problems := &setProblems{}
	for _, serial := range sortedSerials(found) {
		t := found[serial]
		problems.add(pathTokens.AtMapKey(serial), "OATH token already exists", fmt.Sprintf("PingOne already holds an OATH "+
			"token with serial number %s in environment %s (ID %s, created %s), which this set does not manage, so it is "+
			"not taken over silently. If another resource manages it, remove it from one of the two. If it belongs in the "+
			"set, import the set with it: an import block with id = \"%s/<serial numbers, separated by commas>\" (for a set "+
			"already in the state, terraform state rm it first); the import adopts the configured seeds without replacing "+
			"any token. If this set made it in an apply that failed in part, the set is tainted: terraform untaint it "+
			"instead, and the next apply creates only what is left.", serial, envID, t.ID, t.CreatedAt.UTC().Format(time.RFC3339), envID))
	}
	return problems.diagnostics()
}
