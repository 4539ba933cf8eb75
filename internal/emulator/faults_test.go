package emulator

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"
)

const createRoute = "POST /v1/environments/{envID}/oathTokens"

func TestFaultCount(t *testing.T) {
	h := start(t, Options{})
	h.e.AddFault(Fault{Route: createRoute, Status: 503, RetryAfter: 3, Count: 2})
	for i := range 2 {
		r := h.api("POST", "/oathTokens", ctJSON, hotpBody("FC1"))
		if r.status != 503 || r.header.Get("Retry-After") != "3" {
			t.Fatalf("request %d: %d Retry-After %q", i, r.status, r.header.Get("Retry-After"))
		}
	}
	if r := h.api("POST", "/oathTokens", ctJSON, hotpBody("FC1")); r.status != 201 {
		t.Fatalf("third request: %d %s", r.status, r.body)
	}
	// Other routes were never affected, and every request was counted.
	if r := h.api("GET", "/oathTokens", "", nil); r.status != 200 {
		t.Fatalf("list: %d", r.status)
	}
	c := h.e.Counters()
	if c.Requests[createRoute] != 3 || c.Requests["GET /v1/environments/{envID}/oathTokens"] != 1 || c.Requests["POST /{envID}/as/token"] != 1 || c.Total != 5 {
		t.Errorf("counters %+v", c)
	}
}

func TestFaultRouteMatching(t *testing.T) {
	h := start(t, Options{})
	a := h.createToken(hotpBody("FM1"))
	b := h.createToken(hotpBody("FM2"))
	// A concrete id in the pattern targets one token only.
	h.e.AddFault(Fault{Route: "GET /v1/environments/{envID}/oathTokens/" + a, Status: 500})
	if r := h.api("GET", "/oathTokens/"+a, "", nil); r.status != 500 {
		t.Errorf("targeted token: %d", r.status)
	}
	if r := h.api("GET", "/oathTokens/"+b, "", nil); r.status != 200 {
		t.Errorf("other token: %d", r.status)
	}
	h.e.ClearFaults()
	if r := h.api("GET", "/oathTokens/"+a, "", nil); r.status != 200 {
		t.Errorf("after ClearFaults: %d", r.status)
	}
	// Method "*" matches every method on the path.
	h.e.AddFault(Fault{Route: "* /v1/environments/*/oathTokens/{oathTokenID}", Status: 502, Count: 2})
	if r := h.api("DELETE", "/oathTokens/"+b, "", nil); r.status != 502 {
		t.Errorf("DELETE: %d", r.status)
	}
	if r := h.api("GET", "/oathTokens/"+b, "", nil); r.status != 502 {
		t.Errorf("GET: %d", r.status)
	}
	// "*" covers the auth route too.
	h.e.AddFault(Fault{Route: "*", Status: 504, Count: 1})
	form := strings.NewReader("grant_type=client_credentials")
	req, _ := http.NewRequest(http.MethodPost, h.e.URL()+"/"+h.info.AdminEnvironmentID+"/as/token", form)
	req.Header.Set("Content-Type", ctForm)
	req.SetBasicAuth(h.info.ClientID, h.info.ClientSecret)
	if r := h.send(req); r.status != 504 {
		t.Errorf("token with fault *: %d", r.status)
	}
	// Not matching: another method or another route.
	h.e.AddFault(Fault{Route: "DELETE /v1/environments/{envID}/oathTokens/{oathTokenID}", Status: 500})
	if r := h.api("GET", "/oathTokens/"+b, "", nil); r.status != 200 {
		t.Errorf("GET under a DELETE fault: %d", r.status)
	}
}

func TestFaultRateIsSeeded(t *testing.T) {
	run := func() []int {
		h := start(t, Options{})
		h.e.AddFault(Fault{Route: "GET /v1/environments/{envID}/oathTokens", Rate: 0.3, Seed: 42, Statuses: []int{500, 502, 503}})
		var out []int
		for range 60 {
			out = append(out, h.api("GET", "/oathTokens", "", nil).status)
		}
		return out
	}
	first, second := run(), run()
	failed := 0
	seen := map[int]bool{}
	for i := range first {
		if first[i] != second[i] {
			t.Fatalf("same seed, different outcomes at %d: %v vs %v", i, first, second)
		}
		if first[i] != 200 {
			failed++
			seen[first[i]] = true
		}
	}
	// 30% of 60 is 18; the seeded draw lands near it.
	if failed < 8 || failed > 30 {
		t.Errorf("%d of 60 failed at rate 0.3", failed)
	}
	if len(seen) < 2 {
		t.Errorf("statuses drawn: %v", seen)
	}
	for s := range seen {
		if s != 500 && s != 502 && s != 503 {
			t.Errorf("status %d not in Statuses", s)
		}
	}
}

