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

// Read refreshes every pairing from the environment's tokens with their devices
// (oath_token_set_fetch.go: one paged listing, or a few searches for a few serial numbers), not
// with one call per pairing. A pairing removed or made again outside Terraform (the token
// unpaired, revoked, or paired by another device) leaves the state with a warning, and the next
// plan pairs the token again. A status PingOne moved (a user activating at sign-on) is read back.
// After an import, it reads what the import asked for instead.
func (r *oathTokenAssignmentsResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	state, diags := readAssignmentValues(req.State.Raw, nil)
	resp.Diagnostics.Append(diags...)
	private, diags := readPrivate[assignmentsPrivate](ctx, req.Private, assignmentsPrivateKey)
	resp.Diagnostics.Append(diags...)
	ctx, cancel, ok := boundedOperation(ctx, req.State, timeouts.Value.Read, defaultReadTimeout, r.client, &resp.Diagnostics)
	defer cancel()
	if !ok {
		return
	}

	var held map[string]assignment
	var err error
	if private.Import != nil {
		held, err = r.importAssignments(ctx, state.envID, *private.Import)
		private.Import = nil
	} else {
		held, err = r.refreshAssignments(ctx, state.envID, state.held(), &resp.Diagnostics)
	}
	if pingone.IsNotFound(err) {
		resp.Diagnostics.AddWarning("PingOne environment no longer exists",
			fmt.Sprintf("PingOne has no environment %s: it was deleted outside Terraform, and the OATH token assignments are "+
				"removed from the state with their %s.", state.envID, plural(len(state.users), "pairing", "pairings")))
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		resp.Diagnostics.Append(diagnostics.APIError("Read the OATH token assignments failed", err, readHint(err, state.envID)))
		return
	}
	users, devices := assignmentsValues(held)
	raw, err := withAttrs(state.raw, map[string]tftypes.Value{"assignments": users, "devices": devices})
	if err != nil {
		resp.Diagnostics.AddError("Save the OATH token assignments failed", err.Error())
		return
	}
	resp.State.Raw = raw
	resp.Diagnostics.Append(writePrivate(ctx, resp.Private, assignmentsPrivateKey, private)...)
}

// refreshAssignments returns the pairings PingOne still holds as the state knows them, with their
// statuses as PingOne reports them.
func (r *oathTokenAssignmentsResource) refreshAssignments(ctx context.Context, envID string, held map[string]assignment, diags diagAppender) (map[string]assignment, error) {
	fetch := tokenFetch{client: r.client, envID: envID, devices: true}
	found, stats, err := fetch.fetch(ctx, sortedSerials(held))
	if err != nil {
		return nil, err
	}
	tflog.Debug(ctx, "refreshed OATH token assignments", map[string]any{
		"pairings": len(held), "list_pages": stats.Pages, "token_reads": stats.Reads,
	})
	out := make(map[string]assignment, len(held))
	var gone []string
	for _, serial := range sortedSerials(held) {
		a := held[serial]
		device, ok := pairedBy(found[serial], a.Device.ID)
		if !ok {
			gone = append(gone, fmt.Sprintf("%s (user %s, device %s)", serial, a.User, a.Device.ID))
			continue
		}
		// PingOne documents the expanded devices' IDs and users; a status it leaves out stays as
		// last read.
		if device.Status != "" {
			a.Device.Status = device.Status
		}
		out[serial] = a
	}
	if len(gone) > 0 {
		diags.AddWarning(fmt.Sprintf("%s no longer in PingOne", plural(len(gone), "OATH token pairing", "OATH token pairings")),
			fmt.Sprintf("PingOne no longer holds these pairings: the token was unpaired, revoked, or paired anew, or the user "+
				"deleted, outside Terraform. They were removed from the state, and the next plan pairs the tokens again:\n  %s",
				pairedList(gone)))
	}
	return out, nil
}

// pairedBy returns the token's device with the ID, if the token is paired by it.
func pairedBy(token *pingone.OATHToken, deviceID string) (pingone.PairedDevice, bool) {
	if token == nil {
		return pingone.PairedDevice{}, false
	}
	for _, d := range token.Devices {
		if pingone.SameID(d.DeviceID, deviceID) {
			return d, true
		}
	}
	return pingone.PairedDevice{}, false
}
