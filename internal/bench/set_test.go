package bench

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func TestSetConfigDeclaresTheSetsSerials(t *testing.T) {
	cfg := setConfig(2500, "env-1", true)
	for _, want := range []string{
		`resource "pingone_oath_token_set" "bench"`, `environment_id = "env-1"`,
		"range(3)", "range(1000)", "if i < 2500", `format("SET%06d", i)`, "secrets_wo = {", "secret_version = 1",
	} {
		if !strings.Contains(cfg, want) {
			t.Errorf("set config lacks %q:\n%s", want, cfg)
		}
	}
	if strings.Contains(cfg, "batch_size") {
		t.Error("the set config sets batch_size; the bench measures the default")
	}
	old := setConfig(10, "env-1", false)
	if !strings.Contains(old, "  secrets = {") || strings.Contains(old, "secrets_wo") {
		t.Errorf("an engine without write-only attributes must get secrets:\n%s", old)
	}
	if got := expectedSerials(setSerialPrefix, 2); !slices.Equal(got, []string{"SET000000", "SET000001"}) {
		t.Errorf("expectedSerials(SET, 2) = %v", got)
	}
	if (&workdir{subject: subjectSet}).serialPrefix() != setSerialPrefix || (&workdir{subject: subjectTokens}).serialPrefix() != tokenSerialPrefix {
		t.Error("serialPrefix does not follow the subject")
	}
}

func TestEngineWriteOnly(t *testing.T) {
	for v, want := range map[string]bool{"1.5.7": false, "1.10.9": false, "1.11.0": true, "1.16.0": true, "1.12.6": true, "2.0.0": true, "": true} {
		if got := (&Engine{Version: v}).writeOnly(); got != want {
			t.Errorf("writeOnly(%q) = %v, want %v", v, got, want)
		}
	}
}

func TestSetCallBound(t *testing.T) {
	for _, c := range []struct {
		p                   phase
		n, job, page, polls int
		want                int
	}{
		{phaseApply, 10000, 1000, 100, 12, 24},   // ten jobs, their polls, two new-serial checks
		{phaseApply, 10001, 1000, 100, 0, 13},    // ceil
		{phasePlan, 10000, 1000, 100, 0, 101},    // a page per 100, one more
		{phasePlan, 10000, 1000, 1000, 5, 11},    // polls never count in a plan
		{phaseDestroy, 1000, 1000, 100, 2, 14},   // plan 11 + 1 job + 2 polls
		{phaseDestroy, 10000, 1000, 200, 10, 71}, // plan 51 + 10 jobs + 10 polls
	} {
		if got := setCallBound(c.p, c.n, c.job, c.page, c.polls); got != c.want {
			t.Errorf("setCallBound(%s, N=%d, job %d, page %d, %d polls) = %d, want %d", c.p, c.n, c.job, c.page, c.polls, got, c.want)
		}
	}
}

func TestSetBoundCheckCountsCallsByKind(t *testing.T) {
	calls := map[string]int{routeJobSubmit: 10, routeJobPoll: 10, routeList: 3, tokenRoute: 2}
	over := setBoundCheck(Measurement{Scenario: ScenarioSet, Engine: "tofu", N: 10000, Phase: phaseApply, Calls: calls}, 100)
	if over.OK || over.Kind != checkAPIBound {
		t.Errorf("23 calls against a bound of 22 passed: %+v", over)
	}
	for _, want := range []string{"23 API calls", "10 job submissions", "10 polls", "3 list pages", "bound 22", "2 token requests"} {
		if !strings.Contains(over.Detail, want) {
			t.Errorf("detail %q lacks %q", over.Detail, want)
		}
	}
	c := countSetCalls(map[string]int{routeList: 100, tokenRoute: 1, "GET /v1/environments/{envID}/oathTokens/{oathTokenID}": 3})
	if c.API() != 103 || c.Auth != 1 || c.Other != 3 {
		t.Errorf("countSetCalls = %+v; API %d", c, c.API())
	}
	within := setBoundCheck(Measurement{N: 10000, Phase: phasePlan, Calls: map[string]int{routeList: 101, tokenRoute: 1}, Variant: "page_size=200"}, 100)
	if !within.OK || !strings.Contains(within.What, "page_size=200") {
		t.Errorf("101 list pages at page size 100 is within ceil(10000/100) + 1: %+v", within)
	}
	if exact := setBoundCheck(Measurement{N: 10000, Phase: phasePlan, Calls: map[string]int{routeList: 102}}, 100); exact.OK {
		t.Errorf("102 calls passed a bound of 101: %+v", exact)
	}
}

