// Command pingone-bench is the benchmark harness behind `make bench`: it runs the real engines
// against the real provider and the PingOne emulator and writes BENCHMARKS.md and
// benchmarks.svg. A run with any measuring flag other than its default (one scenario, one N, one
// engine) prints its report instead, so that a quick look never overwrites the committed full
// report:
//
//	pingone-bench -terraform .bin/terraform-1.16.0 -tofu .bin/tofu-1.12.6 -scenario latency -n 200
//	pingone-bench -scenario set -set-n 1000 -set-per-token-n none -engine tofu
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
	terraform := fs.String("terraform", ".bin/terraform-1.16.0", "Terraform binary")
	terraformOldest := fs.String("terraform-oldest", ".bin/terraform-1.5.7", "the oldest supported Terraform, engine terraform-oldest (not run by default)")
	tofu := fs.String("tofu", ".bin/tofu-1.12.6", "OpenTofu binary")
	engines := fs.String("engine", "terraform,tofu", "engines to run, comma-separated: terraform, tofu, terraform-oldest")
	scenarios := fs.String("scenario", "all", "scenarios to run: "+strings.Join(bench.Scenarios, ", ")+" or all")
	ns := fs.String("n", intList(bench.DefaultNs), "token counts of the floor, latency and rate-limit scenarios, comma-separated")
	setNs := fs.String("set-n", intList(bench.DefaultSetNs), "token counts of the set scenarios (set, setslow), comma-separated")
	setPerTokenNs := fs.String("set-per-token-n", intList(bench.DefaultSetPerTokenNs), "set-n values at which the per-token resource runs beside the set, comma-separated, or none")
	setPageSizes := fs.String("set-page-sizes", intList(bench.DefaultSetPageSizes), "list page sizes setslow tries besides the emulator's default, comma-separated, or none")
	reps := fs.Int("reps", 1, "repetitions of each command; the median is reported")
	smallReps := fs.Int("small-n-reps", bench.DefaultSmallNReps, "repetitions, at least, of the floor scenario's commands at N ≤ 200, alternating subjects")
	parallelism := fs.Int("parallelism", bench.DefaultParallelism, "the engines' -parallelism")
	latency := fs.Duration("latency", bench.DefaultLatency, "emulator latency per request in the latency and setslow scenarios")
	rate := fs.Float64("rate-limit", bench.DefaultRateLimit, "emulator rate limit (requests/s) in the rate-limit and setslow scenarios")
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

	cfg := bench.Config{SkipVariants: *noVariants, ExtraEnv: extraEnv, Reps: *reps, SmallNReps: *smallReps, Parallelism: *parallelism,
		Latency: *latency, RateLimit: *rate, Log: os.Stderr}
	var err error
	if cfg.Root, err = filepath.Abs(*root); err != nil {
		return err
	}
	for _, name := range split(*engines) {
		path := map[string]string{"terraform": *terraform, "tofu": *tofu, "terraform-oldest": *terraformOldest}[name]
		if path == "" {
			return fmt.Errorf("unknown engine %q: use terraform, tofu or terraform-oldest", name)
		}
		if path, err = filepath.Abs(path); err != nil {
			return err
		}
		cfg.Engines = append(cfg.Engines, bench.Engine{Name: name, Path: path})
	}
	if *scenarios == "all" {
		cfg.Scenarios = bench.Scenarios
	} else {
		for _, s := range split(*scenarios) {
			if !slices.Contains(bench.Scenarios, s) {
				return fmt.Errorf("unknown scenario %q: use %s or all", s, strings.Join(bench.Scenarios, ", "))
			}
			cfg.Scenarios = append(cfg.Scenarios, s)
		}
	}
	for _, l := range []struct {
		flag  string
		value string
		into  *[]int
	}{{"-n", *ns, &cfg.Ns}, {"-set-n", *setNs, &cfg.SetNs}, {"-set-per-token-n", *setPerTokenNs, &cfg.SetPerTokenNs},
		{"-set-page-sizes", *setPageSizes, &cfg.SetPageSizes}} {
		if *l.into, err = parseInts(l.flag, l.value); err != nil {
			return err
		}
	}
	if len(cfg.Ns) == 0 || len(cfg.SetNs) == 0 {
		return errors.New("-n and -set-n need at least one token count")
	}
	if *reps < 1 || *smallReps < 1 || *parallelism < 1 || *latency <= 0 || *rate <= 0 {
		return errors.New("-reps, -small-n-reps, -parallelism, -latency and -rate-limit must be positive")
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
	// Only a run of everything at the defaults replaces the committed report.
	full := res.Config.Full()
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

// parseInts reads a comma-separated list of positive numbers; "none" is the empty list.
func parseInts(flag, s string) ([]int, error) {
	if strings.TrimSpace(s) == "none" {
		return nil, nil
	}
	var out []int
	for _, f := range split(s) {
		n, err := strconv.Atoi(f)
		if err != nil || n < 1 {
			return nil, fmt.Errorf("%s: %q is not a positive number", flag, f)
		}
		out = append(out, n)
	}
	return out, nil
}

func intList(ns []int) string {
	parts := make([]string, len(ns))
	for i, n := range ns {
		parts[i] = strconv.Itoa(n)
	}
	return strings.Join(parts, ",")
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
