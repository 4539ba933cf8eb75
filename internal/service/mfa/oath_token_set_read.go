package mfa

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/oathtokens/terraform-provider-pingone/internal/diagnostics"
	"github.com/oathtokens/terraform-provider-pingone/internal/pingone"
)

// Read refreshes the set with as few calls as the environment allows (oath_token_set_fetch.go).
// Drift is per token: a token revoked outside Terraform, or made again there under a new ID,
// leaves the state alone, with a warning, and the next plan creates it again. Jobs an earlier
// apply left running are looked at once, and the tokens they made are taken in. The plugin
// server serves this without the framework (oath_token_set_server.go); the framework's Read is
// the same code.
func (r *oathTokenSetResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	private, diags := readSetPrivate(ctx, req.Private)
	resp.Diagnostics.Append(diags...)
	out := r.read(ctx, req.State.Raw, private)
	resp.Diagnostics.Append(out.diags...)
	out.writeTo(ctx, &resp.State, resp.Private, &resp.Diagnostics)
}

// read refreshes the set held in stateRaw.
func (r *oathTokenSetResource) read(ctx context.Context, stateRaw tftypes.Value, private setPrivate) setOutcome {
	var out setOutcome
	state, ctx, cancel, ok := r.begin(ctx, &out, stateRaw, nil, timeouts.Value.Read, defaultReadTimeout)
	defer cancel()
	if !ok {
		return out
	}

	tokens := state.tokens
	if len(private.Jobs) > 0 {
		r.takeInEndedJobs(ctx, state.envID, &private, tokens, &out.diags)
	}

	var err error
	if private.Import != nil {
		tokens, private.IDs, private.Paired, err = r.importTokens(ctx, state.envID, *private.Import)
		private.Import = nil
		private.Adopting = true
	} else {
		err = r.refreshTokens(ctx, state.envID, tokens, &private, &out.diags)
	}
	if pingone.IsNotFound(err) {
		out.diags.AddWarning("PingOne environment no longer exists",
			fmt.Sprintf("PingOne has no environment %s: it was deleted outside Terraform, and the OATH token set is removed "+
				"from the state with its %s.", state.envID, plural(len(tokens), "token", "tokens")))
		out.removed = true
		return out
	}
	if err != nil {
		out.diags.Append(diagnostics.APIError("Read the OATH token set failed", err, readHint(err, state.envID)))
		return out
	}
	raw, err := withAttrs(state.raw, map[string]tftypes.Value{"tokens": setTokensValue(tokens)})
	if err != nil {
		out.diags.AddError("Save the OATH token set failed", err.Error())
		return out
	}
	out.keep(raw, private)
	return out
}

// refreshTokens drops from tokens those PingOne no longer holds (under the ID the set knows),
// and records the IDs of the others and which of them are paired, for the pairing guard of a
// revoke that follows: the listing returns the devices in the same pages.
func (r *oathTokenSetResource) refreshTokens(ctx context.Context, envID string, tokens map[string]setToken, private *setPrivate, diags diagAppender) error {
	fetch := tokenFetch{client: r.client, envID: envID, ids: private.IDs, devices: true}
	found, stats, err := fetch.fetch(ctx, sortedSerials(tokens))
	if err != nil {
		return err
	}
	tflog.Debug(ctx, "refreshed an OATH token set", map[string]any{
		"tokens": len(tokens), "list_pages": stats.Pages, "token_reads": stats.Reads,
	})
	ids := make(map[string]string, len(found))
	paired := map[string]string{}
	var gone []string
	for serial := range tokens {
		if t := found[serial]; t != nil {
			ids[serial] = pingone.CanonicalID(t.ID)
			if len(t.Devices) > 0 {
				paired[serial] = describeDevices(t.Devices)
			}
			continue
		}
		gone = append(gone, serial)
		delete(tokens, serial)
	}
	private.IDs, private.Paired = ids, paired
	if len(gone) > 0 {
		diags.AddWarning(fmt.Sprintf("%s of the set no longer in PingOne", plural(len(gone), "OATH token", "OATH tokens")),
			fmt.Sprintf("PingOne no longer holds these tokens of the set: they were revoked, or made again under another ID, "+
				"outside Terraform. They were removed from the state, and the next plan creates them again: %s.", serialList(gone)))
	}
	return nil
}

// takeInEndedJobs looks once at jobs an earlier operation left running: the tokens of those that
// ended are the set's now; the others stay remembered.
func (r *oathTokenSetResource) takeInEndedJobs(ctx context.Context, envID string, private *setPrivate, tokens map[string]setToken, diags diagAppender) {
	var still []pendingJob
	for _, p := range private.Jobs {
		job, err := r.client.ReadOATHJob(ctx, envID, p.ID)
		if err != nil || !job.Finished() {
			still = append(still, p)
			continue
		}
		done, problems := createJobOutcome(job, p.Tokens)
		for _, serial := range done {
			tokens[serial] = p.Tokens[serial]
		}
		for _, problem := range problems {
			diags.AddWarning("An OATH token of an earlier job was not created", problem.Serial+": "+problem.Detail)
		}
	}
	private.Jobs = still
}

// importTokens reads what an import asked for: every token of the environment, or the listed
// serial numbers, which must all exist.
func (r *oathTokenSetResource) importTokens(ctx context.Context, envID string, req setImport) (
	tokens map[string]setToken, ids, paired map[string]string, err error) {
	var listed []pingone.OATHToken
	if req.All {
		opts := pingone.ListOATHTokensOptions{Limit: listPageLimit, ExpandDevices: true}
		if listed, err = r.client.ListOATHTokens(ctx, envID, opts); err != nil {
			return nil, nil, nil, err
		}
	} else {
		found, _, err := tokenFetch{client: r.client, envID: envID, devices: true}.fetch(ctx, req.Serials)
		if err != nil {
			return nil, nil, nil, err
		}
		var missing []string
		for _, serial := range req.Serials {
			if t := found[serial]; t != nil {
				listed = append(listed, *t)
			} else {
				missing = append(missing, serial)
			}
		}
		if len(missing) > 0 {
			return nil, nil, nil, fmt.Errorf("import: PingOne holds no OATH token in environment %s with these serial numbers: %s",
				envID, serialList(missing))
		}
	}
	tokens = make(map[string]setToken, len(listed))
	ids = make(map[string]string, len(listed))
	paired = map[string]string{}
	for i := range listed {
		tokens[listed[i].SerialNumber] = setTokenFromAPI(&listed[i])
		ids[listed[i].SerialNumber] = pingone.CanonicalID(listed[i].ID)
		if len(listed[i].Devices) > 0 {
			paired[listed[i].SerialNumber] = describeDevices(listed[i].Devices)
		}
	}
	return tokens, ids, paired, nil
}

// setTokenFromAPI maps a token as PingOne returns it; its counter is PingOne's current one.
func setTokenFromAPI(t *pingone.OATHToken) setToken {
	out := setToken{Type: t.Type, OTPLength: int64(t.OTPLength), HashAlgorithm: t.HashAlgorithm}
	if out.HashAlgorithm == "" {
		out.HashAlgorithm = hashSHA1
	}
	if t.HOTP != nil {
		c := t.HOTP.Counter
		out.Counter = &c
	}
	if t.TOTP != nil {
		step := int64(t.TOTP.TimeStep)
		out.TimeStep = &step
	}
	return out
}

// diagAppender is the part of diag.Diagnostics the helpers use, so they can add to a response.
type diagAppender interface {
	AddWarning(summary, detail string)
}
