package emulator

import (
	"net/http"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"
)

const jobReadRoute = "GET /v1/environments/{envID}/oathJobs/{jobID}"

type jobBody struct {
	ID          string `json:"id"`
	Environment struct{ ID string }
	Type        string `json:"type"`
	Status      string `json:"status"`
	Reason      string `json:"reason"`
	Result      struct {
		Created    *int     `json:"created"`
		Duplicates []string `json:"duplicates"`
		Revoked    *int     `json:"revoked"`
		NotFound   []string `json:"notFound"`
		Paired     []string `json:"paired"`
		Failed     []struct {
			Index        int    `json:"index"`
			RowNumber    *int   `json:"rowNumber"`
			SerialNumber string `json:"serialNumber"`
			TokenID      string `json:"tokenId"`
			Error        struct {
				Code    string `json:"code"`
				Message string `json:"message"`
			} `json:"error"`
		} `json:"failed"`
	} `json:"result"`
	CreatedAt string `json:"createdAt"`
	UpdatedAt string `json:"updatedAt"`
	Links     struct {
		Self struct{ Href string } `json:"self"`
	} `json:"_links"`
}

// job submits a job and decodes the 202 answer.
func (h *harness) job(contentType string, body any) (response, jobBody) {
	h.t.Helper()
	r := h.api("POST", "/oathJobs", contentType, body)
	var j jobBody
	if r.status == http.StatusAccepted {
		r.decode(h.t, &j)
	}
	return r, j
}

// readJob polls a job as a client would.
func (h *harness) readJob(id string) jobBody {
	h.t.Helper()
	r := h.api("GET", "/oathJobs/"+id, "", nil)
	if r.status != http.StatusOK {
		h.t.Fatalf("read job %s: %d %s", id, r.status, r.body)
	}
	var j jobBody
	r.decode(h.t, &j)
	return j
}

func createJobBody(tokens ...any) map[string]any {
	return map[string]any{"type": "CREATE_OATH_TOKENS", "tokens": tokens}
}

// TestCreateJobRunsRowByRow follows a job on a fake clock: it is IN_PROGRESS with nothing done
// when accepted, does nothing before its duration, then one row per time per token, with the
// duplicates found as it goes, and ends DONE; every poll is counted.
func TestCreateJobRunsRowByRow(t *testing.T) {
	clock := newFakeClock()
	h := start(t, Options{now: clock.Now, JobDuration: time.Second, JobTimePerToken: 100 * time.Millisecond})
	h.createToken(hotpBody("J0"))
	began := clock.Now()
	r, j := h.job(ctJobCreate, createJobBody(hotpBody("J0"), hotpBody("J1"), totpBody("J2", 60), hotpBody("J1")))
	if r.status != http.StatusAccepted || j.Type != "CREATE_OATH_TOKENS" || j.Status != "IN_PROGRESS" ||
		*j.Result.Created != 0 || len(j.Result.Duplicates) != 0 || j.Result.Revoked != nil || j.Environment.ID != h.env {
		t.Fatalf("accepted job: %d %s", r.status, r.body)
	}
	self := h.e.URL() + "/v1/environments/" + h.env + "/oathJobs/" + j.ID
	if j.Links.Self.Href != self || r.header.Get("Location") != self {
		t.Errorf("self %q, Location %q, want %q", j.Links.Self.Href, r.header.Get("Location"), self)
	}
	h.e.ResetCounters()

	clock.Advance(999 * time.Millisecond)
	if got := h.readJob(j.ID); got.Status != "IN_PROGRESS" || *got.Result.Created != 0 {
		t.Fatalf("before its duration: %+v", got)
	}
	// Rows are due at 1.1 s, 1.2 s, 1.3 s and 1.4 s.
	clock.Advance(251 * time.Millisecond)
	got := h.readJob(j.ID)
	if got.Status != "IN_PROGRESS" || *got.Result.Created != 1 || !slices.Equal(got.Result.Duplicates, []string{"J0"}) {
		t.Fatalf("two rows in: %+v", got)
	}
	if serials := h.e.TokenSerials(h.env); !slices.Equal(serials, []string{"J0", "J1"}) {
		t.Fatalf("serials two rows in: %q", serials)
	}
	clock.Advance(150 * time.Millisecond)
	got = h.readJob(j.ID)
	if got.Status != "DONE" || *got.Result.Created != 2 || !slices.Equal(got.Result.Duplicates, []string{"J0", "J1"}) ||
		len(got.Result.Failed) != 0 || got.UpdatedAt != formatTime(began.Add(1400*time.Millisecond)) {
		t.Fatalf("finished job: %+v", got)
	}
	if serials := h.e.TokenSerials(h.env); !slices.Equal(serials, []string{"J0", "J1", "J2"}) {
		t.Errorf("serials %q", serials)
	}
	// A token a job made is stamped with the time its row was carried out.
	list := h.api("GET", "/oathTokens?filter="+urlQuery(`serialNumber eq "J2"`), "", nil).object(t)
	tok := list["_embedded"].(map[string]any)["oathTokens"].([]any)[0].(map[string]any)
	if tok["createdAt"] != formatTime(began.Add(1300*time.Millisecond)) {
		t.Errorf("J2 createdAt %v", tok["createdAt"])
	}
	if n := h.e.Counters().Requests[jobReadRoute]; n != 3 {
		t.Errorf("%d polls counted, want 3", n)
	}
	checkError(t, h.api("GET", "/oathJobs/"+uuid.NewString(), "", nil), want{404, "NOT_FOUND", nil})
}

