package pingone

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

// PingOne creates and revokes many OATH tokens in one request with a batch job: POST /oathJobs
// answers at once with the job, which runs in the background; GET /oathJobs/{id} tells how far
// it got. A job ends DONE (each row created, a duplicate or failed) or FAILED (nothing done, with
// a reason).

const (
	contentTypeCreateJob = "application/vnd.pingidentity.job.oathtokens.create+json"
	contentTypeRevokeJob = "application/vnd.pingidentity.job.oathtokens.revoke+json"

	// JobDone and JobFailed are the statuses a job ends with; any other means it is running.
	JobDone   = "DONE"
	JobFailed = "FAILED"
)

// OATHJob is a batch job as PingOne reports it.
type OATHJob struct {
	ID     string
	Type   string // CREATE_OATH_TOKENS or REVOKE_OATH_TOKENS
	Status string
	// Reason explains a FAILED job.
	Reason string
	Result OATHJobResult
	// Submission says how the job's submission went; it is set only by the submitting call.
	Submission JobSubmission
}

// Finished reports whether the job has ended, DONE or FAILED.
func (j *OATHJob) Finished() bool { return j.Status == JobDone || j.Status == JobFailed }

// OATHJobResult is what a job has done so far.
type OATHJobResult struct {
	Created    int
	Duplicates []string // serial numbers that already existed (create jobs)
	Revoked    int
	NotFound   []string // token IDs PingOne does not know (revoke jobs)
	Paired     []string // token IDs left alone because they are paired (revoke jobs)
	Failed     []OATHJobRowFailure
}

// OATHJobRowFailure is one row that failed while the others went on.
type OATHJobRowFailure struct {
	Index        int // the row's place in the request, from 0
	SerialNumber string
	TokenID      string
	Code         string
	Message      string
}

// JobSubmission tells how a job's submission went.
type JobSubmission struct {
	// MayBeDuplicated is true when an attempt before the one that succeeded failed in a way
	// that may have carried the submission out (the answer was lost): another job with the same
	// rows may then be running, and this one meets its tokens as duplicates.
	MayBeDuplicated bool
	// Started is when the submission started: tokens made by a lost twin are not older.
	Started time.Time
}

// CreateTokensJob submits a job that creates the tokens, in order.
func (c *Client) CreateTokensJob(ctx context.Context, envID string, tokens []OATHTokenCreate) (*OATHJob, error) {
	body := struct {
		Type   string            `json:"type"`
		Tokens []createTokenJSON `json:"tokens"`
	}{Type: "CREATE_OATH_TOKENS", Tokens: make([]createTokenJSON, len(tokens))}
	secrets := make([]string, len(tokens))
	for i, t := range tokens {
		body.Tokens[i] = t.toJSON()
		secrets[i] = t.Secret
	}
	return c.submitJob(ctx, envID, fmt.Sprintf("submit a job creating %d OATH tokens", len(tokens)),
		contentTypeCreateJob, body, secrets)
}

// RevokeTokensJob submits a job that revokes the tokens. Without forceUnpair PingOne leaves
// paired tokens alone and lists them in Result.Paired.
func (c *Client) RevokeTokensJob(ctx context.Context, envID string, tokenIDs []string, forceUnpair bool) (*OATHJob, error) {
	ids := make([]string, len(tokenIDs))
	for i, id := range tokenIDs {
		ids[i] = CanonicalID(id)
	}
	body := struct {
		Type        string   `json:"type"`
		Async       bool     `json:"async"`
		ForceUnpair bool     `json:"forceUnpair"`
		TokenIDs    []string `json:"tokenIds"`
	}{Type: "REVOKE_OATH_TOKENS", Async: true, ForceUnpair: forceUnpair, TokenIDs: ids}
	return c.submitJob(ctx, envID, fmt.Sprintf("submit a job revoking %d OATH tokens", len(tokenIDs)),
		contentTypeRevokeJob, body, nil)
}

