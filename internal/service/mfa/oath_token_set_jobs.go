package mfa

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/oathtokens/terraform-provider-pingone/internal/pingone"
)

// setJobs creates and revokes a set's tokens with PingOne's batch jobs, a batch at a time, and
// tells per serial number what happened.
type setJobs struct {
	client *pingone.Client
	envID  string
	batch  int
	pace   pingone.JobPolling
}

// setProblem is a token an operation could not handle, and why.
type setProblem struct {
	Serial string
	Detail string
}

// jobOutcome is what jobs did: the serials they handled, the ones they could not, and create
// jobs that had not ended when the wait did.
type jobOutcome struct {
	Done     []string
	Problems []setProblem
	Pending  []pendingJob
}

func (o *jobOutcome) merge(other jobOutcome) {
	o.Done = append(o.Done, other.Done...)
	o.Problems = append(o.Problems, other.Problems...)
	o.Pending = append(o.Pending, other.Pending...)
}

// create makes the tokens in jobs of the batch size. A serial PingOne reports as a duplicate is
// adopted only when the job's submission may have run twice (its answer was lost and the retry
// met the first job's tokens) and the token is the one asked for, made after the submission
// started; any other duplicate existed before and is a problem that names the import.
func (j setJobs) create(ctx context.Context, tokens map[string]setToken, seeds map[string]string) (jobOutcome, error) {
	var out jobOutcome
	serials := sortedSerials(tokens)
	var submitted []*pingone.OATHJob
	var chunks []map[string]setToken
	var submitErr error
	for start := 0; start < len(serials); start += j.batch {
		chunk := serials[start:min(start+j.batch, len(serials))]
		rows := make([]pingone.OATHTokenCreate, len(chunk))
		specs := make(map[string]setToken, len(chunk))
		for i, serial := range chunk {
			rows[i] = createRow(serial, tokens[serial], seeds[serial])
			specs[serial] = tokens[serial]
		}
		job, err := j.client.CreateTokensJob(ctx, j.envID, rows)
		if err != nil {
			submitErr = err
			break
		}
		tflog.Debug(ctx, "submitted an OATH token create job", map[string]any{"job_id": job.ID, "tokens": len(chunk)})
		submitted = append(submitted, job)
		chunks = append(chunks, specs)
	}
	for i, job := range submitted {
		ended, err := j.client.WaitForOATHJob(ctx, j.envID, job, j.pace)
		if err != nil {
			if ctx.Err() == nil {
				return out, err
			}
			out.Pending = append(out.Pending, pendingJob{ID: job.ID, Tokens: chunks[i]})
			continue
		}
		done, problems := createJobOutcome(ended, chunks[i])
		adopted, refused, err := j.adoptDuplicates(ctx, ended, chunks[i], duplicatesOf(ended, chunks[i]))
		if err != nil {
			return out, err
		}
		out.Done = append(out.Done, done...)
		out.Done = append(out.Done, adopted...)
		out.Problems = append(out.Problems, problems...)
		out.Problems = append(out.Problems, refused...)
	}
	return out, submitErr
}

// createRow is one row of a create job.
func createRow(serial string, t setToken, seed string) pingone.OATHTokenCreate {
	row := pingone.OATHTokenCreate{
		SerialNumber: serial, Secret: seed, Type: t.Type, OTPLength: int(t.OTPLength), HashAlgorithm: t.HashAlgorithm,
	}
	if t.Counter != nil {
		row.HOTP = &pingone.HOTPSettings{Counter: *t.Counter}
	}
	if t.TimeStep != nil {
		row.TOTP = &pingone.TOTPSettings{TimeStep: int(*t.TimeStep)}
	}
	return row
}

// createJobOutcome reads an ended create job: the serials it made, and the rows that failed.
// Duplicates are neither: adoptDuplicates decides them.
func createJobOutcome(job *pingone.OATHJob, chunk map[string]setToken) (done []string, problems []setProblem) {
	if job.Status == pingone.JobFailed {
		for _, serial := range sortedSerials(chunk) {
			problems = append(problems, setProblem{serial, "PingOne's job " + job.ID + " failed and created nothing: " + job.Reason})
		}
		return nil, problems
	}
	handled := map[string]bool{}
	for _, f := range job.Result.Failed {
		handled[f.SerialNumber] = true
		problems = append(problems, setProblem{f.SerialNumber, fmt.Sprintf("PingOne refused it (%s): %s", f.Code, f.Message)})
	}
	for _, serial := range job.Result.Duplicates {
		handled[serial] = true
	}
	for _, serial := range sortedSerials(chunk) {
		if !handled[serial] {
			done = append(done, serial)
		}
	}
	return done, problems
}

func duplicatesOf(job *pingone.OATHJob, chunk map[string]setToken) []string {
	var dups []string
	for _, serial := range job.Result.Duplicates {
		if _, ok := chunk[serial]; ok {
			dups = append(dups, serial)
		}
	}
	return dups
}

