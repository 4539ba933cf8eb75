package mfa

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// maxPairedListed caps the paired tokens one error names, so it stays readable; the count says
// how many there are in all.
const maxPairedListed = 50

// guardAndFindIDs returns the IDs of the tokens about to be revoked. Revoking a paired token
// takes MFA away from a person, so when any of them is paired and that is not allowed, it
// returns an error naming every paired serial number with its user and device, and nothing may
// be revoked. Tokens PingOne no longer holds are left out: they are gone already.
//
// What the last refresh read (known: the IDs and pairings of private state, from the listing of
// the plan that led here) spares a second listing, so a destroy costs its refresh and its jobs.
// Only two kinds of token are read again: those the refresh did not see, and those it saw
// paired, which may have been unpaired since by this very apply (a pairing destroyed before its
// token). A token paired after that refresh is still safe: revoke jobs leave paired tokens
// alone unless allowed, and the job's report of them becomes that token's error
// (revokeJobOutcome).
func guardAndFindIDs(ctx context.Context, fetch tokenFetch, serials []string, allowPaired bool, known setPrivate) (map[string]string, diag.Diagnostics) {
	var diags diag.Diagnostics
	ids := make(map[string]string, len(serials))
	var reread []string
	for _, serial := range serials {
		id, ok := known.IDs[serial]
		_, wasPaired := known.Paired[serial]
		if !ok || (wasPaired && !allowPaired) {
			reread = append(reread, serial)
			continue
		}
		ids[serial] = id
	}
	var paired []string
	if len(reread) > 0 {
		fetch.devices = !allowPaired
		found, _, err := fetch.fetch(ctx, reread)
		if err != nil {
			diags.AddError("Read the OATH tokens to revoke failed", err.Error())
			return nil, diags
		}
		for _, serial := range sortedSerials(found) {
			t := found[serial]
			ids[serial] = t.ID
			if len(t.Devices) > 0 {
				paired = append(paired, fmt.Sprintf("%s (token %s) with %s", serial, t.ID, describeDevices(t.Devices)))
			}
		}
	}
	if len(paired) > 0 && !allowPaired {
		diags.AddError("OATH tokens are paired with users",
			fmt.Sprintf("%s to revoke %s paired with a user's MFA device. Revoking %s would take MFA away from "+
				"%s, so nothing was revoked:\n  %s\n\nUnpair them in PingOne first, or set allow_revoke_when_paired = true "+
				"(and apply that) to revoke them anyway; PingOne then unpairs the devices.",
				plural(len(paired), "token", "tokens"), pluralVerb(len(paired)), pluralThem(len(paired)),
				pluralWhom(len(paired)), pairedList(paired)))
		return nil, diags
	}
	return ids, diags
}

func pairedList(paired []string) string {
	if len(paired) <= maxPairedListed {
		return strings.Join(paired, "\n  ")
	}
	return strings.Join(paired[:maxPairedListed], "\n  ") + fmt.Sprintf("\n  and %d more", len(paired)-maxPairedListed)
}

func pluralVerb(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}

func pluralThem(n int) string {
	if n == 1 {
		return "it"
	}
	return "them"
}

func pluralWhom(n int) string {
	if n == 1 {
		return "that user"
	}
	return "those users"
}
