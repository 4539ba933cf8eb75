package mfa

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// setChange carries a set from the tokens it holds to the planned ones, touching only the tokens
// that change: removed serials are revoked, added ones created, and a token whose settings or
// secret_version changed is revoked and created again. Tokens that were handled are in the result
// even when others failed, so that a retry only does what is left.
type setChange struct {
	jobs        setJobs
	fetch       tokenFetch
	current     map[string]setToken // what PingOne holds for the set now
	planned     map[string]setToken
	seeds       map[string]string // the planned seeds, by serial
	priorSeeds  map[string]string // the seeds in state (secrets), where known
	private     setPrivate
	allowPaired bool
	// keptSeeds are the serials whose token keeps the seed it had (a changed seed without a new
	// secret_version): their state must keep the prior seed, or the next plan would not see it.
	keptSeeds map[string]bool
}

// run applies the change. It returns the tokens the set holds afterwards and the private state
// to keep; its diagnostics name every serial it could not handle.
func (c *setChange) run(ctx context.Context) (map[string]setToken, setPrivate, diag.Diagnostics) {
	var diags diag.Diagnostics
	current := c.current
	var problems []setProblem

	// Jobs an earlier operation left running are waited for first: their tokens are the set's,
	// and creating them again would meet them as duplicates.
	if len(c.private.Jobs) > 0 {
		made, out, err := c.jobs.waitForPending(ctx, c.private.Jobs)
		if err != nil {
			diags.AddError("Wait for earlier OATH token jobs failed", err.Error())
			return current, c.private, diags
		}
		for serial, t := range made {
			current[serial] = t
		}
		c.private.Jobs = out.Pending
		problems = append(problems, out.Problems...)
		if len(out.Pending) > 0 {
			diags.AddError("Earlier OATH token jobs are still running", pendingDetail(out.Pending))
			return current, c.private, diags
		}
	}

	var remove, replace, add []string
	for serial, t := range current {
		p, ok := c.planned[serial]
		switch {
		case !ok:
			remove = append(remove, serial)
		case c.needsReplacement(t, p):
			replace = append(replace, serial)
		}
	}
	for serial := range c.planned {
		if _, ok := current[serial]; !ok {
			add = append(add, serial)
		}
	}
	seedProblems := c.unchangedSeedsOnly(current)
	problems = append(problems, seedProblems...)

	revokeSerials := append(append([]string{}, remove...), replace...)
	if len(revokeSerials) > 0 {
		c.fetch.ids = c.private.IDs
		ids, guardDiags := guardAndFindIDs(ctx, c.fetch, revokeSerials, c.allowPaired, c.private)
		if guardDiags.HasError() {
			return current, c.private, guardDiags
		}
		out, err := c.jobs.revoke(ctx, ids, c.allowPaired)
		problems = append(problems, out.Problems...)
		revoked := make(map[string]bool, len(revokeSerials))
		for _, serial := range out.Done {
			revoked[serial] = true
		}
		for _, serial := range revokeSerials {
			// A token PingOne no longer held is gone, as wanted.
			if _, known := ids[serial]; !known {
				revoked[serial] = true
			}
		}
		for serial := range revoked {
			delete(current, serial)
			delete(c.private.IDs, serial)
			delete(c.private.Paired, serial)
		}
		if err != nil {
			diags.AddError("Revoke OATH tokens failed", err.Error())
			return current, c.private, withProblems(diags, problems)
		}
		for _, serial := range replace {
			if revoked[serial] {
				add = append(add, serial)
			}
		}
	}

	toCreate := make(map[string]setToken, len(add))
	for _, serial := range add {
		toCreate[serial] = c.planned[serial]
	}
	if len(toCreate) > 0 {
		out, err := c.jobs.create(ctx, toCreate, c.seeds)
		for _, serial := range out.Done {
			current[serial] = c.planned[serial]
		}
		problems = append(problems, out.Problems...)
		c.private.Jobs = append(c.private.Jobs, out.Pending...)
		if len(out.Pending) > 0 {
			diags.AddError("OATH token jobs did not end in time", pendingDetail(out.Pending))
		}
		if err != nil {
			diags.AddError("Create OATH tokens failed", err.Error())
		}
	}

	// Tokens that stay take the planned values: Terraform-side ones (secret_version adopted
	// after an import) and the configured counter, which PingOne's moving counter never changes.
	// A token with a problem keeps the values it has.
	troubled := make(map[string]bool, len(problems))
	for _, p := range problems {
		troubled[p.Serial] = true
	}
	for serial := range current {
		if p, ok := c.planned[serial]; ok && !troubled[serial] {
			current[serial] = p
		}
	}
	c.private.Adopting = false
	tflog.Info(ctx, "applied an OATH token set", map[string]any{
		"removed": len(remove), "replaced": len(replace), "added": len(add), "problems": len(problems),
	})
	return current, c.private, withProblems(diags, problems)
}

