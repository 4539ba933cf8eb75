package emulator

import (
	"errors"
	"fmt"
	"maps"
	"net/http"
	"time"
)

// settings are the options that can change while the emulator runs. A request works with a
// copy taken when it arrives; maps in it are replaced, never changed, so copies stay valid.
type settings struct {
	latency   time.Duration
	rateLimit float64
	pageSize  int
	tokenTTL  time.Duration
	maxTokens int
	// unknownEnvStatus is the answer for an environment that does not exist: 404 or 403.
	unknownEnvStatus int
	maxBodyBytes     int64
	// opaqueAccessTokens issues access tokens whose payload is neither base64url nor JSON, to
	// show that a client never reads them.
	opaqueAccessTokens bool
	// resyncEmpty answers a resync with 204 and no body instead of the token.
	resyncEmpty bool
	jobs        jobSettings
}

// jobSettings say how batch jobs run.
type jobSettings struct {
	duration time.Duration // From submission to the first row.
	perToken time.Duration // Per row, after that.
	syncWait time.Duration // How long an "async": false request waits for its job.
	// stallAfter stops jobs submitted while it is set after that many rows, for good; -1 lets
	// them finish.
	stallAfter  int
	rowFailures map[string]JobRowFailure
}

// JobRowFailure makes a batch job's row fail: the row whose serial number (or, in a revoke
// job, token id) is the key. Code and Message are what the job's result reports for it.
type JobRowFailure struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// Defaults the emulator chose where PingOne documents nothing (see README.md).
const (
	defaultMaxBodyBytes = 4 << 20 // A create job of 10,000 tokens at the largest sizes is about 3.8 MB.
	defaultJobDuration  = 100 * time.Millisecond
	defaultJobPerToken  = 50 * time.Microsecond
	defaultJobSyncWait  = 30 * time.Second
	defaultRowFailCode  = "UNEXPECTED_ERROR"
	defaultRowFailText  = "The token could not be processed."
)

func initialSettings(o Options) settings {
	return settings{latency: o.Latency, rateLimit: o.RateLimit, pageSize: o.PageSize, tokenTTL: o.TokenTTL,
		maxTokens: o.MaxTokensPerEnvironment, unknownEnvStatus: o.UnknownEnvironmentStatus,
		maxBodyBytes: o.MaxRequestBodyBytes,
		jobs: jobSettings{duration: o.JobDuration, perToken: o.JobTimePerToken, syncWait: defaultJobSyncWait,
			stallAfter: -1}}
}

// SetRateLimit changes the global rate limit (requests per second, 0 = unlimited) and
// starts with a full bucket.
func (e *Emulator) SetRateLimit(rps float64) {
	e.ctlMu.Lock()
	defer e.ctlMu.Unlock()
	e.set.rateLimit = max(rps, 0)
	e.bucket.reset(e.set.rateLimit, e.now())
}

// SetLatency changes the latency added to every API and auth request.
func (e *Emulator) SetLatency(d time.Duration) {
	e.changeSettings(func(s *settings) { s.latency = max(d, 0) })
}

// SetPageSize changes the largest page a list returns; n < 1 restores the default.
func (e *Emulator) SetPageSize(n int) {
	if n < 1 {
		n = defaultPageSize
	}
	e.changeSettings(func(s *settings) { s.pageSize = n })
}

// SetTokenTTL changes the lifetime of access tokens issued from now on; d <= 0 restores the
// default.
func (e *Emulator) SetTokenTTL(d time.Duration) {
	if d <= 0 {
		d = defaultTokenTTL
	}
	e.changeSettings(func(s *settings) { s.tokenTTL = d })
}

// SetMaxTokensPerEnvironment changes the per-environment token limit; n < 1 restores the default.
func (e *Emulator) SetMaxTokensPerEnvironment(n int) {
	if n < 1 {
		n = defaultMaxTokens
	}
	e.changeSettings(func(s *settings) { s.maxTokens = n })
}

// SetUnknownEnvironmentStatus chooses how the API answers for an environment that does not
// exist (never did, or was deleted): 404 NOT_FOUND, or 403 ACCESS_FAILED exactly as for an
// environment where the worker holds no role, as PingOne may answer. It panics on another
// status, as AddFault does on a bad fault.
func (e *Emulator) SetUnknownEnvironmentStatus(status int) {
	if err := checkUnknownEnvStatus(status); err != nil {
		panic(err)
	}
	e.changeSettings(func(s *settings) { s.unknownEnvStatus = status })
}

func checkUnknownEnvStatus(status int) error {
	if status != http.StatusNotFound && status != http.StatusForbidden {
		return fmt.Errorf("unknown_environment_status %d is not 403 or 404", status)
	}
	return nil
}

