package mfa

import (
	"context"
	"fmt"

	"github.com/google/uuid"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/oathtokens/terraform-provider-pingone/internal/pingone"
)

const assignmentsImportFormats = "environment_id (every paired OATH token of the environment, for example " +
	"11111111-2222-3333-4444-555555555555) or environment_id/serial_number,serial_number,... (for example " +
	"11111111-2222-3333-4444-555555555555/YK0001,YK0002)"

// assignmentsPrivateKey is the private-state key of what the assignments remember.
const assignmentsPrivateKey = "assignments"

// assignmentsPrivate is what the assignments keep in private state: what an import asked for,
// until the Read that follows fills the state.
type assignmentsPrivate struct {
	Import *setImport `json:"import,omitempty"`
}

// ImportState takes pairings that exist (made in the PingOne console, by users, or by
// pingone_user_mfa_device_oath_token resources now removed from the state) under the
// assignments. The Read that follows fills in who holds which token. Seeds are not needed: they
// only activate a token as it is paired.
func (r *oathTokenAssignmentsResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	envID, imp, err := parseSerialsImportID(req.ID, assignmentsImportFormats)
	if err != nil {
		resp.Diagnostics.AddError("Invalid import ID", err.Error())
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), uuid.NewString())...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("environment_id"), envID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, pathAssignmentParallelism, types.Int64Value(defaultAssignmentParallelism))...)
	resp.Diagnostics.Append(writePrivate(ctx, resp.Private, assignmentsPrivateKey, assignmentsPrivate{Import: &imp})...)
}

// importAssignments reads what an import asked for: every paired token of the environment, or
// the listed serial numbers, which must all be paired.
func (r *oathTokenAssignmentsResource) importAssignments(ctx context.Context, envID string, req setImport) (map[string]assignment, error) {
	var paired []*pingone.OATHToken
	if req.All {
		err := r.client.ScanOATHTokens(ctx, envID, pingone.ListOATHTokensOptions{ExpandDevices: true, Limit: listPageLimit},
			func(page []pingone.OATHToken, _ int) bool {
				for i := range page {
					if len(page[i].Devices) > 0 {
						paired = append(paired, &page[i])
					}
				}
				return true
			})
		if err != nil {
			return nil, err
		}
	} else {
		found, _, err := tokenFetch{client: r.client, envID: envID, devices: true}.fetch(ctx, req.Serials)
		if err != nil {
			return nil, err
		}
		var missing, unpaired []string
		for _, serial := range req.Serials {
			switch t := found[serial]; {
			case t == nil:
				missing = append(missing, serial)
			case len(t.Devices) == 0:
				unpaired = append(unpaired, serial)
			default:
				paired = append(paired, t)
			}
		}
		if len(missing) > 0 {
			return nil, fmt.Errorf("import: PingOne holds no OATH token in environment %s with these serial numbers: %s",
				envID, serialList(missing))
		}
		if len(unpaired) > 0 {
			return nil, fmt.Errorf("import: these OATH tokens of environment %s are not paired with anyone, so there is no "+
				"pairing to import: %s. Leave them out of the import ID; adding them to assignments pairs them", envID,
				serialList(unpaired))
		}
	}
	held := make(map[string]assignment, len(paired))
	for _, t := range paired {
		d := t.Devices[0]
		if d.Status == "" {
			// PingOne documents the expanded devices' IDs and users, not their statuses.
			device, err := r.client.ReadUserDevice(ctx, envID, d.UserID, d.DeviceID)
			if err != nil {
				return nil, fmt.Errorf("import: read the device %s of user %s that holds OATH token %s: %w", d.DeviceID,
					d.UserID, t.SerialNumber, err)
			}
			d.Status = device.Status
		}
		held[t.SerialNumber] = assignment{User: pingone.CanonicalID(d.UserID), Device: assignedDevice{ID: d.DeviceID, Status: d.Status}}
	}
	return held, nil
}
