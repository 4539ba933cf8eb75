package mfa

import (
	"strings"
	"testing"
)

func TestParseUserDeviceImportID(t *testing.T) {
	const (
		env    = "11111111-2222-3333-4444-555555555555"
		user   = "66666666-7777-8888-9999-000000000000"
		device = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"
	)
	got, err := parseUserDeviceImportID(strings.ToUpper(env + "/" + user + "/" + device))
	if err != nil || got != (userDeviceImportID{EnvironmentID: env, UserID: user, DeviceID: device}) {
		t.Fatalf("upper-case IDs: %+v %v, want them in lowercase", got, err)
	}
	for raw, want := range map[string]string{
		env + "/" + user:                       "environment_id/user_id/device_id",
		env + "/" + user + "/" + device + "/x": "environment_id/user_id/device_id",
		"/" + user + "/" + device:              `"" is not an environment ID`,
		env + "/alice/" + device:               `"alice" is not a user ID`,
		env + "/" + user + "/SERIAL1":          `"SERIAL1" is not a device ID`,
		env + "/" + user + "/" + device + " ":  "is not a device ID",
		"":                                     "environment_id/user_id/device_id",
	} {
		if _, err := parseUserDeviceImportID(raw); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v, want an error with %q", raw, err, want)
		}
	}
}