// SetMaxRequestBodyBytes changes the largest API request body; larger ones get 413. n < 1
// restores the default.
func (e *Emulator) SetMaxRequestBodyBytes(n int64) {
	if n < 1 {
		n = defaultMaxBodyBytes
	}
	e.changeSettings(func(s *settings) { s.maxBodyBytes = n })
}

// SetOpaqueAccessTokens makes the access tokens issued from now on JWTs whose payload is
// neither base64url nor JSON; the emulator still accepts them. A client that works with them
// does not read its tokens.
func (e *Emulator) SetOpaqueAccessTokens(on bool) {
	e.changeSettings(func(s *settings) { s.opaqueAccessTokens = on })
}

// SetResyncAnswersEmpty makes a resync answer 204 without a body instead of 200 with the
// token, as PingOne's documentation leaves open.
func (e *Emulator) SetResyncAnswersEmpty(on bool) {
	e.changeSettings(func(s *settings) { s.resyncEmpty = on })
}

// SetJobTiming says how long batch jobs submitted from now on stay IN_PROGRESS: duration
// before the first row, then perToken per row. Negative values count as 0.
func (e *Emulator) SetJobTiming(duration, perToken time.Duration) {
	e.changeSettings(func(s *settings) { s.jobs.duration, s.jobs.perToken = max(duration, 0), max(perToken, 0) })
}

// SetJobSyncWait bounds how long a job request with "async": false waits for its job before
// answering with the job still IN_PROGRESS; d <= 0 restores the default of 30 s.
func (e *Emulator) SetJobSyncWait(d time.Duration) {
	if d <= 0 {
		d = defaultJobSyncWait
	}
	e.changeSettings(func(s *settings) { s.jobs.syncWait = d })
}

// SetJobStallAfterRows makes every job submitted from now on stop after n rows and stay
// IN_PROGRESS for good, as a job that never finishes; n < 0 lets later jobs finish again.
func (e *Emulator) SetJobStallAfterRows(n int) {
	e.changeSettings(func(s *settings) { s.jobs.stallAfter = max(n, -1) })
}

// SetJobRowFailures makes the rows of jobs submitted from now on fail when their serial
// number (or, in a revoke job, token id) is a key of failures; nil or empty clears them. A
// failure without a code or message gets UNEXPECTED_ERROR and a generic message.
func (e *Emulator) SetJobRowFailures(failures map[string]JobRowFailure) {
	m := maps.Clone(failures)
	for k, f := range m {
		if f.Code == "" {
			f.Code = defaultRowFailCode
		}
		if f.Message == "" {
			f.Message = defaultRowFailText
		}
		m[k] = f
	}
	e.changeSettings(func(s *settings) { s.jobs.rowFailures = m })
}

func (e *Emulator) changeSettings(change func(s *settings)) {
	e.ctlMu.Lock()
	defer e.ctlMu.Unlock()
	change(&e.set)
}

func (e *Emulator) currentSettings() settings {
	e.ctlMu.Lock()
	defer e.ctlMu.Unlock()
	return e.set
}

// settingsBody is the control API's view of the settings; in a PUT every field is optional.
type settingsBody struct {
	RateLimit                *float64                  `json:"rate_limit,omitempty"`
	LatencyMS                *float64                  `json:"latency_ms,omitempty"`
	PageSize                 *int                      `json:"page_size,omitempty"`
	TokenTTLSeconds          *float64                  `json:"token_ttl_seconds,omitempty"`
	MaxTokensPerEnvironment  *int                      `json:"max_tokens_per_environment,omitempty"`
	UnknownEnvironmentStatus *int                      `json:"unknown_environment_status,omitempty"`
	MaxRequestBodyBytes      *int64                    `json:"max_request_body_bytes,omitempty"`
	OpaqueAccessTokens       *bool                     `json:"opaque_access_tokens,omitempty"`
	ResyncAnswer             *string                   `json:"resync_answer,omitempty"`
	JobDurationMS            *float64                  `json:"job_duration_ms,omitempty"`
	JobPerTokenMS            *float64                  `json:"job_per_token_ms,omitempty"`
	JobSyncWaitMS            *float64                  `json:"job_sync_wait_ms,omitempty"`
	JobStallAfterRows        *int                      `json:"job_stall_after_rows,omitempty"`
	JobRowFailures           *map[string]JobRowFailure `json:"job_row_failures,omitempty"`
}

// The answers a resync can give, as the resync_answer setting names them.
const (
	resyncAnswerToken = "token"
	resyncAnswerEmpty = "empty"
)

func millis(d time.Duration) *float64 {
	ms := float64(d) / float64(time.Millisecond)
	return &ms
}

func fromMillis(ms float64) time.Duration { return time.Duration(ms * float64(time.Millisecond)) }