// TestCreateJobRowFailures makes chosen rows fail while the others are created; the result
// names each failed row by index, rowNumber and serial number with the injected error.
func TestCreateJobRowFailures(t *testing.T) {
	h := start(t, Options{})
	h.e.SetJobTiming(0, 0)
	r := h.ctl("PUT", "/settings", `{"job_row_failures":{"F2":{"code":"INVALID_VALUE","message":"The seed is damaged."},"F9":{}}}`)
	if r.status != http.StatusOK {
		t.Fatalf("settings: %d %s", r.status, r.body)
	}
	f2 := hotpBody("F2")
	f2["rowNumber"] = 7
	_, j := h.job(ctJobCreate, createJobBody(hotpBody("F1"), f2, hotpBody("F3"), hotpBody("F9")))
	got := h.readJob(j.ID)
	if got.Status != "DONE" || *got.Result.Created != 2 || len(got.Result.Failed) != 2 {
		t.Fatalf("job: %+v", got)
	}
	first, second := got.Result.Failed[0], got.Result.Failed[1]
	if first.Index != 1 || first.RowNumber == nil || *first.RowNumber != 7 || first.SerialNumber != "F2" ||
		first.Error.Code != "INVALID_VALUE" || first.Error.Message != "The seed is damaged." {
		t.Errorf("first failed row %+v", first)
	}
	if second.Index != 3 || second.RowNumber != nil || second.SerialNumber != "F9" || second.Error.Code != "UNEXPECTED_ERROR" ||
		second.Error.Message == "" {
		t.Errorf("second failed row %+v", second)
	}
	if serials := h.e.TokenSerials(h.env); !slices.Equal(serials, []string{"F1", "F3"}) {
		t.Errorf("serials %q", serials)
	}
	if n := h.e.Counters().JobRowsFailed; n != 2 {
		t.Errorf("JobRowsFailed %d, want 2", n)
	}
	// The failures apply to jobs submitted while they are set; clearing them lets F2 through.
	h.e.SetJobRowFailures(nil)
	_, j = h.job(ctJobCreate, createJobBody(f2))
	if got := h.readJob(j.ID); *got.Result.Created != 1 || len(got.Result.Failed) != 0 {
		t.Errorf("after clearing: %+v", got)
	}
	checkError(t, h.api("POST", "/oathJobs", ctJobCreate, createJobBody(map[string]any{
		"serialNumber": "F4", "secret": rfcSecret, "type": "HOTP", "otpLength": 6, "rowNumber": "7",
	})), want{400, "INVALID_DATA", []string{"INVALID_VALUE tokens[0].rowNumber"}})
}

// TestJobThatNeverFinishes stalls jobs after one row: they stay IN_PROGRESS however long the
// client polls, with what they did kept; jobs submitted after the stall is lifted finish.
func TestJobThatNeverFinishes(t *testing.T) {
	clock := newFakeClock()
	h := start(t, Options{now: clock.Now, TokenTTL: 48 * time.Hour})
	if r := h.ctl("PUT", "/settings", `{"job_stall_after_rows":1,"job_duration_ms":0,"job_per_token_ms":0}`); r.status != http.StatusOK {
		t.Fatalf("settings: %d %s", r.status, r.body)
	}
	_, stuck := h.job(ctJobCreate, createJobBody(hotpBody("S1"), hotpBody("S2")))
	for range 3 {
		clock.Advance(time.Hour)
		if got := h.readJob(stuck.ID); got.Status != "IN_PROGRESS" || *got.Result.Created != 1 {
			t.Fatalf("stalled job: %+v", got)
		}
	}
	if serials := h.e.TokenSerials(h.env); !slices.Equal(serials, []string{"S1"}) {
		t.Errorf("serials %q", serials)
	}
	h.e.SetJobStallAfterRows(-1)
	_, free := h.job(ctJobCreate, createJobBody(hotpBody("S3")))
	if got := h.readJob(free.ID); got.Status != "DONE" {
		t.Errorf("job after the stall was lifted: %+v", got)
	}
	if got := h.readJob(stuck.ID); got.Status != "IN_PROGRESS" {
		t.Errorf("the stalled job moved: %+v", got)
	}
}

