package main

import (
	"encoding/json"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"
)

// event is one line of go test -json.
type event struct {
	Action  string
	Package string
	Test    string
	Output  string
	Elapsed float64
}

// testResult is what one test (or subtest) did.
type testResult struct {
	pkg, name string
	action    string // pass, fail or skip
	output    []string
	elapsed   float64
}

// results gathers go test -json from make testacc.
type results struct {
	mu       sync.Mutex
	tests    map[string]*testResult
	order    []string
	packages map[string]string // package → its final action
	other    []string          // lines that are not go test -json: make's own, build errors
}

func newResults() *results {
	return &results{tests: map[string]*testResult{}, packages: map[string]string{}}
}

// count is how many tests and subtests reported an outcome.
func (r *results) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	n := 0
	for _, t := range r.tests {
		if t.action != "" {
			n++
		}
	}
	return n
}

func (r *results) line(s string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	var ev event
	if !strings.HasPrefix(s, "{") || json.Unmarshal([]byte(s), &ev) != nil {
		r.other = append(r.other, s)
		return
	}
	if ev.Test == "" {
		if ev.Action == "pass" || ev.Action == "fail" || ev.Action == "skip" {
			r.packages[ev.Package] = ev.Action
		}
		if ev.Action == "output" && strings.HasPrefix(ev.Output, "acctest:") {
			r.other = append(r.other, strings.TrimSpace(ev.Output))
		}
		return
	}
	key := ev.Package + " " + ev.Test
	t, ok := r.tests[key]
	if !ok {
		t = &testResult{pkg: ev.Package, name: ev.Test}
		r.tests[key] = t
		r.order = append(r.order, key)
	}
	switch ev.Action {
	case "output":
		t.output = append(t.output, strings.TrimRight(ev.Output, "\n"))
	case "pass", "fail", "skip":
		t.action, t.elapsed = ev.Action, ev.Elapsed
	}
}

// logLine strips the file:line a t.Log line starts with.
var logLine = regexp.MustCompile(`^\s*[\w.-]+\.go:\d+: `)

// messages are the test's own log lines, without go test's framing.
func (t *testResult) messages() []string {
	var out []string
	for _, l := range t.output {
		trimmed := strings.TrimSpace(l)
		if trimmed == "" || strings.HasPrefix(trimmed, "=== ") || strings.HasPrefix(trimmed, "--- ") {
			continue
		}
		out = append(out, logLine.ReplaceAllString(l, ""))
	}
	return out
}

// topLevel is a test with its subtests, and theirs.
type topLevel struct {
	*testResult
	subtests, deeper []*testResult
}

// status is the test's outcome, where a test whose every subtest skipped counts as skipped.
func (t topLevel) status() (string, string) {
	if t.action == "skip" {
		return "skip", firstOf(t.messages())
	}
	if t.action == "pass" && len(t.subtests) > 0 {
		reasons := map[string]bool{}
		for _, s := range t.subtests {
			if s.action != "skip" {
				return t.action, ""
			}
			reasons[firstOf(s.messages())] = true
		}
		return "skip", strings.Join(slices.Sorted(maps.Keys(reasons)), "; ")
	}
	return t.action, ""
}

func firstOf(lines []string) string {
	if len(lines) == 0 {
		return "(no reason given)"
	}
	return lines[0]
}

// shortPackage drops the module path.
func shortPackage(pkg string) string {
	if i := strings.Index(pkg, "/internal/"); i >= 0 {
		return pkg[i+1:]
	}
	return pkg
}

// notCheckedMarker is what acctest logs for a check a real PingOne cannot make.
const notCheckedMarker = "NOT CHECKED against a real PingOne (needs the emulator's control API): "

