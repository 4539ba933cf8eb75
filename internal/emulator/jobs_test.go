package emulator

import (
	"net/http"
	"slices"
	"testing"

	"github.com/google/uuid"
)

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
	} `json:"result"`
	Links struct {
		Self struct{ Href string } `json:"self"`
	} `json:"_links"`
}

func (h *harness) job(contentType string, body any) (response, jobBody) {
	h.t.Helper()
	r := h.api("POST", "/oathJobs", contentType, body)
	var j jobBody
	if r.status == http.StatusAccepted {
		r.decode(h.t, &j)
	}
	return r, j
}

func TestCreateJob(t *testing.T) {
	h := start(t, Options{})
	h.createToken(hotpBody("J0"))
	r, j := h.job(ctJobCreate, map[string]any{"type": "CREATE_OATH_TOKENS", "tokens": []any{
		hotpBody("J0"), hotpBody("J1"), totpBody("J2", 60), hotpBody("J1"),
	}})
	if r.status != http.StatusAccepted {
		t.Fatalf("create job: %d %s", r.status, r.body)
	}
	if j.Type != "CREATE_OATH_TOKENS" || j.Status != "DONE" || j.Result.Created == nil || *j.Result.Created != 2 ||
		!slices.Equal(j.Result.Duplicates, []string{"J0", "J1"}) || j.Result.Revoked != nil || j.Environment.ID != h.env {
		t.Errorf("job %s", r.body)
	}
	if got := h.e.TokenSerials(h.env); !slices.Equal(got, []string{"J0", "J1", "J2"}) {
		t.Errorf("serials %q", got)
	}
	read := h.api("GET", "/oathJobs/"+j.ID, "", nil)
	if read.status != 200 || !jsonEqual(read.object(t), r.object(t)) {
		t.Errorf("read job: %d %s", read.status, read.body)
	}
	if j.Links.Self.Href != h.e.URL()+"/v1/environments/"+h.env+"/oathJobs/"+j.ID {
		t.Errorf("self %q", j.Links.Self.Href)
	}
	// An empty duplicates list is an array.
	r, _ = h.job(ctJobCreate, map[string]any{"type": "CREATE_OATH_TOKENS", "tokens": []any{hotpBody("J3")}})
	if m := r.object(t)["result"].(map[string]any); !jsonEqual(m, map[string]any{"created": 1, "duplicates": []string{}}) {
		t.Errorf("result %v", m)
	}
	checkError(t, h.api("GET", "/oathJobs/"+uuid.NewString(), "", nil), want{404, "NOT_FOUND", nil})
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
	h := start(t, Options{MaxTokensPerEnvironment: 3})
	h.createToken(hotpBody("L0"))
	r, j := h.job(ctJobCreate, map[string]any{"type": "CREATE_OATH_TOKENS", "tokens": []any{hotpBody("L0"), hotpBody("L1"), hotpBody("L2"), hotpBody("L3")}})
	if r.status != http.StatusAccepted || j.Status != "FAILED" || j.Reason == "" || *j.Result.Created != 0 {
		t.Fatalf("job over the limit: %d %s", r.status, r.body)
	}
	if got := h.e.TokenSerials(h.env); !slices.Equal(got, []string{"L0"}) {
		t.Errorf("a failed job created %q", got)
	}
	if read := h.api("GET", "/oathJobs/"+j.ID, "", nil).object(t); read["status"] != "FAILED" {
		t.Errorf("read failed job: %v", read)
	}
	// Exactly up to the limit is fine; duplicates do not count.
	_, j = h.job(ctJobCreate, map[string]any{"type": "CREATE_OATH_TOKENS", "tokens": []any{hotpBody("L0"), hotpBody("L1"), hotpBody("L2")}})
	if j.Status != "DONE" || *j.Result.Created != 2 {
		t.Errorf("job up to the limit: %+v", j)
	}
}

func TestRevokeJob(t *testing.T) {
	h := start(t, Options{})
	free := h.createToken(hotpBody("K1"))
	paired := h.createToken(hotpBody("K2"))
	user := h.createUser("frank")
	dev := h.pair(user, "K2")
	unknown := uuid.NewString()

	r, j := h.job(ctJobRevoke, map[string]any{"type": "REVOKE_OATH_TOKENS", "async": true, "forceUnpair": false, "tokenIds": []string{free, paired, unknown}})
	if r.status != http.StatusAccepted || j.Type != "REVOKE_OATH_TOKENS" || j.Status != "DONE" || *j.Result.Revoked != 1 ||
		!slices.Equal(j.Result.NotFound, []string{unknown}) || !slices.Equal(j.Result.Paired, []string{paired}) || j.Result.Created != nil {
		t.Fatalf("revoke job: %d %s", r.status, r.body)
	}
	checkError(t, h.api("GET", "/oathTokens/"+free, "", nil), want{404, "NOT_FOUND", nil})
	if r := h.api("GET", "/oathTokens/"+paired, "", nil); r.status != 200 {
		t.Fatalf("paired token without forceUnpair: %d", r.status)
	}

	_, j = h.job(ctJobRevoke, map[string]any{"type": "REVOKE_OATH_TOKENS", "forceUnpair": true, "tokenIds": []string{paired}})
	if *j.Result.Revoked != 1 || len(j.Result.Paired) != 0 || len(j.Result.NotFound) != 0 {
		t.Fatalf("forced revoke: %+v", j)
	}
	checkError(t, h.api("GET", "/users/"+user+"/devices/"+dev, "", nil), want{404, "NOT_FOUND", nil})
	if got := h.e.TokenSerials(h.env); len(got) != 0 {
		t.Errorf("serials left: %q", got)
	}
}
