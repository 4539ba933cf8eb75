package mfa

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// TestPlannedDevices: a serial number whose user stays (letter case aside) keeps its device; one
// added, given another user, or a user not known yet gets a device known after apply; a removed
// one leaves; assignments not known yet leave devices unknown.
func TestPlannedDevices(t *testing.T) {
	const (
		alice = "0a1b2c3d-0000-4000-8000-000000000001"
		bob   = "0a1b2c3d-0000-4000-8000-000000000002"
	)
	held := map[string]assignment{
		"KEEP":   {User: alice, Device: assignedDevice{ID: "d1", Status: deviceStatusActive}},
		"CASE":   {User: alice, Device: assignedDevice{ID: "d2", Status: deviceStatusActivationRequired}},
		"MOVE":   {User: alice, Device: assignedDevice{ID: "d3", Status: deviceStatusActive}},
		"LATER":  {User: alice, Device: assignedDevice{ID: "d4", Status: deviceStatusActive}},
		"REMOVE": {User: bob, Device: assignedDevice{ID: "d5", Status: deviceStatusActive}},
	}
	priorUsers, priorDevices := assignmentsValues(held)
	planned := tftypes.NewValue(tftypes.Map{ElementType: tftypes.String}, map[string]tftypes.Value{
		"KEEP":  tfString(alice),
		"CASE":  tfString("0A1B2C3D-0000-4000-8000-000000000001"),
		"MOVE":  tfString(bob),
		"LATER": tftypes.NewValue(tftypes.String, tftypes.UnknownValue),
		"NEW":   tfString(bob),
	})
	got, err := plannedDevices(planned, priorUsers, priorDevices)
	if err != nil {
		t.Fatal(err)
	}
	var elems map[string]tftypes.Value
	if err := got.As(&elems); err != nil {
		t.Fatal(err)
	}
	if len(elems) != 5 {
		t.Fatalf("planned devices for %d serial numbers, want 5 (REMOVE left out): %v", len(elems), got)
	}
	for serial, wantKnown := range map[string]bool{"KEEP": true, "CASE": true, "MOVE": false, "LATER": false, "NEW": false} {
		if elems[serial].IsKnown() != wantKnown {
			t.Errorf("%s: device known %v, want %v", serial, elems[serial].IsKnown(), wantKnown)
		}
	}
	if !elems["KEEP"].Equal(assignedDeviceValue(held["KEEP"].Device)) {
		t.Errorf("KEEP's device %v, want its prior one", elems["KEEP"])
	}

	unknown, err := plannedDevices(tftypes.NewValue(tftypes.Map{ElementType: tftypes.String}, tftypes.UnknownValue), priorUsers, priorDevices)
	if err != nil || unknown.IsKnown() {
		t.Errorf("assignments not known yet planned devices %v (%v), want unknown", unknown, err)
	}
	created, err := plannedDevices(planned, tftypes.NewValue(tftypes.Map{ElementType: tftypes.String}, nil),
		tftypes.NewValue(assignedDevicesType, nil))
	if err != nil || !created.IsKnown() {
		t.Fatalf("create planned devices %v (%v)", created, err)
	}
	_ = created.As(&elems)
	for serial, e := range elems {
		if e.IsKnown() {
			t.Errorf("%s: a device known at create", serial)
		}
	}
}