// report prints the summary and returns how many tests failed.
func (r *results) report(took time.Duration, rt rates) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	tops := map[string]*topLevel{}
	var names []string
	for _, key := range r.order {
		t := r.tests[key]
		top, _, isSub := strings.Cut(t.name, "/")
		topKey := t.pkg + " " + top
		if !isSub {
			tops[topKey] = &topLevel{testResult: t}
			names = append(names, topKey)
			continue
		}
		if parent, ok := tops[topKey]; ok {
			if strings.Contains(strings.TrimPrefix(t.name, top+"/"), "/") {
				parent.deeper = append(parent.deeper, t)
			} else {
				parent.subtests = append(parent.subtests, t)
			}
		}
	}
	var passed, failed []string
	skipped := map[string][]string{} // group → "pkg Test: reason"
	notChecked := map[string][]string{}
	for _, key := range names {
		t := tops[key]
		label := shortPackage(t.pkg) + " " + t.name
		status, reason := t.status()
		switch status {
		case "pass":
			passed = append(passed, label)
		case "skip":
			group, detail := skipGroup(reason)
			skipped[group] = append(skipped[group], fmt.Sprintf("%s: %s", label, detail))
		default:
			failed = append(failed, label)
		}
		for _, s := range append([]*testResult{t.testResult}, t.subtests...) {
			for _, m := range s.messages() {
				if what, ok := strings.CutPrefix(strings.TrimSpace(m), notCheckedMarker); ok && !slices.Contains(notChecked[label], what) {
					notChecked[label] = append(notChecked[label], what)
				}
			}
		}
	}
	nSkipped := 0
	for _, l := range skipped {
		nSkipped += len(l)
	}

	step(fmt.Sprintf("Acceptance tests in external mode: %d ran and passed, %d skipped, %d failed, in %s",
		len(passed), nSkipped, len(failed), took.Round(time.Second)))
	secs := took.Seconds()
	fmt.Printf("    requests to PingOne: %d in all, %.0f a second on average, at most %d in one second\n",
		rt.total, float64(rt.total)/max(secs, 1), rt.peak)
	routes := slices.SortedFunc(maps.Keys(rt.byRoute), func(a, b string) int { return rt.byRoute[b] - rt.byRoute[a] })
	for _, route := range routes {
		if n := rt.byRoute[route]; n > 0 {
			fmt.Printf("      %6d  %s\n", n, route)
		}
	}
	for _, l := range r.other {
		if strings.HasPrefix(l, "acctest:") || strings.Contains(l, "go test") {
			fmt.Println("    " + strings.TrimSpace(l))
		}
	}
	fmt.Printf("\n  Ran and passed (%d):\n", len(passed))
	for _, l := range passed {
		fmt.Println("    " + l)
	}
	groups := slices.Sorted(maps.Keys(skipped))
	fmt.Printf("\n  Skipped (%d), by reason:\n", nSkipped)
	for _, g := range groups {
		fmt.Printf("    %s (%d):\n", g, len(skipped[g]))
		for _, l := range skipped[g] {
			fmt.Println("      " + l)
		}
	}
	if len(notChecked) > 0 {
		fmt.Printf("\n  Checks not made against a real PingOne, in tests that ran (the rest of each test ran):\n")
		for _, label := range slices.Sorted(maps.Keys(notChecked)) {
			fmt.Printf("    %s: %s\n", label, strings.Join(notChecked[label], "; "))
		}
	}
	if len(failed) > 0 {
		fmt.Printf("\n  FAILED (%d):\n", len(failed))
		for _, key := range names {
			t := tops[key]
			if status, _ := t.status(); status == "pass" || status == "skip" {
				continue
			}
			fmt.Printf("    --- %s %s\n", shortPackage(t.pkg), t.name)
			for _, s := range append(append([]*testResult{t.testResult}, t.subtests...), t.deeper...) {
				if s != t.testResult && s.action != "fail" {
					continue
				}
				for _, l := range s.output {
					fmt.Println("      " + l)
				}
			}
		}
	}
	for pkg, action := range r.packages {
		if action == "fail" && !slices.ContainsFunc(failed, func(l string) bool { return strings.HasPrefix(l, shortPackage(pkg)+" ") }) {
			failed = append(failed, pkg)
			fmt.Printf("\n  FAILED package %s outside any test:\n", shortPackage(pkg))
			for _, l := range r.other {
				fmt.Println("    " + l)
			}
		}
	}
	return len(failed)
}

// skipGroup splits a skip reason into its kind and the test's own words.
func skipGroup(reason string) (string, string) {
	for _, prefix := range []string{
		"needs the emulator's control API",
		"needs an environment of its own",
		"needs a second environment",
	} {
		if strings.HasPrefix(reason, prefix) {
			if _, detail, ok := strings.Cut(reason, ": "); ok {
				return prefix, detail
			}
			return prefix, reason
		}
	}
	return "other", reason
}
