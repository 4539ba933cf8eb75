package bench

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"time"
)

// Config is what one run measures.
type Config struct {
	// Root is the module root, where the provider and the emulator are built from.
	Root      string
	Engines   []Engine
	Scenarios []string
	Ns        []int
	// SetNs are the token counts of the set scenarios, and SetPerTokenNs those of them at which
	// the per-token resource runs beside the set (at 10,000 it takes minutes per command).
	SetNs         []int
	SetPerTokenNs []int
	// SetPageSizes are the list page sizes the setslow scenario also tries, besides the
	// emulator's default, as a sensitivity: PingOne documents none for oathTokens.
	SetPageSizes []int
	Reps         int
	// SmallNReps is the least number of repetitions of the floor scenario at N ≤ smallN, where the
	// issue compares the provider with the framework floor.
	SmallNReps  int
	Parallelism int
	Latency     time.Duration // per request, in the latency scenario
	RateLimit   float64       // requests per second, in the rate-limit scenario
	// CPUProfileDir, when set, runs a provider build that writes one CPU profile per provider
	// process into it (see cmd/profiled-provider). The timings of such a run are not the real
	// provider's.
	CPUProfileDir string
	// ExtraEnv is added to the engines' environment (and so the provider's), for experiments
	// such as TF_LOG_SDK=off.
	ExtraEnv []string
	// SkipVariants leaves out the latency scenario's second destroy, with
	// allow_revoke_when_paired, which costs an extra apply and destroy per engine and N.
	SkipVariants bool
	// Log receives progress lines.
	Log io.Writer `json:"-"`
}

// The defaults of a full run, the one that writes BENCHMARKS.md.
var (
	// DefaultNs are the floor, latency and rate-limit scenarios' token counts: N = 200 is where
	// issue #14 compares the per-token resource with the framework floor.
	DefaultNs = []int{200, 1000}
	// DefaultSetNs are the set scenarios' token counts.
	DefaultSetNs = []int{1000, 10000}
	// DefaultSetPerTokenNs are those of them at which the per-token resource runs beside the set.
	// Not at 10,000: 10,000 pingone_oath_token resources take 47 minutes to apply on Terraform
	// 1.16 here, and longer to destroy, per engine; -set-per-token-n 1000,10000 measures them.
	DefaultSetPerTokenNs = []int{1000}
	// DefaultSetPageSizes are the page sizes setslow tries besides the emulator's default of 100:
	// PingOne documents 200 for users and nothing for oathTokens.
	DefaultSetPageSizes = []int{200, 1000}
)

const (
	DefaultSmallNReps  = 3
	DefaultParallelism = 10
	DefaultLatency     = 50 * time.Millisecond
	DefaultRateLimit   = 100
)

// Full reports whether c measures everything a full run does, at the defaults: only such a run
// replaces the committed report.
func (c Config) Full() bool {
	names := make([]string, len(c.Engines))
	for i, e := range c.Engines {
		names[i] = e.Name
	}
	same := func(a, b []int) bool {
		return slices.Equal(slices.Sorted(slices.Values(a)), slices.Sorted(slices.Values(b)))
	}
	return slices.Equal(names, []string{"terraform", "tofu"}) && slices.Equal(c.Scenarios, Scenarios) &&
		same(c.Ns, DefaultNs) && same(c.SetNs, DefaultSetNs) && same(c.SetPerTokenNs, DefaultSetPerTokenNs) &&
		same(c.SetPageSizes, DefaultSetPageSizes) && c.Reps == 1 && c.SmallNReps == DefaultSmallNReps &&
		c.Parallelism == DefaultParallelism && c.Latency == DefaultLatency && c.RateLimit == DefaultRateLimit &&
		c.CPUProfileDir == "" && len(c.ExtraEnv) == 0 && !c.SkipVariants
}

// runner holds what the scenarios share.
type runner struct {
	cfg      Config
	tmp      string // everything the run writes; removed at the end
	binDir   string // the provider, as dev_overrides expects it
	provider string // the real provider, or its profiling build
	noop     string // the no-op framework provider
	load     string // the client-only load generator
	emulator string
	res      *Results
}

