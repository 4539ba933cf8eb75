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

// guardAndFindIDs reads the tokens about to be revoked, with their pairing unless revoking paired
// tokens is allowed, and returns their IDs. Revoking a paired token takes MFA away from a person,
// so when any of them is paired and that is not allowed, it returns an error naming every paired
// serial number with its user and device, and nothing may be revoked. Tokens PingOne no longer
// holds are left out: they are gone already.
func guardAndFindIDs(ctx context.Context, fetch tokenFetch, serials []string, allowPaired bool) (map[string]string, diag.Diagnostics) {
	var diags diag.Diagnostics
	fetch.devices = !allowPaired
	found, _, err := fetch.fetch(ctx, serials)
	if err != nil {
		diags.AddError("Read the OATH tokens to revoke failed", err.Error())
		return nil, diags
	}
	ids := make(map[string]string, len(found))
	var paired []string
	for _, serial := range sortedSerials(found) {
		t := found[serial]
		ids[serial] = t.ID
		if len(t.Devices) > 0 {
			paired = append(paired, fmt.Sprintf("%s (token %s) with %s", serial, t.ID, describeDevices(t.Devices)))
		}
	}
	if len(paired) > 0 {
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