func (c *Client) submitJob(ctx context.Context, envID, op, contentType string, body any, secrets []string) (*OATHJob, error) {
	ctx = withLogger(ctx)
	if err := requireID(op, "environment ID", envID); err != nil {
		return nil, err
	}
	raw, err := json.Marshal(body)
	if err != nil {
		return nil, fmt.Errorf("%s: encode request: %w", op, err)
	}
	started := time.Now()
	resp, ambiguous, err := c.doReportingAmbiguity(ctx, apiCall{
		op:          op,
		method:      http.MethodPost,
		url:         c.envURL(envID, "oathJobs"),
		contentType: contentType,
		body:        raw,
		secrets:     secrets,
	})
	if err != nil {
		return nil, err
	}
	job, err := decodeJob(op, resp)
	if err != nil {
		return nil, err
	}
	job.Submission = JobSubmission{MayBeDuplicated: ambiguous, Started: started}
	return job, nil
}

// ReadOATHJob reads a job's status.
func (c *Client) ReadOATHJob(ctx context.Context, envID, jobID string) (*OATHJob, error) {
	ctx = withLogger(ctx)
	op := "read OATH job " + jobID
	if err := requireID(op, "environment ID", envID); err != nil {
		return nil, err
	}
	if err := requireID(op, "job ID", jobID); err != nil {
		return nil, err
	}
	resp, err := c.do(ctx, apiCall{op: op, method: http.MethodGet, url: c.envURL(envID, "oathJobs", jobID)})
	if err != nil {
		return nil, err
	}
	return decodeJob(op, resp)
}

// JobPolling paces the polls of a running job: the first after First, each later one Factor
// times the previous wait, never more than Max apart.
type JobPolling struct {
	First  time.Duration
	Factor float64
	Max    time.Duration
}

// DefaultJobPolling starts close behind a small job's end and backs off for large ones, so a job
// of a few thousand rows costs a handful of polls.
var DefaultJobPolling = JobPolling{First: 150 * time.Millisecond, Factor: 1.6, Max: 5 * time.Second}

// WaitForOATHJob polls the job until it ends or ctx ends. It returns the job as last read; when
// ctx ends first, the job (still running) comes back with ctx's error, so the caller can say how
// far it got and keep its ID.
func (c *Client) WaitForOATHJob(ctx context.Context, envID string, job *OATHJob, pace JobPolling) (*OATHJob, error) {
	wait := pace.First
	for !job.Finished() {
		timer := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			timer.Stop()
			return job, fmt.Errorf("wait for OATH job %s: %w", job.ID, ctx.Err())
		case <-timer.C:
		}
		latest, err := c.ReadOATHJob(ctx, envID, job.ID)
		if err != nil {
			return job, err
		}
		latest.Submission = job.Submission
		job = latest
		wait = min(time.Duration(float64(wait)*pace.Factor), pace.Max)
	}
	return job, nil
}

// jobJSON is a job as the API sends it; the result's shape depends on the job's type, and both
// shapes are read into one struct.
type jobJSON struct {
	ID     string `json:"id"`
	Type   string `json:"type"`
	Status string `json:"status"`
	Reason string `json:"reason"`
	Result struct {
		Created    int      `json:"created"`
		Duplicates []string `json:"duplicates"`
		Revoked    int      `json:"revoked"`
		NotFound   []string `json:"notFound"`
		Paired     []string `json:"paired"`
		Failed     []struct {
			Index        int    `json:"index"`
			SerialNumber string `json:"serialNumber"`
			TokenID      string `json:"tokenId"`
			Error        struct {
				Code    string `json:"code"`
				Message string `json:"message"`
			} `json:"error"`
		} `json:"failed"`
	} `json:"result"`
}

func decodeJob(op string, resp apiResponse) (*OATHJob, error) {
	var j jobJSON
	if err := decodeJSON(op, resp, &j); err != nil {
		return nil, err
	}
	if j.ID == "" {
		return nil, fmt.Errorf("%s: the HTTP %d response names no job", op, resp.status)
	}
	job := &OATHJob{ID: j.ID, Type: j.Type, Status: j.Status, Reason: j.Reason, Result: OATHJobResult{
		Created: j.Result.Created, Duplicates: j.Result.Duplicates, Revoked: j.Result.Revoked,
		NotFound: j.Result.NotFound, Paired: j.Result.Paired,
	}}
	for _, f := range j.Result.Failed {
		job.Result.Failed = append(job.Result.Failed, OATHJobRowFailure{
			Index: f.Index, SerialNumber: f.SerialNumber, TokenID: f.TokenID, Code: f.Error.Code, Message: f.Error.Message,
		})
	}
	return job, nil
}
