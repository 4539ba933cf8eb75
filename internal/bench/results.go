package bench

import (
	"math"
	"slices"
	"time"
)

// Scenario names, as the -scenario flag takes them.
const (
	ScenarioFloor     = "floor"
	ScenarioLatency   = "latency"
	ScenarioRateLimit = "ratelimit"
	// ScenarioSet is one pingone_oath_token_set of N tokens against the engine floor of
	// setFloorN terraform_data resources, with the per-token resource beside it (set.go).
	ScenarioSet = "set"
	// ScenarioSetSlow is the set's no-change plan at latency and rate limit together, at
	// several list page sizes (set.go).
	ScenarioSetSlow = "setslow"
)

// Scenarios lists every scenario in the order a full run takes them. The API call counts and
// the provider's memory are read during every scenario; the report takes them from the floor.
// The first three run at Config.Ns, the set's at Config.SetNs.
var Scenarios = []string{ScenarioFloor, ScenarioLatency, ScenarioRateLimit, ScenarioSet, ScenarioSetSlow}

// isSetScenario reports whether a scenario runs at Config.SetNs.
func isSetScenario(name string) bool { return name == ScenarioSet || name == ScenarioSetSlow }

// smallN is the largest N at which the floor scenario repeats each command Config.SmallNReps
// times: at N = 200 a command takes a second or two, so one slow start moves a ratio by tens of
// per cent, while more repetitions cost little.
const smallN = 200

// Measurement is one engine command, repeated Reps times.
type Measurement struct {
	Scenario string
	Engine   string
	N        int
	Phase    phase
	Subject  subject
	// Variant names a configuration other than the default one, e.g. allow_revoke_when_paired.
	Variant string
	// Count is how many resources the subject declared when that is not N: the set scenario's
	// engine floor is always setFloorN terraform_data resources. Zero means N.
	Count int `json:",omitempty"`
	// PageSize is the emulator's largest list page during the command, when the scenario set
	// one (setslow); zero means the emulator's default.
	PageSize int `json:",omitempty"`
	Walls    []time.Duration
	// CPUs are the CPU times of the engine command with its provider processes, and
	// EmulatorCPUs the emulator's during the command, one per repetition.
	CPUs         []time.Duration
	EmulatorCPUs []time.Duration
	// ProviderCPUs are the provider processes' share of CPUs.
	ProviderCPUs []time.Duration
	// Calls are the emulator's request counters for the last repetition, by route; nil for
	// terraform_data, which makes no API calls.
	Calls map[string]int
	// Procs are the provider processes of the last repetition (the peak RSS is the highest of
	// all repetitions).
	Procs procStats
}

// Wall is the median of the repetitions.
func (m Measurement) Wall() time.Duration { return median(m.Walls) }

// CPU is the median CPU time of the engine and its provider processes.
func (m Measurement) CPU() time.Duration { return median(m.CPUs) }

// ProviderCPU is the median CPU time of the provider processes alone.
func (m Measurement) ProviderCPU() time.Duration { return median(m.ProviderCPUs) }

// EmulatorCPU is the median CPU time the emulator spent during the command.
func (m Measurement) EmulatorCPU() time.Duration { return median(m.EmulatorCPUs) }

func median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// Check is a correctness check of a scenario (every token created, none duplicated, none left),
// or a bound on the API calls a command may make.
type Check struct {
	Kind             checkKind `json:",omitempty"`
	Scenario, Engine string
	N                int
	What             string
	OK               bool
	Detail           string
}

// checkKind tells the two kinds of Check apart; the empty kind is a serial-number check, as
// results saved before there were two kinds hold.
type checkKind string

const (
	checkSerials  checkKind = ""
	checkAPIBound checkKind = "api-bound"
)

// Results is everything one run measured.
type Results struct {
	Machine      Machine
	Engines      []Engine
	Config       Config
	Started      time.Time
	Took         time.Duration
	Measurements []Measurement
	Checks       []Check
	Failures     []string
}

// find returns the measurement of one cell of the tables.
func (r *Results) find(scenario, engine string, n int, p phase, s subject, variant string) (Measurement, bool) {
	for _, m := range r.Measurements {
		if m.Scenario == scenario && m.Engine == engine && m.N == n && m.Phase == p && m.Subject == s && m.Variant == variant {
			return m, true
		}
	}
	return Measurement{}, false
}

// waves is how many rounds of one API call per token a phase needs at the least: creating or
// reading every token once, and for destroy, the refresh that precedes it plus the revoke.
func waves(p phase) int {
	if p == phaseDestroy {
		return 2
	}
	return 1
}

// latencyFloor is the least time a phase can take when every request costs latency and the
// engine runs parallelism requests at once: ceil(N/parallelism) rounds per wave.
func latencyFloor(p phase, n, parallelism int, latency time.Duration) time.Duration {
	rounds := (n + parallelism - 1) / parallelism
	return time.Duration(waves(p)*rounds) * latency
}

// rateFloor is the least time a phase can take at rate requests per second: its calls, spread
// at the limit. (The emulator's bucket starts full and holds one second's worth, so a phase can
// beat this by up to a second.)
func rateFloor(p phase, n int, rate float64) time.Duration {
	return time.Duration(float64(waves(p)*n) / rate * float64(time.Second))
}

// ratio divides two durations; NaN when the denominator is zero.
func ratio(a, b time.Duration) float64 {
	if b == 0 {
		return math.NaN()
	}
	return float64(a) / float64(b)
}
