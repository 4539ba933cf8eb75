package bench

import (
	"fmt"
	"slices"
	"strings"
)

// writeSummary compares the per-token resource at the largest N of the floor, latency and
// rate-limit scenarios against the targets of the first version.
func writeSummary(w writer, r *Results) {
	if !slices.ContainsFunc(r.Config.Scenarios, func(s string) bool { return !isSetScenario(s) }) {
		return
	}
	n := slices.Max(r.Config.Ns)
	w("## Summary at N = %d\n\n", n)
	w("| measure | target |")
	for _, e := range r.Engines {
		w(" %s |", e.Name)
	}
	w("\n| --- | --- |%s\n", strings.Repeat(" --- |", len(r.Engines)))
	row := func(label, target string, cell func(e Engine) (float64, bool, bool)) {
		w("| %s | %s |", label, target)
		for _, e := range r.Engines {
			v, ok, met := cell(e)
			switch {
			case !ok:
				w(" – |")
			case strings.HasPrefix(target, "("):
				w(" %.2f |", v)
			case met:
				w(" %.2f ✓ |", v)
			default:
				w(" **%.2f ✗** |", v)
			}
		}
		w("\n")
	}
	for _, p := range phases {
		row(fmt.Sprintf("provider / engine floor, %s", p), fmt.Sprintf("≤ %.2f", targetFloor), func(e Engine) (float64, bool, bool) {
			v, ok := floorRatio(r, e.Name, n, p)
			return v, ok, v <= targetFloor
		})
	}
	for _, p := range phases {
		row(fmt.Sprintf("CPU time: provider / engine floor, %s", p), "(for scale)", func(e Engine) (float64, bool, bool) {
			prov, ok1 := r.find(ScenarioFloor, e.Name, n, p, subjectTokens, "")
			data, ok2 := r.find(ScenarioFloor, e.Name, n, p, subjectData, "")
			return ratio(prov.CPU(), data.CPU()), ok1 && ok2, true
		})
	}
	for _, p := range phases {
		row(fmt.Sprintf("%s latency: measured / floor, %s", r.Config.Latency, p), fmt.Sprintf("≤ %.2f", targetLatency), func(e Engine) (float64, bool, bool) {
			m, ok := r.find(ScenarioLatency, e.Name, n, p, subjectTokens, "")
			v := ratio(m.Wall(), latencyFloor(p, n, r.Config.Parallelism, r.Config.Latency))
			return v, ok, v <= targetLatency
		})
	}
	for _, p := range phases {
		row(fmt.Sprintf("%g requests/s: measured / floor, %s", r.Config.RateLimit, p), fmt.Sprintf("≤ %.2f", targetRate), func(e Engine) (float64, bool, bool) {
			m, ok := r.find(ScenarioRateLimit, e.Name, n, p, subjectTokens, "")
			v := ratio(m.Wall(), rateFloor(p, n, r.Config.RateLimit))
			return v, ok, v <= targetRate
		})
	}
	row("provider peak RSS, MB (any scenario)", fmt.Sprintf("≤ %d", targetRSSMB), func(e Engine) (float64, bool, bool) {
		peak, ok := peakRSS(r, e.Name, n)
		return peak, ok, peak <= targetRSSMB
	})
	w("\n")
	var serials, serialsOK, bounds, boundsOK int
	for _, c := range r.Checks {
		if c.Kind == checkAPIBound {
			bounds++
			if c.OK {
				boundsOK++
			}
			continue
		}
		serials++
		if c.OK {
			serialsOK++
		}
	}
	if bounds > 0 {
		w("API-call bounds of the token set (section 6): %d of %d met. ", boundsOK, bounds)
	}
	w("Correctness: %d of %d serial-number checks passed", serialsOK, serials)
	if len(r.Failures) == 0 {
		w(", and no engine command failed.\n\n")
	} else {
		w("; **%d scenario(s) failed**:\n\n", len(r.Failures))
		for _, f := range r.Failures {
			w("- `%s`\n", firstLine(f))
		}
		w("\n")
	}
}
