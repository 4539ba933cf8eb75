package bench

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"
)

func TestParentPIDSkipsTheCommandName(t *testing.T) {
	// A command name may hold spaces and parentheses.
	stat := []byte("4242 (terraform (x) y) S 4100 4242 4100 0 -1 4194560 1 0 0 0 7 3 0 0 20 0 10 0")
	if ppid, ok := parentPID(stat); !ok || ppid != 4100 {
		t.Fatalf("parentPID = %d, %v; want 4100", ppid, ok)
	}
	if _, ok := parentPID([]byte("garbage")); ok {
		t.Fatal("parentPID accepted a line without a command name")
	}
}

func TestParseVmHWM(t *testing.T) {
	status := "Name:\tterraform-provi\nVmPeak:\t 1000 kB\nVmHWM:\t   53124 kB\nVmRSS:\t   50000 kB\n"
	if kb, ok := parseVmHWM(strings.NewReader(status)); !ok || kb != 53124 {
		t.Fatalf("parseVmHWM = %d, %v; want 53124", kb, ok)
	}
	if _, ok := parseVmHWM(strings.NewReader("Name:\tx\n")); ok {
		t.Fatal("parseVmHWM found a VmHWM that is not there")
	}
}

func TestFloors(t *testing.T) {
	lat := 50 * time.Millisecond
	for _, c := range []struct {
		p    phase
		n    int
		want time.Duration
	}{
		{phaseApply, 100, 500 * time.Millisecond},
		{phaseApply, 1000, 5 * time.Second},
		{phaseApply, 1001, 5050 * time.Millisecond}, // ceil(N/10) rounds
		{phasePlan, 1000, 5 * time.Second},
		{phaseDestroy, 1000, 10 * time.Second}, // refresh, then revoke
	} {
		if got := latencyFloor(c.p, c.n, 10, lat); got != c.want {
			t.Errorf("latencyFloor(%s, %d) = %s, want %s", c.p, c.n, got, c.want)
		}
	}
	if got := rateFloor(phaseApply, 1000, 100); got != 10*time.Second {
		t.Errorf("rateFloor(apply, 1000) = %s, want 10s", got)
	}
	if got := rateFloor(phaseDestroy, 100, 100); got != 2*time.Second {
		t.Errorf("rateFloor(destroy, 100) = %s, want 2s", got)
	}
}

func TestMedian(t *testing.T) {
	s := time.Second
	for _, c := range []struct {
		in   []time.Duration
		want time.Duration
	}{{nil, 0}, {[]time.Duration{3 * s}, 3 * s}, {[]time.Duration{5 * s, 1 * s, 3 * s}, 3 * s}, {[]time.Duration{4 * s, 1 * s}, 2500 * time.Millisecond}} {
		if got := median(c.in); got != c.want {
			t.Errorf("median(%v) = %s, want %s", c.in, got, c.want)
		}
	}
}

func TestNiceStep(t *testing.T) {
	for in, want := range map[float64]float64{1000: 200, 66: 20, 9: 2, 0.4: 0.1, 0: 1} {
		if got := niceStep(in); fmt.Sprintf("%.6g", got) != fmt.Sprintf("%.6g", want) {
			t.Errorf("niceStep(%g) = %g, want %g", in, got, want)
		}
	}
}

func TestConfigsDeclareTheExpectedSerials(t *testing.T) {
	cfg := tokenConfig(3, "env-1", true)
	for _, want := range []string{"count = 3", `environment_id = "env-1"`, `format("BENCH%06d", count.index)`, "allow_revoke_when_paired = true"} {
		if !strings.Contains(cfg, want) {
			t.Errorf("token config lacks %q:\n%s", want, cfg)
		}
	}
	if strings.Contains(tokenConfig(3, "env-1", false), "allow_revoke_when_paired") {
		t.Error("the default token config sets allow_revoke_when_paired")
	}
	if got := expectedSerials(tokenSerialPrefix, 3); strings.Join(got, ",") != "BENCH000000,BENCH000001,BENCH000002" {
		t.Errorf("expectedSerials(3) = %v", got)
	}
	rc := cliConfig("/tmp/bin")
	for _, addr := range []string{"registry.terraform.io/oathtokens/pingone", "registry.opentofu.org/oathtokens/pingone",
		"registry.terraform.io/oathtokens/benchnoop", "registry.opentofu.org/oathtokens/benchnoop"} {
		if !strings.Contains(rc, fmt.Sprintf("%q = %q", addr, "/tmp/bin")) && !strings.Contains(rc, addr) {
			t.Errorf("CLI config lacks %s:\n%s", addr, rc)
		}
	}
}