// Run builds the binaries, runs the scenarios and returns what they measured. Failures of a
// scenario are recorded in Results.Failures and the run goes on; an error means the run could
// not start.
func Run(ctx context.Context, cfg Config) (*Results, error) {
	started := time.Now()
	tmp, err := os.MkdirTemp("", "pingone-bench-")
	if err != nil {
		return nil, err
	}
	defer func() { _ = os.RemoveAll(tmp) }()
	r := &runner{cfg: cfg, tmp: tmp, binDir: filepath.Join(tmp, "bin"),
		res: &Results{Config: cfg, Started: started, Machine: readMachine(ctx)}}
	r.provider = filepath.Join(r.binDir, "terraform-provider-pingone")
	r.noop = filepath.Join(r.binDir, "terraform-provider-benchnoop")
	r.load = filepath.Join(tmp, "tools", "client-load")
	r.emulator = filepath.Join(tmp, "tools", "pingone-emulator")
	r.res.Machine.Commit = readCommit(ctx, cfg.Root)
	if err := r.build(ctx); err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(tmp, "cli.tfrc"), []byte(cliConfig(r.binDir)), 0o644); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Join(tmp, "home"), 0o755); err != nil {
		return nil, err
	}
	for i := range cfg.Engines {
		if err := cfg.Engines[i].probe(ctx, r.env(nil)); err != nil {
			return nil, err
		}
	}
	r.res.Engines = cfg.Engines

	for i := range cfg.Engines {
		r.logf("warming up %s", cfg.Engines[i].Name)
		if err := r.cycle(ctx, "warmup", &cfg.Engines[i], 2, emulatorSettings{}); err != nil {
			return nil, fmt.Errorf("warm-up: %w", err)
		}
	}

	// Smaller N first, so that a run cut short has its cheap cells; the set's scenarios after the
	// others, at their own N.
	for _, setScenarios := range []bool{false, true} {
		ns := slices.Sorted(slices.Values(cfg.Ns))
		if setScenarios {
			ns = slices.Sorted(slices.Values(cfg.SetNs))
		}
		for _, n := range ns {
			for _, sc := range cfg.Scenarios {
				if isSetScenario(sc) != setScenarios {
					continue
				}
				for i := range cfg.Engines {
					if ctx.Err() != nil {
						return nil, ctx.Err()
					}
					e := &cfg.Engines[i]
					r.logf("%s: %s, N=%d", sc, e.Name, n)
					if err := r.scenario(ctx, sc, e, n, i == 0); err != nil {
						r.logf("FAILED: %v", err)
						r.res.Failures = append(r.res.Failures, fmt.Sprintf("%s, %s, N=%d: %v", sc, e.Name, n, err))
					}
				}
			}
		}
	}
	r.res.Machine.LoadAfter = readLoadAvg()
	r.res.Took = time.Since(started)
	return r.res, nil
}

func (r *runner) logf(format string, args ...any) {
	if r.cfg.Log != nil {
		_, _ = fmt.Fprintf(r.cfg.Log, "%s  %s\n", time.Now().Format("15:04:05"), fmt.Sprintf(format, args...))
	}
}

// build compiles the provider as a release does (no cgo, trimmed paths, stripped) and the
// emulator command.
func (r *runner) build(ctx context.Context) error {
	pkg := "."
	if r.cfg.CPUProfileDir != "" {
		pkg = "./internal/bench/cmd/profiled-provider"
	}
	r.logf("building the provider (%s), the no-op provider, the client load and the emulator", pkg)
	release := []string{"build", "-trimpath", "-ldflags", "-s -w -X main.version=bench", "-o"}
	builds := [][]string{
		slices.Concat(release, []string{r.provider, pkg}),
		slices.Concat(release, []string{r.noop, "./internal/bench/cmd/noop-provider"}),
		{"build", "-trimpath", "-o", r.load, "./internal/bench/cmd/client-load"},
		{"build", "-trimpath", "-o", r.emulator, "./internal/emulator/cmd/pingone-emulator"},
	}
	for _, args := range builds {
		cmd := exec.CommandContext(ctx, "go", args...)
		cmd.Dir = r.cfg.Root
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("go %v: %w\n%s", args, err, out)
		}
	}
	return nil
}

// env is the engine's whole environment: nothing of the caller's leaks in (no proxy, no
// TF_LOG, no credentials), and the provider finds the emulator through PINGONE_* variables.
func (r *runner) env(emu *emulatorProc) []string {
	env := []string{
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + filepath.Join(r.tmp, "home"),
		"TMPDIR=" + r.tmp,
		"TF_CLI_CONFIG_FILE=" + filepath.Join(r.tmp, "cli.tfrc"),
		"TF_IN_AUTOMATION=1",
		"CHECKPOINT_DISABLE=1",
		"NO_PROXY=*",
	}
	if emu != nil {
		i := emu.info
		env = append(env,
			"SSL_CERT_FILE="+i.CAFile,
			"PINGONE_CLIENT_ID="+i.ClientID,
			"PINGONE_CLIENT_SECRET="+i.ClientSecret,
			"PINGONE_ENVIRONMENT_ID="+i.AdminEnvironmentID,
			"PINGONE_API_SERVICE_HOSTNAME="+i.APIHostname,
			"PINGONE_AUTH_SERVICE_HOSTNAME="+i.AuthHostname,
		)
	}
	if r.cfg.CPUProfileDir != "" {
		env = append(env, "PINGONE_BENCH_CPUPROFILE="+r.cfg.CPUProfileDir)
	}
	return append(env, r.cfg.ExtraEnv...)
}
