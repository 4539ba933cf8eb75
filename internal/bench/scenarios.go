package bench

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"time"
)

func (r *runner) scenario(ctx context.Context, name string, e *Engine, n int, first bool) error {
	switch name {
	case ScenarioFloor:
		return r.cycle(ctx, ScenarioFloor, e, n, emulatorSettings{})
	case ScenarioLatency:
		s := emulatorSettings{Latency: r.cfg.Latency}
		if first {
			if err := r.clientOnly(ctx, ScenarioLatency, n, s); err != nil {
				return err
			}
		}
		return r.cycle(ctx, ScenarioLatency, e, n, s)
	case ScenarioRateLimit:
		s := emulatorSettings{RateLimit: r.cfg.RateLimit}
		if first {
			if err := r.clientOnly(ctx, ScenarioRateLimit, n, s); err != nil {
				return err
			}
		}
		return r.cycle(ctx, ScenarioRateLimit, e, n, s)
	case ScenarioSet:
		return r.setCycle(ctx, e, n)
	case ScenarioSetSlow:
		return r.setSlowCycle(ctx, e, n)
	}
	return fmt.Errorf("unknown scenario %q", name)
}

// cycle applies N tokens, plans again (a refresh that must find nothing to do) and destroys
// them, Reps times, against a fresh emulator. In the floor scenario each provider command is
// followed at once by the same command on N resources of the no-op framework provider and on N
// terraform_data resources, so each ratio compares runs made seconds apart. The latency scenario
// also destroys once with allow_revoke_when_paired, which skips the pairing check before each
// revoke.
func (r *runner) cycle(ctx context.Context, scenario string, e *Engine, n int, s emulatorSettings) error {
	dir, emu, stop, err := r.freshEmulator(ctx, scenario+"-"+e.Name, s)
	if err != nil {
		return err
	}
	defer stop()

	tokens, err := newWorkdir(dir, "tokens", subjectTokens, n, r.provider, tokenConfig(n, emu.info.EnvironmentID, false), r.env(emu))
	if err != nil {
		return err
	}
	dirs := []*workdir{tokens}
	if scenario == ScenarioFloor || scenario == "warmup" {
		noop, err := newWorkdir(dir, "noop", subjectNoop, n, r.noop, noopConfig(n), r.env(nil))
		if err != nil {
			return err
		}
		data, err := newWorkdir(dir, "data", subjectData, n, "", dataConfig(n), r.env(nil))
		if err != nil {
			return err
		}
		dirs = append(dirs, noop, data)
	}
	record := scenario != "warmup"
	reps := r.cfg.Reps
	if scenario == ScenarioFloor && n <= smallN {
		// The cheapest cells are the noisiest: more alternating repetitions of them.
		reps = max(reps, r.cfg.SmallNReps)
	}
	if !record {
		reps = 1
	}
	for range reps {
		for _, p := range phases {
			for _, w := range dirs {
				var stepEmu *emulatorProc
				if w.subject == subjectTokens {
					stepEmu = emu
				}
				if _, err := r.step(ctx, scenario, e, n, p, w, stepEmu, s, record, ""); err != nil {
					return err
				}
			}
		}
	}
	if scenario != ScenarioLatency || r.cfg.SkipVariants {
		return nil
	}
	// The same destroy, without the pairing check, to show what that check costs.
	variant := "allow_revoke_when_paired"
	paired, err := newWorkdir(dir, "tokens-allow", subjectTokens, n, r.provider, tokenConfig(n, emu.info.EnvironmentID, true), r.env(emu))
	if err != nil {
		return err
	}
	if _, err := r.step(ctx, scenario, e, n, phaseApply, paired, emu, s, false, variant); err != nil {
		return err
	}
	_, err = r.step(ctx, scenario, e, n, phaseDestroy, paired, emu, s, record, variant)
	return err
}

