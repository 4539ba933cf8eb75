package mfa

import (
	"context"
	"fmt"
	"runtime"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/oathtokens/terraform-provider-pingone/internal/pingone"
)

// TestFrameworkPlansMapsInQuadraticTime probes terraform-plugin-framework v1.19 with the set's own
// schema: for each token its PlanResourceChange copies the whole map of tokens twice, so the
// memory it allocates grows with the square of the set's size. That is why the provider plans
// the set itself (oath_token_set_planner.go). Memory, not time, so that a busy machine cannot
// change the outcome: for a cost a·n² + b·n + c, planning 2n tokens allocates 2·a·n² - c more
// than planning n tokens twice, and a linear plan allocates no more. This test fails once the
// framework plans large maps in linear time; the planner can then go.
func TestFrameworkPlansMapsInQuadraticTime(t *testing.T) {
	server := providerserver.NewProtocol6(setProbeProvider{})()
	half, full := frameworkPlanBytes(t, server, 500), frameworkPlanBytes(t, server, 1000)
	excess := float64(full) - 2*float64(half)
	t.Logf("framework plan: %d bytes at 500 tokens, %d at 1,000: %.0f%% more than twice", half, full, 100*excess/float64(2*half))
	if excess < 0.05*float64(full) {
		t.Errorf("the framework's plan of 1,000 tokens allocates %d bytes, about twice its plan of 500 (%d): it no longer grows "+
			"with the square of the set's size, and terraform-plugin-framework may plan the set itself again (measure with "+
			"make bench, then remove oath_token_set_planner.go)", full, half)
	}
}

// frameworkPlanBytes is the memory the framework allocates to plan creating a set of n tokens.
func frameworkPlanBytes(t *testing.T, server tfprotov6.ProviderServer, n int) uint64 {
	t.Helper()
	return planBytes(t, server.PlanResourceChange, n)
}

// TestSetPlannerPlansInLinearMemory is the other side: the provider's own planner allocates no
// more for 4,000 tokens than twice what it allocates for 2,000.
func TestSetPlannerPlansInLinearMemory(t *testing.T) {
	planner := PlanOATHTokenSet(func() (*pingone.Client, bool) { return nil, false })
	half, full := planBytes(t, planner, 2000), planBytes(t, planner, 4000)
	excess := float64(full) - 2*float64(half)
	t.Logf("set planner: %d bytes at 2,000 tokens, %d at 4,000: %.0f%% more than twice", half, full, 100*excess/float64(2*half))
	if excess > 0.05*float64(full) {
		t.Errorf("the planner's plan of 4,000 tokens allocates %d bytes, more than twice its plan of 2,000 (%d): it grows "+
			"faster than the set", full, half)
	}
}

// planBytes is the memory one PlanResourceChange allocates to plan creating a set of n tokens.
func planBytes(t *testing.T, planResourceChange func(context.Context, *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error), n int) uint64 {
	t.Helper()
	tokens := make(map[string]tftypes.Value, n)
	seeds := make(map[string]string, n)
	for i := range n {
		serial := fmt.Sprintf("S%05d", i)
		tokens[serial] = tokenRaw("HOTP", nil)
		seeds[serial] = "3132"
	}
	config := setDynamic(t, setRaw(t, map[string]tftypes.Value{
		"environment_id": tfString(plannerEnv),
		"tokens":         tftypes.NewValue(setTokensType, tokens),
		"secrets":        seedsRaw(seeds),
	}))
	return planAllocations(t, planResourceChange, &tfprotov6.PlanResourceChangeRequest{
		TypeName: OATHTokenSetTypeName, PriorState: setDynamic(t, nullSet()), Config: config, ProposedNewState: config,
	}, fmt.Sprintf("%d tokens", n))
}

// planAllocations is the memory one PlanResourceChange of req allocates; what names the plan in
// the failure of a plan that does not succeed.
func planAllocations(t *testing.T, planResourceChange func(context.Context, *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error),
	req *tfprotov6.PlanResourceChangeRequest, what string) uint64 {
	t.Helper()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	resp, err := planResourceChange(context.Background(), req)
	runtime.ReadMemStats(&after)
	if err != nil || len(resp.Diagnostics) > 0 {
		t.Fatalf("plan of %s: %v %v", what, err, resp.Diagnostics)
	}
	return after.TotalAlloc - before.TotalAlloc
}

// setProbeProvider serves the set through the framework alone, with no client.
type setProbeProvider struct{}

func (setProbeProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "pingone"
}
func (setProbeProvider) Schema(context.Context, provider.SchemaRequest, *provider.SchemaResponse) {}
func (setProbeProvider) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}
func (setProbeProvider) DataSources(context.Context) []func() datasource.DataSource { return nil }
func (setProbeProvider) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{NewOATHTokenSetResource}
}