func TestFaultRateWithCount(t *testing.T) {
	h := start(t, Options{})
	h.e.AddFault(Fault{Route: "GET /v1/environments/{envID}/oathTokens", Rate: 0.5, Seed: 7, Count: 3, Status: 500})
	failed := 0
	for range 100 {
		if h.api("GET", "/oathTokens", "", nil).status == 500 {
			failed++
		}
	}
	if failed != 3 {
		t.Errorf("%d failures, want exactly the count of 3", failed)
	}
}

func TestFaultLatency(t *testing.T) {
	h := start(t, Options{})
	// The gap between 300ms and the bound of 250ms keeps the test steady on a busy machine.
	h.e.AddFault(Fault{Route: "GET /v1/environments/{envID}/oathTokens", Latency: 300 * time.Millisecond, Count: 1})
	began := time.Now()
	if r := h.api("GET", "/oathTokens", "", nil); r.status != 200 {
		t.Fatalf("slow request: %d", r.status)
	}
	if d := time.Since(began); d < 300*time.Millisecond {
		t.Errorf("took %s, want at least 300ms", d)
	}
	began = time.Now()
	h.api("GET", "/oathTokens", "", nil)
	if d := time.Since(began); d > 250*time.Millisecond {
		t.Errorf("the latency fault outlived its count: %s", d)
	}
}

func TestFaultCommitThenDrop(t *testing.T) {
	h := start(t, Options{})
	h.e.AddFault(Fault{Route: createRoute, Mode: ModeCommitThenDrop, Count: 1})
	req := h.request("POST", "/v1/environments/"+h.env+"/oathTokens", ctJSON, hotpBody("DROP1"))
	res, err := h.c.Do(req)
	if err == nil {
		drain(res)
		t.Fatalf("got a response %d, want the connection dropped", res.StatusCode)
	}
	// The work was done: the token exists, so a retry meets a duplicate serial.
	if got := h.e.TokenSerials(h.env); len(got) != 1 || got[0] != "DROP1" {
		t.Fatalf("serials after the drop: %q", got)
	}
	checkError(t, h.api("POST", "/oathTokens", ctJSON, hotpBody("DROP1")), want{400, "INVALID_DATA", []string{"UNIQUENESS_VIOLATION serialNumber"}})
	if n := h.e.Counters().Requests[createRoute]; n != 2 {
		t.Errorf("create counted %d times, want 2", n)
	}
}

func TestFaultValidationAndJSON(t *testing.T) {
	bad := []Fault{
		{Route: "", Status: 500},
		{Route: "POST oathTokens", Status: 500},
		{Route: "*", Status: 404},
		{Route: "*", Statuses: []int{500, 418}},
		{Route: "*"},
		{Route: "*", Mode: ModeCommitThenDrop, Status: 500},
		{Route: "*", Mode: "explode"},
		{Route: "*", Status: 500, Rate: 1.5},
		{Route: "*", Status: 500, Count: -1},
	}
	for _, f := range bad {
		if f.validate() == nil {
			t.Errorf("%+v: valid", f)
		}
	}
	h := start(t, Options{})
	func() {
		defer func() {
			if recover() == nil {
				t.Error("AddFault accepted an invalid fault")
			}
		}()
		h.e.AddFault(bad[2])
	}()

	var f Fault
	if err := json.Unmarshal([]byte(`{"route":"*","status":503,"latency_ms":250}`), &f); err != nil || f.Latency != 250*time.Millisecond {
		t.Errorf("latency_ms: %v %v", f.Latency, err)
	}
	if err := json.Unmarshal([]byte(`{"route":"*","latency":1500000}`), &f); err != nil || f.Latency != 1500*time.Microsecond {
		t.Errorf("latency ns: %v %v", f.Latency, err)
	}
	if err := json.Unmarshal([]byte(`{"route":"*","latency":"2s"}`), &f); err != nil || f.Latency != 2*time.Second {
		t.Errorf("latency string: %v %v", f.Latency, err)
	}
	data, _ := json.Marshal(Fault{Route: "*", Status: 429, Latency: time.Second})
	var back Fault
	if err := json.Unmarshal(data, &back); err != nil || back.Latency != time.Second || back.Status != 429 {
		t.Errorf("round trip %s: %+v %v", data, back, err)
	}
	if !bytes.Contains(data, []byte(`"latency":1000000000`)) {
		t.Errorf("marshaled %s", data)
	}
}

