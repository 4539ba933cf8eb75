package bench

import (
	"fmt"
	"html"
	"math"
	"slices"
	"strings"
	"time"
)

// series is one line of the chart.
type series struct {
	label  string
	color  string
	dashed bool
	points [][2]float64 // N, seconds
}

// chartSeries are the apply times of one engine against N: measured lines, and the floors that
// the latency and the rate limit impose as dashed lines of the same color.
func chartSeries(r *Results, engine string) []series {
	ns := slices.Sorted(slices.Values(r.Config.Ns))
	measured := func(label, color, scenario string, s subject) series {
		out := series{label: label, color: color}
		for _, n := range ns {
			if m, ok := r.find(scenario, engine, n, phaseApply, s, ""); ok {
				out.points = append(out.points, [2]float64{float64(n), m.Wall().Seconds()})
			}
		}
		return out
	}
	computed := func(label, color string, of series, floor func(n int) time.Duration) series {
		out := series{label: label, color: color, dashed: true}
		for _, p := range of.points {
			out.points = append(out.points, [2]float64{p[0], floor(int(p[0])).Seconds()})
		}
		return out
	}
	lat := measured(fmt.Sprintf("provider, %s latency", r.Config.Latency), "#d95f02", ScenarioLatency, subjectTokens)
	rate := measured(fmt.Sprintf("provider, %g requests/s", r.Config.RateLimit), "#7570b3", ScenarioRateLimit, subjectTokens)
	all := []series{
		measured("engine floor (terraform_data)", "#666666", ScenarioFloor, subjectData),
		measured("framework floor (no-op provider)", "#e7298a", ScenarioFloor, subjectNoop),
		measured("provider, no latency", "#1b9e77", ScenarioFloor, subjectTokens),
		lat,
		computed("latency floor", "#d95f02", lat, func(n int) time.Duration {
			return latencyFloor(phaseApply, n, r.Config.Parallelism, r.Config.Latency)
		}),
		rate,
		computed("rate-limit floor", "#7570b3", rate, func(n int) time.Duration {
			return rateFloor(phaseApply, n, r.Config.RateLimit)
		}),
	}
	return slices.DeleteFunc(all, func(s series) bool { return len(s.points) == 0 })
}

// niceStep picks a tick step of 1, 2 or 5 times a power of ten giving about five ticks.
func niceStep(maxV float64) float64 {
	if maxV <= 0 {
		return 1
	}
	raw := maxV / 5
	pow := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 5, 10} {
		if raw <= m*pow {
			return m * pow
		}
	}
	return 10 * pow
}

// Chart draws the wall time of apply against N, one panel per engine on a shared scale, as a
// self-contained SVG.
func Chart(r *Results) string {
	const (
		panelW, panelH = 440, 300
		left, top      = 60, 40
		gap            = 60
		legendH        = 90
	)
	width := left + len(r.Engines)*(panelW+gap)
	height := top + panelH + 50 + legendH
	var maxN, maxS float64
	perEngine := make([][]series, len(r.Engines))
	for i, e := range r.Engines {
		perEngine[i] = chartSeries(r, e.Name)
		for _, s := range perEngine[i] {
			for _, p := range s.points {
				maxN, maxS = max(maxN, p[0]), max(maxS, p[1])
			}
		}
	}
	xStep, yStep := niceStep(maxN), niceStep(maxS)
	xMax, yMax := math.Ceil(maxN/xStep)*xStep, math.Ceil(maxS/yStep)*yStep
	if xMax == 0 {
		xMax = 1
	}
	if yMax == 0 {
		yMax = 1
	}

	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	w(`<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif" font-size="12">`+"\n",
		width, height, width, height)
	w(`<rect width="100%%" height="100%%" fill="white"/>` + "\n")
	for i, e := range r.Engines {
		x0 := float64(left + i*(panelW+gap))
		y0 := float64(top + panelH)
		px := func(n float64) float64 { return x0 + n/xMax*panelW }
		py := func(s float64) float64 { return y0 - s/yMax*panelH }
		w(`<text x="%.0f" y="%d" font-size="14" font-weight="bold">%s %s: apply of N tokens</text>`+"\n",
			x0, top-15, html.EscapeString(e.Name), html.EscapeString(e.Version))
		for v := 0.0; v <= yMax+yStep/2; v += yStep {
			w(`<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#e0e0e0"/>`+"\n", x0, py(v), x0+panelW, py(v))
			w(`<text x="%.1f" y="%.1f" text-anchor="end">%g</text>`+"\n", x0-6, py(v)+4, v)
		}
		for v := 0.0; v <= xMax+xStep/2; v += xStep {
			w(`<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#e0e0e0"/>`+"\n", px(v), y0, px(v), y0-panelH)
			w(`<text x="%.1f" y="%.1f" text-anchor="middle">%g</text>`+"\n", px(v), y0+16, v)
		}
		w(`<rect x="%.1f" y="%d" width="%d" height="%d" fill="none" stroke="#333"/>`+"\n", x0, top, panelW, panelH)
		w(`<text x="%.1f" y="%.1f" text-anchor="middle">tokens (N)</text>`+"\n", x0+panelW/2, y0+34)
		w(`<text transform="translate(%.1f %.1f) rotate(-90)" text-anchor="middle">wall time, s</text>`+"\n", x0-42, y0-panelH/2)
		for _, s := range perEngine[i] {
			pts := make([]string, len(s.points))
			for j, p := range s.points {
				pts[j] = fmt.Sprintf("%.1f,%.1f", px(p[0]), py(p[1]))
			}
			dash := ""
			if s.dashed {
				dash = ` stroke-dasharray="6 4"`
			}
			w(`<polyline points="%s" fill="none" stroke="%s" stroke-width="2"%s/>`+"\n", strings.Join(pts, " "), s.color, dash)
			if !s.dashed {
				for _, p := range s.points {
					w(`<circle cx="%.1f" cy="%.1f" r="3.5" fill="%s"><title>%s: N=%g, %.2f s</title></circle>`+"\n",
						px(p[0]), py(p[1]), s.color, html.EscapeString(s.label), p[0], p[1])
				}
			}
		}
	}
	// One legend for both panels: the colors mean the same in each.
	if len(perEngine) > 0 {
		ly := top + panelH + 60
		for j, s := range perEngine[0] {
			x := left + (j%3)*260
			y := ly + (j/3)*22
			dash := ""
			if s.dashed {
				dash = ` stroke-dasharray="6 4"`
			}
			w(`<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s" stroke-width="2"%s/>`+"\n", x, y, x+28, y, s.color, dash)
			w(`<text x="%d" y="%d">%s</text>`+"\n", x+34, y+4, html.EscapeString(s.label))
		}
	}
	w("</svg>\n")
	return b.String()
}