func TestPageSizesPutTheDefaultFirst(t *testing.T) {
	if got := pageSizes(100, []int{1000, 200, 100, 200}); !slices.Equal(got, []int{100, 200, 1000}) {
		t.Errorf("pageSizes = %v", got)
	}
	if got := pageSizes(100, nil); !slices.Equal(got, []int{100}) {
		t.Errorf("pageSizes without others = %v", got)
	}
	if pageSizeVariant(100, 100) != "" || pageSizeVariant(200, 100) != "page_size=200" {
		t.Error("the default page size must be the scenario's own measurement, the others a variant")
	}
}

func TestConfigFull(t *testing.T) {
	full := Config{
		Engines: []Engine{{Name: "terraform"}, {Name: "tofu"}}, Scenarios: Scenarios, Ns: []int{1000, 200},
		SetNs: DefaultSetNs, SetPerTokenNs: DefaultSetPerTokenNs, SetPageSizes: DefaultSetPageSizes, Reps: 1, SmallNReps: DefaultSmallNReps,
		Parallelism: DefaultParallelism, Latency: DefaultLatency, RateLimit: DefaultRateLimit,
	}
	if !full.Full() {
		t.Fatal("the defaults are not a full run")
	}
	quick := full
	quick.SetPerTokenNs = nil
	noOldest := full
	noOldest.Engines = []Engine{{Name: "tofu"}}
	profiled := full
	profiled.CPUProfileDir = "/tmp/p"
	for name, c := range map[string]Config{"without the per-token resource": quick, "one engine": noOldest, "profiled": profiled} {
		if c.Full() {
			t.Errorf("a run %s counts as full", name)
		}
	}
}

// sampleSetResults adds the set scenarios at N = 1000 and 10000 to sampleResults: at 10000 on
// terraform the set beats the floor and its bounds, on tofu it misses them.
func sampleSetResults() *Results {
	r := sampleResults()
	r.Config.SetNs, r.Config.SetPerTokenNs, r.Config.SetPageSizes = []int{1000, 10000}, []int{1000, 10000}, []int{200, 1000}
	for _, e := range []string{"terraform", "tofu"} {
		slow := e == "tofu"
		for _, n := range []int{1000, 10000} {
			for _, p := range phases {
				setWall := 2 * time.Second
				calls := map[string]int{routeJobSubmit: n / 1000, routeJobPoll: n / 1000, tokenRoute: 1}
				if p == phasePlan {
					calls = map[string]int{routeList: n / 100, tokenRoute: 1}
				}
				if slow {
					setWall = 20 * time.Second
					calls[routeList] += 5
				}
				for _, m := range []Measurement{
					{Subject: subjectSet, Walls: []time.Duration{setWall}, Calls: calls, PageSize: 100, Procs: procStats{PeakRSSKB: 120 << 10}},
					{Subject: subjectData, Walls: []time.Duration{4 * time.Second}, Count: setFloorN},
					{Subject: subjectSetValue, Walls: []time.Duration{2 * time.Second}, Count: 1},
					{Subject: subjectTokens, Walls: []time.Duration{40 * time.Second}, Calls: map[string]int{"POST /v1/environments/{envID}/oathTokens": n}},
				} {
					m.Scenario, m.Engine, m.N, m.Phase, m.CPUs = ScenarioSet, e, n, p, m.Walls
					r.Measurements = append(r.Measurements, m)
				}
			}
			for _, size := range []int{100, 200, 1000} {
				r.Measurements = append(r.Measurements, Measurement{Scenario: ScenarioSetSlow, Engine: e, N: n, Phase: phasePlan,
					Subject: subjectSet, Variant: pageSizeVariant(size, 100), PageSize: size,
					Walls: []time.Duration{time.Duration(n/size)*50*time.Millisecond + 300*time.Millisecond}, Calls: map[string]int{routeList: n / size}, Procs: procStats{PeakRSSKB: 90 << 10}})
			}
		}
	}
	r.Checks = append(r.Checks, setBoundCheck(r.Measurements[len(r.Measurements)-4], 100))
	return r
}