// body is the control API's view of s.
func (s settings) body() settingsBody {
	ttl := s.tokenTTL.Seconds()
	answer := resyncAnswerToken
	if s.resyncEmpty {
		answer = resyncAnswerEmpty
	}
	failures := maps.Clone(s.jobs.rowFailures)
	if failures == nil {
		failures = map[string]JobRowFailure{}
	}
	return settingsBody{RateLimit: &s.rateLimit, LatencyMS: millis(s.latency), PageSize: &s.pageSize,
		TokenTTLSeconds: &ttl, MaxTokensPerEnvironment: &s.maxTokens,
		UnknownEnvironmentStatus: &s.unknownEnvStatus, MaxRequestBodyBytes: &s.maxBodyBytes,
		OpaqueAccessTokens: &s.opaqueAccessTokens, ResyncAnswer: &answer,
		JobDurationMS: millis(s.jobs.duration), JobPerTokenMS: millis(s.jobs.perToken),
		JobSyncWaitMS: millis(s.jobs.syncWait), JobStallAfterRows: &s.jobs.stallAfter, JobRowFailures: &failures}
}

// validate names every key of a PUT whose value is out of range.
func (b settingsBody) validate() error {
	var errs []error
	check := func(bad bool, key, rule string) {
		if bad {
			errs = append(errs, fmt.Errorf("%s %s", key, rule))
		}
	}
	check(b.RateLimit != nil && *b.RateLimit < 0, "rate_limit", "must not be negative")
	check(b.LatencyMS != nil && *b.LatencyMS < 0, "latency_ms", "must not be negative")
	check(b.PageSize != nil && *b.PageSize < 1, "page_size", "must be at least 1")
	check(b.TokenTTLSeconds != nil && *b.TokenTTLSeconds <= 0, "token_ttl_seconds", "must be positive")
	check(b.MaxTokensPerEnvironment != nil && *b.MaxTokensPerEnvironment < 1, "max_tokens_per_environment", "must be at least 1")
	if b.UnknownEnvironmentStatus != nil {
		if err := checkUnknownEnvStatus(*b.UnknownEnvironmentStatus); err != nil {
			errs = append(errs, err)
		}
	}
	check(b.MaxRequestBodyBytes != nil && *b.MaxRequestBodyBytes < 1, "max_request_body_bytes", "must be at least 1")
	check(b.ResyncAnswer != nil && *b.ResyncAnswer != resyncAnswerToken && *b.ResyncAnswer != resyncAnswerEmpty,
		"resync_answer", `must be "token" or "empty"`)
	check(b.JobDurationMS != nil && *b.JobDurationMS < 0, "job_duration_ms", "must not be negative")
	check(b.JobPerTokenMS != nil && *b.JobPerTokenMS < 0, "job_per_token_ms", "must not be negative")
	check(b.JobSyncWaitMS != nil && *b.JobSyncWaitMS <= 0, "job_sync_wait_ms", "must be positive")
	check(b.JobStallAfterRows != nil && *b.JobStallAfterRows < -1, "job_stall_after_rows", "must be -1 (no stall) or more")
	return errors.Join(errs...)
}

// applySettings sets every key the PUT gave.
func (e *Emulator) applySettings(b settingsBody) {
	if b.RateLimit != nil {
		e.SetRateLimit(*b.RateLimit)
	}
	e.changeSettings(func(s *settings) {
		if b.LatencyMS != nil {
			s.latency = fromMillis(*b.LatencyMS)
		}
		if b.PageSize != nil {
			s.pageSize = *b.PageSize
		}
		if b.TokenTTLSeconds != nil {
			s.tokenTTL = time.Duration(*b.TokenTTLSeconds * float64(time.Second))
		}
		if b.MaxTokensPerEnvironment != nil {
			s.maxTokens = *b.MaxTokensPerEnvironment
		}
		if b.UnknownEnvironmentStatus != nil {
			s.unknownEnvStatus = *b.UnknownEnvironmentStatus
		}
		if b.MaxRequestBodyBytes != nil {
			s.maxBodyBytes = *b.MaxRequestBodyBytes
		}
		if b.OpaqueAccessTokens != nil {
			s.opaqueAccessTokens = *b.OpaqueAccessTokens
		}
		if b.ResyncAnswer != nil {
			s.resyncEmpty = *b.ResyncAnswer == resyncAnswerEmpty
		}
		if b.JobDurationMS != nil {
			s.jobs.duration = fromMillis(*b.JobDurationMS)
		}
		if b.JobPerTokenMS != nil {
			s.jobs.perToken = fromMillis(*b.JobPerTokenMS)
		}
		if b.JobSyncWaitMS != nil {
			s.jobs.syncWait = fromMillis(*b.JobSyncWaitMS)
		}
		if b.JobStallAfterRows != nil {
			s.jobs.stallAfter = *b.JobStallAfterRows
		}
	})
	if b.JobRowFailures != nil {
		e.SetJobRowFailures(*b.JobRowFailures)
	}
}
