// Command pingone-bench is the benchmark harness behind `make bench`: it runs the real engines
// against the real provider and the PingOne emulator and writes BENCHMARKS.md and
// benchmarks.svg. A run of one scenario, one N or one engine prints its report instead, so that
// a quick look never overwrites the committed full report:
//
//	pingone-bench -terraform .bin/terraform-1.5.7 -tofu .bin/tofu-1.12.6 -scenario latency -n 100
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/oathtokens/terraform-provider-pingone/internal/bench"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:]); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "pingone-bench:", err)
		}
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("pingone-bench", flag.ContinueOnError)
	terraform := fs.String("terraform", ".bin/terraform-1.5.7", "Terraform binary")
	tofu := fs.String("tofu", ".bin/tofu-1.12.6", "OpenTofu binary")
	engines := fs.String("engine", "terraform,tofu", "engines to run: terraform, tofu or both")
	scenarios := fs.String("scenario", "all", "scenarios to run: "+strings.Join(bench.Scenarios, ", ")+" or all")
	ns := fs.String("n", "100,1000", "token counts, comma-separated")
	reps := fs.Int("reps", 1, "repetitions of each command; the median is reported")
	parallelism := fs.Int("parallelism", 10, "the engines' -parallelism")
	latency := fs.Duration("latency", 50*time.Millisecond, "emulator latency per request in the latency scenario")
	rate := fs.Float64("rate-limit", 100, "emulator rate limit (requests/s) in the rate-limit scenario")
	out := fs.String("out", "", "report to write (default: BENCHMARKS.md for a full run, stdout otherwise)")
	svg := fs.String("svg", "", "chart to write (default: benchmarks.svg beside a full run's report)")
	cpuprofile := fs.String("cpuprofile", "", "directory for CPU profiles of the provider processes (runs a profiling build)")
	root := fs.String("root", ".", "module root")
	noVariants := fs.Bool("no-variants", false, "skip the latency scenario's extra destroy with allow_revoke_when_paired")
	save := fs.String("save", "", "also write the results as JSON to this file")
	load := fs.String("load", "", "render the report from results saved with -save instead of running")
	var extraEnv envList
	fs.Var(&extraEnv, "env", "KEY=VALUE added to the engines' (and the provider's) environment; repeatable; marks the run partial")
	if err := fs.Parse(args); err != nil {
		return err
	}

	cfg := bench.Config{SkipVariants: *noVariants, ExtraEnv: extraEnv, Reps: *reps, Parallelism: *parallelism, Latency: *latency, RateLimit: *rate, Log: os.Stderr}
	var err error
	if cfg.Root, err = filepath.Abs(*root); err != nil {
		return err
	}
	full := true
	for _, name := range split(*engines) {
		path := map[string]string{"terraform": *terraform, "tofu": *tofu}[name]
		if path == "" {
			return fmt.Errorf("unknown engine %q: use terraform or tofu", name)
		}
		if path, err = filepath.Abs(path); err != nil {
			return err
		}
		cfg.Engines = append(cfg.Engines, bench.Engine{Name: name, Path: path})
	}
	full = full && len(cfg.Engines) == 2
	if *scenarios == "all" {
		cfg.Scenarios = bench.Scenarios
	} else {
		for _, s := range split(*scenarios) {
			if !slices.Contains(bench.Scenarios, s) {
				return fmt.Errorf("unknown scenario %q: use %s or all", s, strings.Join(bench.Scenarios, ", "))
			}
			cfg.Scenarios = append(cfg.Scenarios, s)
		}
		full = full && len(cfg.Scenarios) == len(bench.Scenarios)
	}
	for _, s := range split(*ns) {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			return fmt.Errorf("-n: %q is not a positive token count", s)
		}
		cfg.Ns = append(cfg.Ns, n)
	}
	full = full && slices.Equal(cfg.Ns, []int{100, 1000}) && *cpuprofile == "" && len(extraEnv) == 0
	if *reps < 1 || *parallelism < 1 || *latency <= 0 || *rate <= 0 {
		return errors.New("-reps, -parallelism, -latency and -rate-limit must be positive")
	}
	if *cpuprofile != "" {
		if cfg.CPUProfileDir, err = filepath.Abs(*cpuprofile); err != nil {
			return err
		}
		if err := os.MkdirAll(cfg.CPUProfileDir, 0o755); err != nil {
			return err
		}
	}

	var res *bench.Results
	if *load != "" {
		data, err := os.ReadFile(*load)
		if err != nil {
			return err
		}
		res = new(bench.Results)
		if err := json.Unmarshal(data, res); err != nil {
			return fmt.Errorf("%s: %w", *load, err)
		}
		full = slices.Equal(res.Config.Ns, []int{100, 1000}) && len(res.Engines) == 2 &&
			len(res.Config.Scenarios) == len(bench.Scenarios) && len(res.Config.ExtraEnv) == 0 && res.Config.CPUProfileDir == ""
	} else if res, err = bench.Run(ctx, cfg); err != nil {
		return err
	}
	if *save != "" {
		data, err := json.MarshalIndent(res, "", " ")
		if err != nil {
			return err
		}
		if err := os.WriteFile(*save, data, 0o644); err != nil {
			return err
		}
	}
	if *out == "" && full {
		*out = filepath.Join(cfg.Root, "BENCHMARKS.md")
	}
	if *svg == "" && full {
		*svg = filepath.Join(filepath.Dir(*out), "benchmarks.svg")
	}
	chartName := ""
	if *svg != "" {
		if err := os.WriteFile(*svg, []byte(bench.Chart(res)), 0o644); err != nil {
			return err
		}
		chartName = filepath.Base(*svg)
		if *out != "" {
			if rel, err := filepath.Rel(filepath.Dir(*out), *svg); err == nil {
				chartName = rel
			}
		}
	}
	report := bench.Report(res, chartName)
	if *out == "" {
		fmt.Print(report)
	} else if err := os.WriteFile(*out, []byte(report), 0o644); err != nil {
		return err
	} else {
		fmt.Fprintln(os.Stderr, "wrote", *out)
	}
	if len(res.Failures) > 0 {
		return fmt.Errorf("%d scenario(s) failed:\n  %s", len(res.Failures), strings.Join(res.Failures, "\n  "))
	}
	return nil
}

func split(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// envList collects repeated -env flags.
type envList []string

func (l *envList) String() string { return strings.Join(*l, " ") }

func (l *envList) Set(v string) error {
	if k, _, ok := strings.Cut(v, "="); !ok || k == "" {
		return fmt.Errorf("%q is not KEY=VALUE", v)
	}
	*l = append(*l, v)
	return nil
}
