package emulator

import (
	"fmt"
	"net/http"

	"github.com/google/uuid"
)

// createJob is POST /oathJobs. The Content-Type says which job it is; the emulator runs the
// job before answering, so the job is already DONE or FAILED in the 202 response.
func createJob(c *call) reply {
	ct := c.r.Header.Get("Content-Type")
	if err := requireMediaType(ct, ctJobCreate, ctJobRevoke); err != nil {
		return errReply(err)
	}
	f, perr := parseObject(c.body)
	if perr != nil {
		return errReply(perr)
	}
	j := &job{ID: uuid.NewString(), Status: jobDone, CreatedAt: c.now, UpdatedAt: c.now}
	if mediaType(ct) == ctJobCreate {
		j.Type = jobCreateTokens
		if err := c.runCreateJob(f, j); err != nil {
			return errReply(err)
		}
	} else {
		j.Type = jobRevokeTokens
		if err := c.runRevokeJob(f, j); err != nil {
			return errReply(err)
		}
	}
	c.env.jobs[j.ID] = j
	rep := resource(http.StatusAccepted, c.jobView(j))
	rep.changed = true
	return rep
}

// runCreateJob validates every token first, so a bad item rejects the whole request with
// targets such as "tokens[3].secret". Serials that already exist, in the environment or
// earlier in the same job, are skipped and listed as duplicates. A job that would pass the
// environment's token limit creates nothing and FAILS.
func (c *call) runCreateJob(f *fields, j *job) *apiError {
	f.oneOf("type", true, jobCreateTokens)
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
		return err
	}
	seen := map[string]bool{}
	var fresh []tokenSpec
	for _, s := range specs {
		if seen[s.serial] || c.env.bySerial[s.serial] != nil {
			j.Duplicates = append(j.Duplicates, s.serial)
			continue
		}
		seen[s.serial] = true
		fresh = append(fresh, s)
	}
	if len(c.env.tokens)+len(fresh) > c.set.maxTokens {
		j.Status = jobFailed
		j.Reason = fmt.Sprintf("SIZE_LIMIT_EXCEEDED: the environment holds %d OATH tokens; %d more would pass the limit of %d.",
			len(c.env.tokens), len(fresh), c.set.maxTokens)
		return nil
	}
	for _, s := range fresh {
		c.env.addToken(s.token(uuid.NewString(), c.now))
	}
	j.Created = len(fresh)
	return nil
}

// runRevokeJob revokes tokens by id. With forceUnpair false a paired token is left alone and
// listed under paired; unknown ids are listed under notFound. async is accepted and ignored.
func (c *call) runRevokeJob(f *fields, j *job) *apiError {
	f.oneOf("type", true, jobRevokeTokens)
	f.boolean("async", true)
	force := f.boolean("forceUnpair", false)
	ids, ok := f.stringList("tokenIds", true)
	if ok && len(ids) == 0 {
		f.add(invalidValue("tokenIds", "tokenIds must hold at least one id."))
	}
	if err := f.err(); err != nil {
		return err
	}
	for _, id := range ids {
		t, ok := c.env.tokens[id]
		switch {
		case !ok:
			j.NotFound = append(j.NotFound, id)
		case t.DeviceID != "" && !force:
			j.Paired = append(j.Paired, id)
		default:
			c.env.removeToken(t)
			j.Revoked++
		}
	}
	return nil
}

// readJob is GET /oathJobs/{jobID}.
func readJob(c *call) reply {
	id := c.r.PathValue("jobID")
	j, ok := c.env.jobs[id]
	if !ok {
		return errReply(notFound("the job " + id))
	}
	return resource(http.StatusOK, c.jobView(j))
}