// step runs one phase in one working directory and records it. For the provider it resets the
// emulator's counters (and refills its rate-limit bucket) before, reads them after, and checks
// the serial numbers the emulator holds. It returns what it measured, recorded or not.
func (r *runner) step(ctx context.Context, scenario string, e *Engine, n int, p phase, w *workdir, emu *emulatorProc, s emulatorSettings, record bool, variant string) (Measurement, error) {
	var emuCPU time.Duration
	if emu != nil {
		if err := r.prepare(emu, s); err != nil {
			return Measurement{}, err
		}
		emuCPU = emu.cpu()
	}
	res, err := w.run(ctx, e, p, r.cfg.Parallelism)
	if err != nil {
		return Measurement{}, err
	}
	m := Measurement{Scenario: scenario, Engine: e.Name, N: n, Phase: p, Subject: w.subject, Variant: variant,
		Walls: []time.Duration{res.Wall}, CPUs: []time.Duration{res.CPU}, Procs: res.Procs, PageSize: s.PageSize}
	if w.count != n {
		m.Count = w.count
	}
	if w.watch != "" {
		m.ProviderCPUs = []time.Duration{res.Procs.CPU}
	}
	if emu != nil {
		m.EmulatorCPUs = []time.Duration{emu.cpu() - emuCPU}
		c, err := emu.counters()
		if err != nil {
			return m, err
		}
		m.Calls = c.Requests
		if err := r.checkSerials(scenario, e.Name, w.serialPrefix(), w.count, p, emu, record); err != nil {
			return m, err
		}
	}
	if record {
		r.add(m)
	}
	r.logf("  %-8s %-28s %-24s %7.2fs wall %6.2fs cpu (provider %5.2fs, emulator %5.2fs)  api=%d procs=%d peakRSS=%.1fMB", p, w.subject, variant,
		res.Wall.Seconds(), res.CPU.Seconds(), res.Procs.CPU.Seconds(), median(m.EmulatorCPUs).Seconds(), total(m.Calls), res.Procs.Count, float64(res.Procs.PeakRSSKB)/1024)
	return m, nil
}

// freshEmulator starts an emulator with settings s in a new directory under the run's temporary
// one, and checks that it runs with those settings. stop ends the emulator and removes the
// directory.
func (r *runner) freshEmulator(ctx context.Context, name string, s emulatorSettings) (dir string, emu *emulatorProc, stop func(), err error) {
	if dir, err = os.MkdirTemp(r.tmp, name+"-"); err != nil {
		return "", nil, nil, err
	}
	removeDir := func() { _ = os.RemoveAll(dir) }
	if emu, err = startEmulator(ctx, r.emulator, dir, s); err != nil {
		removeDir()
		return "", nil, nil, err
	}
	stop = func() {
		emu.stop()
		removeDir()
	}
	got, err := emu.settings()
	if err == nil && (got.Latency != s.Latency || got.RateLimit != s.RateLimit || (s.PageSize > 0 && got.PageSize != s.PageSize)) {
		err = fmt.Errorf("the emulator runs with latency %s, rate limit %g and page size %d, not %s, %g and %d",
			got.Latency, got.RateLimit, got.PageSize, s.Latency, s.RateLimit, s.PageSize)
	}
	if err != nil {
		stop()
		return "", nil, nil, err
	}
	return dir, emu, stop, nil
}

// prepare resets the emulator's counters, and refills its rate-limit bucket so that every phase
// starts from the same burst.
func (r *runner) prepare(emu *emulatorProc, s emulatorSettings) error {
	if err := emu.resetCounters(); err != nil {
		return err
	}
	if s.RateLimit > 0 {
		return emu.control("PUT", "/_emulator/settings", map[string]float64{"rate_limit": s.RateLimit}, nil)
	}
	return nil
}