// adoptDuplicates decides the duplicates of a create job: see create.
func (j setJobs) adoptDuplicates(ctx context.Context, job *pingone.OATHJob, chunk map[string]setToken, dups []string) (adopted []string, refused []setProblem, err error) {
	if len(dups) == 0 {
		return nil, nil, nil
	}
	found, _, err := tokenFetch{client: j.client, envID: j.envID}.fetch(ctx, dups)
	if err != nil {
		return nil, nil, fmt.Errorf("look up the serial numbers job %s met as duplicates: %w", job.ID, err)
	}
	for _, serial := range dups {
		t := found[serial]
		switch {
		case t == nil:
			refused = append(refused, setProblem{serial, "PingOne reported it as a duplicate, then did not find it; plan again"})
		case job.Submission.MayBeDuplicated && madeForRow(t, chunk[serial], job.Submission.Started):
			tflog.Info(ctx, "adopted an OATH token made by a job whose submission answer was lost",
				map[string]any{"serial_number": serial, "oath_token_id": t.ID, "job_id": job.ID})
			adopted = append(adopted, serial)
		default:
			refused = append(refused, setProblem{serial, fmt.Sprintf("PingOne already holds it (token %s, created %s), and this "+
				"apply did not create it, so it is not taken over silently: import it into the set (see the import section of "+
				"the docs) or remove it from tokens", t.ID, t.CreatedAt.UTC().Format(time.RFC3339))})
		}
	}
	return adopted, refused, nil
}

// madeForRow reports whether an existing token is what the row asked for and was made after the
// submission started (allowing for clock skew).
func madeForRow(t *pingone.OATHToken, want setToken, started time.Time) bool {
	got := setToken{Type: t.Type, OTPLength: int64(t.OTPLength), HashAlgorithm: t.HashAlgorithm}
	if t.TOTP != nil {
		step := int64(t.TOTP.TimeStep)
		got.TimeStep = &step
	}
	return got.sameSettings(want, true) && !t.CreatedAt.Before(started.Add(-clockSkew))
}

// revoke revokes tokens, by serial number → ID, in jobs of the batch size. Without forceUnpair
// PingOne leaves paired tokens alone, which is a problem for each. A token PingOne no longer
// knows is gone already, which is what was wanted.
func (j setJobs) revoke(ctx context.Context, ids map[string]string, forceUnpair bool) (jobOutcome, error) {
	var out jobOutcome
	serials := sortedSerials(ids)
	for start := 0; start < len(serials); start += j.batch {
		chunk := serials[start:min(start+j.batch, len(serials))]
		chunkIDs := make([]string, len(chunk))
		serialOf := make(map[string]string, len(chunk))
		for i, serial := range chunk {
			chunkIDs[i] = pingone.CanonicalID(ids[serial])
			serialOf[chunkIDs[i]] = serial
		}
		job, err := j.client.RevokeTokensJob(ctx, j.envID, chunkIDs, forceUnpair)
		if err != nil {
			return out, err
		}
		job, err = j.client.WaitForOATHJob(ctx, j.envID, job, j.pace)
		if err != nil {
			if ctx.Err() != nil {
				err = fmt.Errorf("%w; the job goes on in PingOne, and the next refresh shows which tokens it revoked", err)
			}
			return out, err
		}
		out.merge(revokeJobOutcome(job, chunk, serialOf))
	}
	return out, nil
}

func revokeJobOutcome(job *pingone.OATHJob, chunk []string, serialOf map[string]string) jobOutcome {
	var out jobOutcome
	if job.Status == pingone.JobFailed {
		for _, serial := range chunk {
			out.Problems = append(out.Problems, setProblem{serial, "PingOne's job " + job.ID + " failed and revoked nothing: " + job.Reason})
		}
		return out
	}
	notDone := map[string]bool{}
	for _, id := range job.Result.Paired {
		serial := serialOf[pingone.CanonicalID(id)]
		notDone[serial] = true
		out.Problems = append(out.Problems, setProblem{serial, "it was paired with a user's device by the time PingOne ran the job, " +
			"so PingOne left it in place"})
	}
	for _, f := range job.Result.Failed {
		serial := serialOf[pingone.CanonicalID(f.TokenID)]
		notDone[serial] = true
		out.Problems = append(out.Problems, setProblem{serial, fmt.Sprintf("PingOne refused to revoke it (%s): %s", f.Code, f.Message)})
	}
	for _, serial := range chunk {
		if !notDone[serial] {
			out.Done = append(out.Done, serial)
		}
	}
	return out
}

// waitForPending waits for create jobs an earlier operation left running, and returns the
// serials they made and the jobs still running when ctx ends.
func (j setJobs) waitForPending(ctx context.Context, jobs []pendingJob) (made map[string]setToken, out jobOutcome, err error) {
	made = map[string]setToken{}
	for _, p := range jobs {
		job, err := j.client.ReadOATHJob(ctx, j.envID, p.ID)
		if pingone.IsNotFound(err) {
			// PingOne forgot the job: what it made is found by the next refresh's import check.
			out.Problems = append(out.Problems, setProblem{firstSerial(p.Tokens), "PingOne no longer knows job " + p.ID +
				" that was creating this token and others; plan again, and import the ones it made"})
			continue
		}
		if err != nil {
			return made, out, err
		}
		job.Submission = pingone.JobSubmission{Started: time.Time{}}
		ended, err := j.client.WaitForOATHJob(ctx, j.envID, job, j.pace)
		if err != nil {
			if errors.Is(err, ctx.Err()) || ctx.Err() != nil {
				out.Pending = append(out.Pending, p)
				continue
			}
			return made, out, err
		}
		done, problems := createJobOutcome(ended, p.Tokens)
		for _, serial := range done {
			made[serial] = p.Tokens[serial]
		}
		out.Problems = append(out.Problems, problems...)
		for _, serial := range duplicatesOf(ended, p.Tokens) {
			out.Problems = append(out.Problems, setProblem{serial, "PingOne already held it when job " + p.ID + " ran; import it"})
		}
	}
	return made, out, nil
}

func firstSerial(tokens map[string]setToken) string {
	if s := sortedSerials(tokens); len(s) > 0 {
		return s[0]
	}
	return ""
}
