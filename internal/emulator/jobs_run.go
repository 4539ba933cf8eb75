package emulator

import (
	"context"
	"net/http"
	"time"
)

// advanceJobs carries out every row of the environment's running jobs that is due at now,
// in submission order, and ends the jobs that are through. It reports whether anything
// changed. The caller holds e.mu.
func (e *Emulator) advanceJobs(env *environment, now time.Time) bool {
	changed := false
	kept := env.running[:0]
	for _, j := range env.running {
		if e.advanceJob(env, j, now) {
			changed = true
		}
		if j.Status == jobInProgress {
			kept = append(kept, j)
		}
	}
	clear(env.running[len(kept):])
	env.running = kept
	return changed
}

// advanceJob moves one job on to now.
func (e *Emulator) advanceJob(env *environment, j *job, now time.Time) bool {
	if j.FailWith != "" {
		if now.Before(j.StartAt) {
			return false
		}
		j.end(jobFailed, j.FailWith, j.StartAt)
		return true
	}
	changed := false
	for j.Done < len(j.Rows) && (j.StallAfter < 0 || j.Done < j.StallAfter) {
		due := j.rowDue(j.Done)
		if due.After(now) {
			break
		}
		e.runRow(env, j, j.Rows[j.Done], due)
		j.Done++
		j.UpdatedAt = due
		changed = true
	}
	if j.Done == len(j.Rows) {
		j.end(jobDone, "", j.UpdatedAt)
		changed = true
	}
	return changed
}

// rowDue is when row i is carried out: the job's start plus one PerRow for each row up to it,
// at the millisecond precision of the API's timestamps.
func (j *job) rowDue(i int) time.Time {
	return j.StartAt.Add(time.Duration(i+1) * j.PerRow).Truncate(time.Millisecond)
}

// completionAt is when the job will end; ok is false for a job stalled for good.
func (j *job) completionAt() (time.Time, bool) {
	switch {
	case j.FailWith != "":
		return j.StartAt, true
	case j.StallAfter >= 0 && j.StallAfter < len(j.Rows):
		return time.Time{}, false
	case len(j.Rows) == 0:
		return j.UpdatedAt, true
	}
	return j.rowDue(len(j.Rows) - 1), true
}

// end finishes a job and forgets its rows, and the secrets in them.
func (j *job) end(status, reason string, at time.Time) {
	j.Status, j.Reason, j.UpdatedAt = status, reason, at
	j.Rows = nil
}

// runRow carries out one row at its due time: an injected failure, or the create or revoke.
func (e *Emulator) runRow(env *environment, j *job, row jobRow, at time.Time) {
	fail := func(code, message string) {
		rf := rowFailed{Index: row.Index, RowNumber: row.RowNumber, TokenID: row.TokenID, Code: code, Message: message}
		if row.Token != nil {
			rf.SerialNumber = row.Token.SerialNumber
		}
		j.Failed = append(j.Failed, rf)
	}
	if row.Failure != nil {
		e.rowsFailed.Add(1)
		fail(row.Failure.Code, row.Failure.Message)
		return
	}
	if j.Type == jobRevokeTokens {
		t, ok := env.tokens[row.TokenID]
		switch {
		case !ok:
			j.NotFound = append(j.NotFound, row.TokenID)
		case t.DeviceID != "" && !j.ForceUnpair:
			j.Paired = append(j.Paired, row.TokenID)
		default:
			env.removeToken(t)
			j.Revoked++
		}
		return
	}
	t := row.Token
	switch {
	case env.bySerial[t.SerialNumber] != nil:
		j.Duplicates = append(j.Duplicates, t.SerialNumber)
	case len(env.tokens) >= j.MaxTokens:
		fail(detailSizeLimitExceeded, "The environment already holds the maximum of OATH tokens.")
	default:
		t.CreatedAt, t.UpdatedAt = at, at.Add(time.Millisecond)
		env.addToken(t)
		j.Created++
	}
}

// awaitJob is the answer of a job request with "async": false: it waits, outside the state
// lock, until the job ends or wait passes, and shows the job as it is then.
func (e *Emulator) awaitJob(ctx context.Context, h hrefs, envID, jobID string, wait time.Duration) reply {
	deadline := time.Now().Add(wait)
	for {
		e.mu.Lock()
		env := e.st.envs[envID]
		var j *job
		if env != nil {
			j = env.jobs[jobID]
		}
		if j == nil {
			e.mu.Unlock()
			return errReply(notFound("the job " + jobID))
		}
		advanced := e.advanceJobs(env, e.clock())
		if advanced {
			e.gen++
		}
		view, status := jobViewOf(h, envID, j), j.Status
		end, ends := j.completionAt()
		left := end.Sub(e.clock())
		e.mu.Unlock()
		if advanced {
			if err := e.save(); err != nil {
				e.log.Printf("%v", err)
			}
		}
		remaining := time.Until(deadline)
		if status != jobInProgress || remaining <= 0 {
			return createdReply(http.StatusAccepted, view, h.at("/oathJobs/"+jobID).Href)
		}
		pause := remaining
		if ends {
			pause = min(max(left, 10*time.Millisecond), remaining)
		}
		if !e.sleep(ctx, pause) {
			return createdReply(http.StatusAccepted, view, h.at("/oathJobs/"+jobID).Href)
		}
	}
}