// clientOnly creates N tokens with the provider's PingOne client alone (cmd/client-load), from as
// many goroutines as the engine's parallelism, to tell what the client achieves from what the
// engine and the plugin protocol add.
func (r *runner) clientOnly(ctx context.Context, scenario string, n int, s emulatorSettings) error {
	_, emu, stop, err := r.freshEmulator(ctx, scenario+"-client", s)
	if err != nil {
		return err
	}
	defer stop()
	if err := r.prepare(emu, s); err != nil {
		return err
	}
	cmd := exec.CommandContext(ctx, r.load, "-n", strconv.Itoa(n), "-workers", strconv.Itoa(r.cfg.Parallelism),
		"-environment", emu.info.EnvironmentID)
	cmd.Env = r.env(emu)
	var stderr limitedBuffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return fmt.Errorf("client-load: %w: %s", err, stderr.String())
	}
	var res struct {
		Seconds float64 `json:"seconds"`
		Errors  int     `json:"errors"`
	}
	if err := json.Unmarshal(out, &res); err != nil {
		return fmt.Errorf("client-load printed %q: %w", out, err)
	}
	if res.Errors > 0 {
		return fmt.Errorf("client-load: %d creates failed: %s", res.Errors, stderr.String())
	}
	c, err := emu.counters()
	if err != nil {
		return err
	}
	if err := r.checkSerials(scenario, "client", tokenSerialPrefix, n, phaseApply, emu, true); err != nil {
		return err
	}
	wall := time.Duration(res.Seconds * float64(time.Second))
	r.add(Measurement{Scenario: scenario, Engine: "client", N: n, Phase: phaseApply, Subject: subjectClient,
		Walls: []time.Duration{wall}, Calls: c.Requests})
	r.logf("  %-8s %-18s %-24s %7.2fs wall  api=%d", phaseApply, subjectClient, "", wall.Seconds(), c.Total)
	return nil
}

// limitedBuffer keeps the first 4 KiB written to it, for error messages.
type limitedBuffer struct{ b []byte }

func (l *limitedBuffer) Write(p []byte) (int, error) {
	if room := 4096 - len(l.b); room > 0 {
		l.b = append(l.b, p[:min(room, len(p))]...)
	}
	return len(p), nil
}

func (l *limitedBuffer) String() string { return string(l.b) }

// add records a measurement, folding a repetition into the one already recorded.
func (r *runner) add(m Measurement) {
	for i := range r.res.Measurements {
		o := &r.res.Measurements[i]
		if o.Scenario == m.Scenario && o.Engine == m.Engine && o.N == m.N && o.Phase == m.Phase && o.Subject == m.Subject && o.Variant == m.Variant {
			o.Walls = append(o.Walls, m.Walls...)
			o.CPUs = append(o.CPUs, m.CPUs...)
			o.EmulatorCPUs = append(o.EmulatorCPUs, m.EmulatorCPUs...)
			o.ProviderCPUs = append(o.ProviderCPUs, m.ProviderCPUs...)
			o.Calls = m.Calls
			peak := max(o.Procs.PeakRSSKB, m.Procs.PeakRSSKB)
			o.Procs = m.Procs
			o.Procs.PeakRSSKB = peak
			return
		}
	}
	r.res.Measurements = append(r.res.Measurements, m)
}

// checkSerials verifies that after an apply the environment holds exactly the declared serial
// numbers (every token created, none twice, nothing else), and after a destroy none.
func (r *runner) checkSerials(scenario, engine, prefix string, n int, p phase, emu *emulatorProc, record bool) error {
	got, err := emu.serials()
	if err != nil {
		return err
	}
	var want []string
	what := "after destroy, no token is left"
	if p != phaseDestroy {
		want = expectedSerials(prefix, n)
		what = fmt.Sprintf("after %s, the environment holds exactly the %d declared serial numbers", p, n)
	}
	ok := slices.Equal(got, want)
	detail := fmt.Sprintf("%d serial numbers", len(got))
	if !ok {
		detail = fmt.Sprintf("%d serial numbers, want %d", len(got), len(want))
	}
	if record {
		r.res.Checks = append(r.res.Checks, Check{Kind: checkSerials, Scenario: scenario, Engine: engine, N: n, What: what, OK: ok, Detail: detail})
	}
	if !ok {
		return errors.New(what + ": " + detail)
	}
	return nil
}

func total(calls map[string]int) int {
	t := 0
	for _, c := range calls {
		t += c
	}
	return t
}