func TestRequireLoopback(t *testing.T) {
	if err := requireLoopback("127.0.0.1:8443"); err != nil {
		t.Error(err)
	}
	for _, h := range []string{"10.0.0.1:443", "example.com:443", "127.0.0.1"} {
		if requireLoopback(h) == nil {
			t.Errorf("requireLoopback accepted %q", h)
		}
	}
}

// sampleResults is a small run with every scenario, both engines and the client.
func sampleResults() *Results {
	r := &Results{
		Config:  Config{Scenarios: Scenarios, Ns: []int{100, 1000}, Reps: 1, Parallelism: 10, Latency: 50 * time.Millisecond, RateLimit: 100},
		Engines: []Engine{{Name: "terraform", Version: "1.16.0"}, {Name: "tofu", Version: "1.12.6"}},
		Machine: Machine{Commit: "0262307abcde-dirty"},
	}
	for _, e := range []string{"terraform", "tofu"} {
		for _, n := range []int{100, 1000} {
			for _, p := range phases {
				sec := time.Duration(n) * 10 * time.Millisecond
				calls := map[string]int{tokenRoute: 1, "POST /v1/environments/{envID}/oathTokens": n}
				for _, m := range []Measurement{
					{Scenario: ScenarioFloor, Subject: subjectTokens, Walls: []time.Duration{2 * sec}, Calls: calls, Procs: procStats{Count: 3, PeakRSSKB: 90 << 10}},
					{Scenario: ScenarioFloor, Subject: subjectNoop, Walls: []time.Duration{sec * 3 / 2}},
					{Scenario: ScenarioFloor, Subject: subjectData, Walls: []time.Duration{sec}},
					{Scenario: ScenarioLatency, Subject: subjectTokens, Walls: []time.Duration{sec}, Calls: calls},
					{Scenario: ScenarioRateLimit, Subject: subjectTokens, Walls: []time.Duration{sec}, Calls: calls},
				} {
					m.Engine, m.N, m.Phase, m.CPUs = e, n, p, m.Walls
					r.Measurements = append(r.Measurements, m)
				}
			}
		}
	}
	r.Measurements = append(r.Measurements, Measurement{Scenario: ScenarioRateLimit, Engine: "client", N: 1000, Phase: phaseApply,
		Subject: subjectClient, Walls: []time.Duration{9 * time.Second}, Calls: map[string]int{"x": 1001}})
	r.Checks = []Check{{OK: true}, {OK: false, Scenario: ScenarioRateLimit, Engine: "tofu", N: 1000, What: "w", Detail: "d"}}
	return r
}

func TestReportHasEveryTableAndMarksMissedTargets(t *testing.T) {
	rep := Report(sampleResults(), "benchmarks.svg")
	for _, want := range []string{
		"## Machine", "## Summary at N = 1000", "![Wall time", "## 1. Engine floor", "## 2. Latency", "## 3. Rate limit",
		"## 4. API calls", "## 5. Provider memory", "## Failed checks", "## Raw measurements",
		"| terraform | 1000 | apply | 20.00 | 15.00 | 10.00 | **2.00** |", // provider / engine floor
		"**2.00 ✗**",             // a missed target
		"| client only | 1000 |", // the client-only row
		"1 of 2 serial-number checks passed",
		"| provider built from | `0262307abcde-dirty` |",
	} {
		if !strings.Contains(rep, want) {
			t.Errorf("report lacks %q", want)
		}
	}
}

func TestChartIsWellFormedSVG(t *testing.T) {
	svg := Chart(sampleResults())
	dec := xml.NewDecoder(strings.NewReader(svg))
	lines := 0
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("chart is not well-formed XML: %v", err)
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "polyline" {
			lines++
		}
	}
	// Two engines, each: engine floor, framework floor, provider at zero latency, latency and
	// its floor, rate limit and its floor.
	if lines != 14 {
		t.Errorf("chart has %d lines, want 14", lines)
	}
}