func TestRateLimit(t *testing.T) {
	// A still clock makes the bucket's refill exact: only Advance adds requests.
	clock := newFakeClock()
	h := start(t, Options{RateLimit: 5, TokenTTL: 48 * time.Hour, now: clock.Now})
	statuses := func(n int) (ok, limited int) {
		for range n {
			r := h.api("GET", "/oathTokens", "", nil)
			switch r.status {
			case 200:
				ok++
			case 429:
				limited++
				checkError(t, r, want{429, "REQUEST_LIMITED", []string{"LIMIT_EXCEEDED"}})
				if ra := r.header.Get("Retry-After"); ra != "1" {
					t.Errorf("Retry-After %q, want 1", ra)
				}
			default:
				t.Fatalf("status %d", r.status)
			}
		}
		return ok, limited
	}
	// The sign-in took one of the 5 in the bucket.
	if ok, limited := statuses(12); ok != 4 || limited != 8 {
		t.Errorf("burst: %d passed, %d limited; want 4 and 8", ok, limited)
	}
	clock.Advance(400 * time.Millisecond)
	if ok, limited := statuses(3); ok != 2 || limited != 1 {
		t.Errorf("after 400ms: %d passed, %d limited; want 2 and 1", ok, limited)
	}
	clock.Advance(time.Hour) // The bucket holds one second's worth, no more.
	if ok, limited := statuses(6); ok != 5 || limited != 1 {
		t.Errorf("after an hour: %d passed, %d limited; want 5 and 1", ok, limited)
	}
	if c := h.e.Counters(); c.Total != 22 {
		t.Errorf("limited requests must be counted: total %d, want 22", c.Total)
	}
	// Lifting the limit takes effect at once.
	h.e.SetRateLimit(0)
	if ok, _ := statuses(20); ok != 20 {
		t.Errorf("unlimited: %d of 20 passed", ok)
	}
}

func TestRateLimitRetryAfterAtLowRates(t *testing.T) {
	clock := newFakeClock()
	h := start(t, Options{now: clock.Now})
	h.e.SetRateLimit(0.2) // One request per 5 seconds.
	h.api("GET", "/oathTokens", "", nil)
	r := h.api("GET", "/oathTokens", "", nil)
	if r.status != 429 || r.header.Get("Retry-After") != "5" {
		t.Errorf("got %d Retry-After %q, want 429 and 5", r.status, r.header.Get("Retry-After"))
	}
	clock.Advance(5 * time.Second)
	if r := h.api("GET", "/oathTokens", "", nil); r.status != 200 {
		t.Errorf("after Retry-After: %d", r.status)
	}
}

func TestLatency(t *testing.T) {
	h := start(t, Options{Latency: 300 * time.Millisecond})
	began := time.Now()
	h.api("GET", "/oathTokens", "", nil)
	if d := time.Since(began); d < 300*time.Millisecond {
		t.Errorf("took %s with 300ms latency", d)
	}
	h.e.SetLatency(0)
	began = time.Now()
	h.api("GET", "/oathTokens", "", nil)
	if d := time.Since(began); d > 250*time.Millisecond {
		t.Errorf("took %s without latency", d)
	}
	// The control API is never slowed down.
	h.e.SetLatency(time.Second)
	began = time.Now()
	h.e.Counters()
	if r := h.do("GET", "/_emulator/counters", "", nil); r.status != 200 || time.Since(began) > 500*time.Millisecond {
		t.Errorf("control API: %d after %s", r.status, time.Since(began))
	}
}

func TestCloseCutsLatencyShort(t *testing.T) {
	e, err := Start(Options{Latency: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	c := newClient(t, e.CA())
	go func() {
		res, err := c.Get(e.URL() + "/v1/environments/x/oathTokens")
		if err == nil {
			drain(res)
		}
	}()
	time.Sleep(100 * time.Millisecond)
	began := time.Now()
	if err := e.Close(); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(began); d > 3*time.Second {
		t.Errorf("Close took %s", d)
	}
	if err := e.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
}
