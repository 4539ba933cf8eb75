package mfa

import (
	"context"
	"fmt"
	"math/big"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// TestAssignmentsPlanInLinearMemory plans thousands of assignments through
// terraform-plugin-framework, as the engines do: the framework plans a map of strings and a
// computed map of objects that are not nested attributes in linear time (unlike a map of nested
// attributes: TestFrameworkPlansMapsInQuadraticTime), and ModifyPlan reads and writes them raw.
// So the assignments need no planner of their own. Memory, not time, so that a busy machine
// cannot change the outcome: planning 4,000 assignments allocates no more than twice planning
// 2,000, plus 5 %. Both a create and a plan with nothing to do on 4,000 held pairings are measured.
func TestAssignmentsPlanInLinearMemory(t *testing.T) {
	server := providerserver.NewProtocol6(assignmentsProbeProvider{})()
	for _, held := range []bool{false, true} {
		name := map[bool]string{false: "create", true: "no change"}[held]
		t.Run(name, func(t *testing.T) {
			half, full := assignmentsPlanBytes(t, server, 2000, held), assignmentsPlanBytes(t, server, 4000, held)
			excess := float64(full) - 2*float64(half)
			t.Logf("framework plan (%s): %d bytes at 2,000 assignments, %d at 4,000: %.0f%% more than twice", name, half, full,
				100*excess/float64(2*half))
			if excess > 0.05*float64(full) {
				t.Errorf("the plan of 4,000 assignments allocates %d bytes, more than twice the plan of 2,000 (%d): it grows "+
					"faster than the assignments; plan them with a planner of the provider's own, as the token set is "+
					"(oath_token_set_planner.go)", full, half)
			}
		})
	}
}

// assignmentsPlanBytes is the memory the framework allocates to plan n assignments, with seeds:
// a create, or (held) a plan of the same n assignments already held, which changes nothing.
func assignmentsPlanBytes(t *testing.T, server tfprotov6.ProviderServer, n int, held bool) uint64 {
	t.Helper()
	users := make(map[string]string, n)
	seeds := make(map[string]string, n)
	devices := make(map[string]assignedDevice, n)
	for i := range n {
		serial := fmt.Sprintf("S%05d", i)
		users[serial] = fmt.Sprintf("00000000-0000-4000-8000-%012d", i)
		seeds[serial] = "3132333435363738393031323334353637383930"
		devices[serial] = assignedDevice{ID: fmt.Sprintf("11111111-0000-4000-8000-%012d", i), Status: deviceStatusActive}
	}
	config := assignmentsRaw(t, map[string]tftypes.Value{
		"environment_id":     tfString(plannerEnv),
		"assignments":        stringMapValue(users),
		"activation_secrets": stringMapValue(seeds),
	})
	prior := tftypes.NewValue(assignmentsObjectType(), nil)
	proposed := assignmentsRaw(t, map[string]tftypes.Value{
		"id":                 tftypes.NewValue(tftypes.String, tftypes.UnknownValue),
		"environment_id":     tfString(plannerEnv),
		"assignments":        stringMapValue(users),
		"activation_secrets": stringMapValue(seeds),
		"parallelism":        tftypes.NewValue(tftypes.Number, tftypes.UnknownValue),
		"devices":            tftypes.NewValue(assignedDevicesType, tftypes.UnknownValue),
	})
	if held {
		held := make(map[string]assignment, n)
		for serial, user := range users {
			held[serial] = assignment{User: user, Device: devices[serial]}
		}
		heldUsers, heldDevices := assignmentsValues(held)
		prior = assignmentsRaw(t, map[string]tftypes.Value{
			"id":                 tfString("assignments-id"),
			"environment_id":     tfString(plannerEnv),
			"assignments":        heldUsers,
			"activation_secrets": stringMapValue(seeds),
			"parallelism":        tftypes.NewValue(tftypes.Number, big.NewFloat(defaultAssignmentParallelism)),
			"devices":            heldDevices,
		})
		proposed = prior
	}
	return planAllocations(t, server.PlanResourceChange, &tfprotov6.PlanResourceChangeRequest{
		TypeName: "pingone_oath_token_assignments", PriorState: assignmentsDynamic(t, prior), Config: assignmentsDynamic(t, config),
		ProposedNewState: assignmentsDynamic(t, proposed),
	}, fmt.Sprintf("%d assignments", n))
}

// assignmentsRaw builds a value of the resource's type; attributes left out are null.
func assignmentsRaw(_ *testing.T, attrs map[string]tftypes.Value) tftypes.Value {
	return objectRaw(assignmentsObjectType().(tftypes.Object), attrs)
}

func assignmentsDynamic(t *testing.T, v tftypes.Value) *tfprotov6.DynamicValue {
	t.Helper()
	return dynamicOf(t, assignmentsObjectType(), v)
}

// assignmentsProbeProvider serves the assignments through the framework alone, with no client.
type assignmentsProbeProvider struct{ setProbeProvider }

func (assignmentsProbeProvider) DataSources(context.Context) []func() datasource.DataSource {
	return nil
}
func (assignmentsProbeProvider) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{NewOATHTokenAssignmentsResource}
}

var _ provider.Provider = assignmentsProbeProvider{}