// TestJobAsync: "async": true (or absent) answers at once with the job IN_PROGRESS; false
// waits for the job and answers it finished; a job that cannot finish in the sync wait is
// answered as it is when the wait ends. "false" as a string counts, as PingOne documents
// async as a String.
func TestJobAsync(t *testing.T) {
	h := start(t, Options{JobDuration: 150 * time.Millisecond, JobTimePerToken: time.Millisecond})
	began := time.Now()
	_, j := h.job(ctJobCreate, map[string]any{"type": "CREATE_OATH_TOKENS", "async": false, "tokens": []any{hotpBody("A1")}})
	if took := time.Since(began); j.Status != "DONE" || *j.Result.Created != 1 || took < 150*time.Millisecond {
		t.Fatalf("async false: %+v after %s", j, took)
	}
	_, j = h.job(ctJobCreate, map[string]any{"type": "CREATE_OATH_TOKENS", "async": true, "tokens": []any{hotpBody("A2")}})
	if j.Status != "IN_PROGRESS" {
		t.Errorf("async true: %+v", j)
	}
	id := h.createToken(hotpBody("A3"))
	_, j = h.job(ctJobRevoke, map[string]any{"type": "REVOKE_OATH_TOKENS", "async": "false", "tokenIds": []string{id}})
	if j.Status != "DONE" || *j.Result.Revoked != 1 {
		t.Errorf(`async "false" revoke: %+v`, j)
	}

	h.e.SetJobStallAfterRows(0)
	h.e.SetJobSyncWait(300 * time.Millisecond)
	began = time.Now()
	_, j = h.job(ctJobCreate, map[string]any{"type": "CREATE_OATH_TOKENS", "async": false, "tokens": []any{hotpBody("A4")}})
	if took := time.Since(began); j.Status != "IN_PROGRESS" || took < 300*time.Millisecond || took > 5*time.Second {
		t.Errorf("async false on a stalled job: %+v after %s", j, took)
	}
}