func TestReportShowsTheSetAgainstItsTargets(t *testing.T) {
	rep := Report(sampleSetResults(), "")
	for _, want := range []string{
		"## Summary: `pingone_oath_token` against the framework floor",
		"| N = 100, apply: provider / framework floor | ≤ 1.30 |",
		"| N = 1000, plan: provider / framework floor | ≤ 1.30 | **1.33 ✗** | **1.33 ✗** |",
		"## Summary: `pingone_oath_token_set` at N = 10000",
		"| set / engine floor (1000 `terraform_data`), apply | < 1.00 | 0.50 ✓ | **5.00 ✗** |",
		"| API calls, apply | ≤ ceil(N / job size) + polls + 2 new-serial checks | 20 (bound 22) ✓ | **25 (bound 22) ✗** |",
		"| set / engine floor holding the same map (one `terraform_data`), plan | (for scale) | 1.00 | 10.00 |",
		"| API calls, plan | ≤ ceil(N / page size) + 1 | 100 (bound 101) ✓ | **105 (bound 101) ✗** |",
		"| provider peak RSS, MB (any set command) | ≤ 100 | **120.0 ✗** |",
		"page size 100 (emulator default) | < 5 | **5.30 ✗** | **5.30 ✗** |",
		"page size 200 (sensitivity) | < 5 | 2.80 ✓ |",
		"| per-token resource / set, destroy | (for scale) | 20.00 | 2.00 |",
		"## 6. The token set", "## 7. The set's no-change plan",
		"| terraform | 10000 | apply | 2.00 | 2.00 | 0.00 | 4.00 | 0.50 ✓ | 2.00 | 1.00 | 40.00 | 10.00 | 20.00 | 120.0 |",
		"| terraform | 1000 | apply | 2.00 | 2.00 | 0.00 | 4.00 | 0.50 | 2.00 | 1.00 | 40.00 |", // no mark below the target's N
		"| tofu | 10000 | plan | 100 | 0 | 0 | 105 | 0 | **105 ✗** | ≤ 101 | 1 | 10000 |",
		"| tofu | 10000 | 1000 (sensitivity) | 0.80 | 10 | 0.50 | 1.60 | 20.00 | 0.80 ✓ |",
		"| terraform | 10000 | setslow | pingone_oath_token_set | – | 90.0 | – |",
		"| set | tofu | 10000 | apply | terraform_data ×1000 |",
		"API-call bounds of the token set (section 6): 0 of 1 met.",
	} {
		if !strings.Contains(rep, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	if i := strings.Index(rep, "%!"); i >= 0 {
		t.Errorf("the report has a formatting error: %q", rep[i:min(len(rep), i+40)])
	}
	if strings.Contains(rep, "provider / framework floor (no-op provider)") {
		t.Error("the framework floor is still a row for scale in the first summary; it has a target now")
	}
}

func TestReportOfTheSetAloneHasNoEmptyFirstSummary(t *testing.T) {
	r := sampleSetResults()
	r.Config.Scenarios = []string{ScenarioSet, ScenarioSetSlow}
	rep := Report(r, "")
	if strings.Contains(rep, "## Summary at N =") || strings.Contains(rep, "## 1. Engine floor") {
		t.Error("a run of the set's scenarios alone shows the per-token resource's summary")
	}
	if !strings.Contains(rep, "## Summary: `pingone_oath_token_set` at N = 10000") {
		t.Error("the set's summary is missing")
	}
}
