package emulator

import (
	"context"
	"fmt"
	"net/http"

	"github.com/google/uuid"
)

// createJob is POST /oathJobs. The Content-Type says which job it is. The request is checked
// whole, then the job is accepted IN_PROGRESS and answered 202 at once; with "async": false
// the answer waits for the job to end (up to the sync wait) and shows it as it is then.
func createJob(c *call) reply {
	ct := c.r.Header.Get("Content-Type")
	if err := requireMediaType(ct, ctJobCreate, ctJobRevoke); err != nil {
		return errReply(err)
	}
	f, perr := parseObject(c.body)
	if perr != nil {
		return errReply(perr)
	}
	j := &job{ID: uuid.NewString(), Status: jobInProgress, CreatedAt: c.now, UpdatedAt: c.now,
		StartAt: c.now.Add(c.set.jobs.duration), PerRow: c.set.jobs.perToken, StallAfter: c.set.jobs.stallAfter,
		MaxTokens: c.set.maxTokens}
	var async bool
	var err *apiError
	if mediaType(ct) == ctJobCreate {
		j.Type = jobCreateTokens
		async, err = c.submitCreateJob(f, j)
	} else {
		j.Type = jobRevokeTokens
		async, err = c.submitRevokeJob(f, j)
	}
	if err != nil {
		return errReply(err)
	}
	c.env.jobs[j.ID] = j
	c.env.running = append(c.env.running, j)
	h := c.hrefs()
	rep := createdReply(http.StatusAccepted, jobViewOf(h, c.env.ID, j), h.at("/oathJobs/"+j.ID).Href)
	if !async {
		envID, wait := c.env.ID, c.set.jobs.syncWait
		rep.then = func(ctx context.Context) reply { return c.e.awaitJob(ctx, h, envID, j.ID, wait) }
	}
	return rep
}

// submitCreateJob validates every token first, so a bad item rejects the whole request with
// targets such as "tokens[3].secret", and turns the tokens into rows. A job that would pass
// the environment's token limit (serials already there do not count) is marked to fail.
func (c *call) submitCreateJob(f *fields, j *job) (bool, *apiError) {
	f.oneOf("type", true, jobCreateTokens)
	async := f.flag("async", true)
	items, _ := f.array("tokens", true)
	if f.present("tokens") && len(items) == 0 && !f.failed() {
		f.add(invalidValue("tokens", "tokens must hold at least one token."))
	}
	specs := make([]tokenSpec, 0, len(items))
	for i, raw := range items {
		if item, ok := f.element("tokens", i, raw); ok {
			if s, ok := parseTokenSpec(item); ok {
				specs = append(specs, s)
			}
		}
	}
	if err := f.err(); err != nil {
		return false, err
	}
	fresh := map[string]bool{}
	for i, s := range specs {
		row := jobRow{Index: i, RowNumber: s.rowNumber, Token: s.token(uuid.NewString(), j.CreatedAt)}
		if fail, ok := c.set.jobs.rowFailures[s.serial]; ok {
			row.Failure = &fail
		}
		j.Rows = append(j.Rows, row)
		if c.env.bySerial[s.serial] == nil {
			fresh[s.serial] = true
		}
	}
	if len(c.env.tokens)+len(fresh) > c.set.maxTokens {
		j.FailWith = fmt.Sprintf("SIZE_LIMIT_EXCEEDED: the environment holds %d OATH tokens; %d more would pass the limit of %d.",
			len(c.env.tokens), len(fresh), c.set.maxTokens)
	}
	return async, nil
}

// submitRevokeJob turns the token ids into rows. A failure is injected for a row whose id,
// or whose token's serial number, is a key of the row failures.
func (c *call) submitRevokeJob(f *fields, j *job) (bool, *apiError) {
	f.oneOf("type", true, jobRevokeTokens)
	async := f.flag("async", true)
	j.ForceUnpair = f.boolean("forceUnpair", false)
	ids, ok := f.stringList("tokenIds", true)
	if ok && len(ids) == 0 {
		f.add(invalidValue("tokenIds", "tokenIds must hold at least one id."))
	}
	if err := f.err(); err != nil {
		return false, err
	}
	for i, id := range ids {
		row := jobRow{Index: i, TokenID: id}
		fail, ok := c.set.jobs.rowFailures[id]
		if t := c.env.tokens[id]; !ok && t != nil {
			fail, ok = c.set.jobs.rowFailures[t.SerialNumber]
		}
		if ok {
			row.Failure = &fail
		}
		j.Rows = append(j.Rows, row)
	}
	return async, nil
}

// readJob is GET /oathJobs/{jobID}; handle has already carried out the rows that are due.
func readJob(c *call) reply {
	id := c.r.PathValue("jobID")
	j, ok := c.env.jobs[id]
	if !ok {
		return errReply(notFound("the job " + id))
	}
	return resource(http.StatusOK, jobViewOf(c.hrefs(), c.env.ID, j))
}