func TestCreateJobValidation(t *testing.T) {
	h := start(t, Options{})
	bad := hotpBody("V2")
	bad["otpLength"] = 7
	cases := []struct {
		name    string
		ct      string
		body    any
		status  int
		code    string
		details []string
	}{
		{"item invalid", ctJobCreate, map[string]any{"type": "CREATE_OATH_TOKENS", "tokens": []any{hotpBody("V1"), bad, map[string]any{"type": "TOTP"}}},
			400, "INVALID_DATA", []string{"INVALID_VALUE tokens[1].otpLength", "REQUIRED_VALUE tokens[2].serialNumber", "REQUIRED_VALUE tokens[2].secret",
				"REQUIRED_VALUE tokens[2].otpLength", "REQUIRED_VALUE tokens[2].totp.timeStep"}},
		{"item not object", ctJobCreate, map[string]any{"type": "CREATE_OATH_TOKENS", "tokens": []any{"V1"}}, 400, "INVALID_DATA", []string{"INVALID_VALUE tokens[0]"}},
		{"no tokens", ctJobCreate, map[string]any{"type": "CREATE_OATH_TOKENS"}, 400, "INVALID_DATA", []string{"REQUIRED_VALUE tokens"}},
		{"empty tokens", ctJobCreate, map[string]any{"type": "CREATE_OATH_TOKENS", "tokens": []any{}}, 400, "INVALID_DATA", []string{"INVALID_VALUE tokens"}},
		{"tokens not array", ctJobCreate, map[string]any{"type": "CREATE_OATH_TOKENS", "tokens": map[string]any{}}, 400, "INVALID_DATA", []string{"INVALID_VALUE tokens"}},
		{"type mismatch", ctJobCreate, map[string]any{"type": "REVOKE_OATH_TOKENS", "tokens": []any{hotpBody("V1")}}, 400, "INVALID_DATA", []string{"INVALID_VALUE type"}},
		{"create async type", ctJobCreate, map[string]any{"type": "CREATE_OATH_TOKENS", "async": 0, "tokens": []any{hotpBody("V1")}}, 400, "INVALID_DATA", []string{"INVALID_VALUE async"}},
		{"type missing", ctJobRevoke, map[string]any{"tokenIds": []string{"x"}}, 400, "INVALID_DATA", []string{"REQUIRED_VALUE type"}},
		{"tokenIds not strings", ctJobRevoke, map[string]any{"type": "REVOKE_OATH_TOKENS", "tokenIds": []int{1}}, 400, "INVALID_DATA", []string{"INVALID_VALUE tokenIds[0]"}},
		{"tokenIds empty", ctJobRevoke, map[string]any{"type": "REVOKE_OATH_TOKENS", "tokenIds": []string{}}, 400, "INVALID_DATA", []string{"INVALID_VALUE tokenIds"}},
		{"async type", ctJobRevoke, map[string]any{"type": "REVOKE_OATH_TOKENS", "async": "yes", "tokenIds": []string{"x"}}, 400, "INVALID_DATA", []string{"INVALID_VALUE async"}},
		{"forceUnpair type", ctJobRevoke, map[string]any{"type": "REVOKE_OATH_TOKENS", "forceUnpair": 1, "tokenIds": []string{"x"}}, 400, "INVALID_DATA", []string{"INVALID_VALUE forceUnpair"}},
		{"JSON content type", ctJSON, map[string]any{"type": "CREATE_OATH_TOKENS", "tokens": []any{hotpBody("V1")}}, 415, "INVALID_REQUEST", []string{"INVALID_VALUE Content-Type"}},
		{"malformed", ctJobCreate, `{"type":`, 400, "INVALID_REQUEST", []string{"INVALID_VALUE body"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			checkError(t, h.api("POST", "/oathJobs", c.ct, c.body), want{c.status, c.code, c.details})
		})
	}
	if got := h.e.TokenSerials(h.env); len(got) != 0 {
		t.Errorf("rejected jobs created %q", got)
	}
}

func TestCreateJobFailsAtTheLimit(t *testing.T) {
	clock := newFakeClock()
	h := start(t, Options{MaxTokensPerEnvironment: 3, now: clock.Now})
	h.e.SetJobTiming(0, 0)
	h.createToken(hotpBody("L0"))
	r, j := h.job(ctJobCreate, createJobBody(hotpBody("L0"), hotpBody("L1"), hotpBody("L2"), hotpBody("L3")))
	if r.status != http.StatusAccepted || j.Status != "IN_PROGRESS" {
		t.Fatalf("job over the limit: %d %s", r.status, r.body)
	}
	if got := h.readJob(j.ID); got.Status != "FAILED" || got.Reason == "" || *got.Result.Created != 0 {
		t.Fatalf("job over the limit: %+v", got)
	}
	if got := h.e.TokenSerials(h.env); !slices.Equal(got, []string{"L0"}) {
		t.Errorf("a failed job created %q", got)
	}
	// Exactly up to the limit is fine; duplicates do not count.
	_, j = h.job(ctJobCreate, createJobBody(hotpBody("L0"), hotpBody("L1"), hotpBody("L2")))
	if got := h.readJob(j.ID); got.Status != "DONE" || *got.Result.Created != 2 {
		t.Errorf("job up to the limit: %+v", got)
	}
	// Two jobs that each fit, but not together: the row of the second fails alone when it runs.
	h.e.SetMaxTokensPerEnvironment(4)
	h.e.SetJobTiming(time.Second, 0)
	_, a := h.job(ctJobCreate, createJobBody(hotpBody("L4")))
	_, b := h.job(ctJobCreate, createJobBody(hotpBody("L5")))
	clock.Advance(time.Second)
	if got := h.readJob(a.ID); got.Status != "DONE" || *got.Result.Created != 1 {
		t.Errorf("first job: %+v", got)
	}
	got := h.readJob(b.ID)
	if got.Status != "DONE" || *got.Result.Created != 0 || len(got.Result.Failed) != 1 ||
		got.Result.Failed[0].SerialNumber != "L5" || got.Result.Failed[0].Error.Code != "SIZE_LIMIT_EXCEEDED" {
		t.Errorf("second job: %+v", got)
	}
}

