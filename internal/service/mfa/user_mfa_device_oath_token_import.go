package mfa

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/oathtokens/terraform-provider-pingone/internal/pingone"
	"github.com/oathtokens/terraform-provider-pingone/internal/validators"
)

// userDeviceImportID is what a pairing's import ID names.
type userDeviceImportID struct {
	EnvironmentID, UserID, DeviceID string
}

const userDeviceImportExample = "11111111-2222-3333-4444-555555555555/66666666-7777-8888-9999-000000000000/" +
	"aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"

// parseUserDeviceImportID accepts environment_id/user_id/device_id, three PingOne IDs, and
// returns them in PingOne's lowercase form.
func parseUserDeviceImportID(raw string) (userDeviceImportID, error) {
	parts := strings.Split(raw, "/")
	format := fmt.Sprintf("it should be in the format %s (for example %s)", userDeviceImportFormat, userDeviceImportExample)
	if len(parts) != 3 {
		return userDeviceImportID{}, fmt.Errorf("invalid import ID %q: %s", raw, format)
	}
	for i, name := range []string{"an environment ID", "a user ID", "a device ID"} {
		if !validators.IsPingOneID(parts[i]) {
			return userDeviceImportID{}, fmt.Errorf("invalid import ID %q: %q is not %s (a UUID); %s", raw, parts[i], name, format)
		}
	}
	return userDeviceImportID{
		EnvironmentID: pingone.CanonicalID(parts[0]),
		UserID:        pingone.CanonicalID(parts[1]),
		DeviceID:      pingone.CanonicalID(parts[2]),
	}, nil
}

// ImportState takes an existing pairing under management; Read, which follows, fills in the
// serial number and the status. The activation settings stay as the configuration has them:
// they matter only when a pairing is created.
func (r *userMFADeviceOATHTokenResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	id, err := parseUserDeviceImportID(req.ID)
	if err != nil {
		resp.Diagnostics.AddError("Invalid import ID", err.Error())
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("environment_id"), id.EnvironmentID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, pathUserID, id.UserID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id.DeviceID)...)
}