// needsReplacement reports whether a token must be revoked and made again: its PingOne settings
// or its secret_version changed. Right after an import the configured HOTP counter and version
// are adopted instead: the state holds PingOne's counter and no version.
func (c *setChange) needsReplacement(current, planned setToken) bool {
	if !current.sameSettings(planned, c.private.Adopting) {
		return true
	}
	return !c.private.Adopting && !equalInt(current.SecretVersion, planned.SecretVersion)
}

// unchangedSeedsOnly finds tokens whose seed changed without a new secret_version. The plan
// refuses that when both seeds are known; a seed that was not known until now is checked here,
// and such a token is left as it is.
func (c *setChange) unchangedSeedsOnly(current map[string]setToken) []setProblem {
	var problems []setProblem
	for serial, t := range current {
		p, ok := c.planned[serial]
		prior, priorKnown := c.priorSeeds[serial]
		seed, seedKnown := c.seeds[serial]
		if !ok || !priorKnown || !seedKnown || strings.EqualFold(prior, seed) || !equalInt(t.SecretVersion, p.SecretVersion) {
			continue
		}
		problems = append(problems, setProblem{serial, "its seed changed but its secret_version did not; bump tokens[\"" + serial +
			"\"].secret_version to replace the token with the new seed"})
		c.planned[serial] = t
		if c.keptSeeds == nil {
			c.keptSeeds = map[string]bool{}
		}
		c.keptSeeds[serial] = true
	}
	return problems
}

// withProblems adds one error that lists every token the operation could not handle.
func withProblems(diags diag.Diagnostics, problems []setProblem) diag.Diagnostics {
	if len(problems) == 0 {
		return diags
	}
	diags.AddError(fmt.Sprintf("%s of the set could not be handled", plural(len(problems), "OATH token", "OATH tokens")),
		problemsDetail("token", problems))
	return diags
}

// problemsDetail says that everything else was handled, then lists the problems.
func problemsDetail(what string, problems []setProblem) string {
	return fmt.Sprintf("Every other %s was handled and is in the state, so the next apply does only what is left.\n\n  %s",
		what, problemLines(problems))
}

// problemLines lists problems one a line, "serial: detail", at most maxPairedListed of them and
// then how many more there are, so that an error about thousands of tokens stays readable.
func problemLines(problems []setProblem) string {
	lines := make([]string, 0, min(len(problems), maxPairedListed)+1)
	for i, p := range problems {
		if i == maxPairedListed {
			lines = append(lines, fmt.Sprintf("and %d more", len(problems)-maxPairedListed))
			break
		}
		lines = append(lines, p.Serial+": "+p.Detail)
	}
	return strings.Join(lines, "\n  ")
}

func pendingDetail(jobs []pendingJob) string {
	ids := make([]string, len(jobs))
	n := 0
	for i, j := range jobs {
		ids[i] = j.ID
		n += len(j.Tokens)
	}
	if len(jobs) == 1 {
		return fmt.Sprintf("PingOne's job %s, creating %s, had not ended when the time ran out. It goes on in PingOne: the "+
			"set remembers it, and the next refresh or apply waits for it and takes in the tokens it made, so nothing is "+
			"created twice. Raise the timeouts for sets this large.", ids[0], plural(n, "token", "tokens"))
	}
	return fmt.Sprintf("PingOne's %d jobs %s, creating %s, had not ended when the time ran out. They go on in PingOne: "+
		"the set remembers them, and the next refresh or apply waits for them and takes in the tokens they made, so "+
		"nothing is created twice. Raise the timeouts for sets this large.", len(jobs), strings.Join(ids, ", "),
		plural(n, "token", "tokens"))
}

// stateSeeds is the secrets attribute to store: the planned seeds, but the prior seed of a token
// that kept it. Seeds of tokens that could not be created stay too: they are what the next apply
// creates them with, and a job the set still waits for may make them meanwhile.
func (c *setChange) stateSeeds() map[string]string {
	out := make(map[string]string, len(c.seeds))
	for serial, seed := range c.seeds {
		out[serial] = seed
	}
	for serial := range c.keptSeeds {
		out[serial] = c.priorSeeds[serial]
	}
	return out
}