func TestRevokeJob(t *testing.T) {
	h := start(t, Options{})
	h.e.SetJobTiming(0, 0)
	free := h.createToken(hotpBody("K1"))
	paired := h.createToken(hotpBody("K2"))
	broken := h.createToken(hotpBody("K3"))
	user := h.createUser("frank")
	dev := h.pair(user, "K2")
	unknown := uuid.NewString()
	h.e.SetJobRowFailures(map[string]JobRowFailure{"K3": {Code: "UNEXPECTED_ERROR", Message: "Revocation failed."}})

	r, j := h.job(ctJobRevoke, map[string]any{"type": "REVOKE_OATH_TOKENS", "async": true, "forceUnpair": false,
		"tokenIds": []string{free, paired, unknown, broken}})
	if r.status != http.StatusAccepted || j.Type != "REVOKE_OATH_TOKENS" || j.Status != "IN_PROGRESS" {
		t.Fatalf("revoke job: %d %s", r.status, r.body)
	}
	got := h.readJob(j.ID)
	if got.Status != "DONE" || *got.Result.Revoked != 1 || !slices.Equal(got.Result.NotFound, []string{unknown}) ||
		!slices.Equal(got.Result.Paired, []string{paired}) || got.Result.Created != nil || len(got.Result.Failed) != 1 ||
		got.Result.Failed[0].TokenID != broken || got.Result.Failed[0].Index != 3 {
		t.Fatalf("revoke job: %+v", got)
	}
	checkError(t, h.api("GET", "/oathTokens/"+free, "", nil), want{404, "NOT_FOUND", nil})
	for _, id := range []string{paired, broken} {
		if r := h.api("GET", "/oathTokens/"+id, "", nil); r.status != 200 {
			t.Fatalf("token %s kept: %d", id, r.status)
		}
	}

	h.e.SetJobRowFailures(nil)
	_, j = h.job(ctJobRevoke, map[string]any{"type": "REVOKE_OATH_TOKENS", "forceUnpair": true, "tokenIds": []string{paired, broken}})
	if got := h.readJob(j.ID); *got.Result.Revoked != 2 || len(got.Result.Paired) != 0 || len(got.Result.NotFound) != 0 {
		t.Fatalf("forced revoke: %+v", got)
	}
	checkError(t, h.api("GET", "/users/"+user+"/devices/"+dev, "", nil), want{404, "NOT_FOUND", nil})
	if got := h.e.TokenSerials(h.env); len(got) != 0 {
		t.Errorf("serials left: %q", got)
	}
}

// TestJobGoesOnAfterRestart stops the emulator in the middle of a job: the job, its rows and
// their secrets are in the state file, and it goes on where it was after the restart.
func TestJobGoesOnAfterRestart(t *testing.T) {
	clock := newFakeClock()
	state := filepath.Join(t.TempDir(), "state.json")
	opts := Options{StateFile: state, now: clock.Now, JobDuration: time.Second, JobTimePerToken: time.Second}
	h := start(t, opts)
	_, j := h.job(ctJobCreate, createJobBody(hotpBody("R1"), hotpBody("R2"), hotpBody("R3")))
	clock.Advance(2500 * time.Millisecond)
	if got := h.readJob(j.ID); *got.Result.Created != 1 {
		t.Fatalf("before the restart: %+v", got)
	}
	if err := h.e.Close(); err != nil {
		t.Fatal(err)
	}
	clock.Advance(time.Hour)
	h2 := start(t, opts)
	if got := h2.readJob(j.ID); got.Status != "DONE" || *got.Result.Created != 3 {
		t.Fatalf("after the restart: %+v", got)
	}
	if serials := h2.e.TokenSerials(h2.env); !slices.Equal(serials, []string{"R1", "R2", "R3"}) {
		t.Errorf("serials %q", serials)
	}
	// The token the job made after the restart has its secret.
	if code, err := h2.e.CurrentOTP(h2.env, h2.tokenID("R3"), 0); err != nil || code != rfcHOTP[0] {
		t.Errorf("OTP of R3: %s %v", code, err)
	}
}

// tokenID finds a token's id by its serial number through the API.
func (h *harness) tokenID(serial string) string {
	h.t.Helper()
	m := h.api("GET", "/oathTokens?filter="+urlQuery(`serialNumber eq "`+serial+`"`), "", nil).object(h.t)
	items := m["_embedded"].(map[string]any)["oathTokens"].([]any)
	if len(items) != 1 {
		h.t.Fatalf("%d tokens with serial number %s", len(items), serial)
	}
	return items[0].(map[string]any)["id"].(string)
}
