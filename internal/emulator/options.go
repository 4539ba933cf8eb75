package emulator

import (
	"errors"
	"io"
	"time"
)

// Options configure an emulator; the zero value is a ready in-memory emulator on a free port.
type Options struct {
	// Listen is the TCP address to serve HTTPS on; default "127.0.0.1:0" (a free port).
	Listen string
	// StateFile keeps the state across restarts; "" keeps everything in memory only.
	StateFile string
	// CAFile is where the CA certificate (PEM) is written. Default: beside the state file
	// ("state.json" gives "state.ca.pem"), or in a temporary directory removed by Close.
	CAFile string
	// Latency is added to every API and auth request, to make timeouts and slowness testable.
	Latency time.Duration
	// RateLimit caps API and auth requests per second over all clients; 0 means unlimited.
	// Requests over the limit get 429 REQUEST_LIMITED with Retry-After.
	RateLimit float64
	// TokenTTL is the lifetime of access tokens; default 1h, as PingOne.
	TokenTTL time.Duration
	// PageSize is the largest page a list returns, and the page size when no limit is given;
	// default 100.
	PageSize int
	// MaxTokensPerEnvironment is how many OATH tokens an environment holds at most; default
	// 100000, as PingOne. Tests lower it to reach the limit quickly.
	MaxTokensPerEnvironment int
	// UnknownEnvironmentStatus is the answer for an environment that does not exist: 404
	// (the default) or 403, which PingOne may answer instead; see SetUnknownEnvironmentStatus.
	UnknownEnvironmentStatus int
	// MaxRequestBodyBytes is the largest API request body; larger ones get 413. Default 4 MiB.
	MaxRequestBodyBytes int64
	// JobDuration is how long a batch job stays IN_PROGRESS before its first row is done;
	// JobTimePerToken is added per row. Defaults 100 ms and 50 µs; SetJobTiming sets zeros.
	JobDuration     time.Duration
	JobTimePerToken time.Duration
	// CA signs the server certificate; nil creates a new one (or reuses the one in the state
	// file). Go reads SSL_CERT_FILE once per process, so emulators in one process share a CA.
	CA *CA
	// Log receives server errors (TLS handshake failures, state-file write failures); nil
	// discards them.
	Log io.Writer

	// now replaces the clock in tests, so TOTP steps and token expiry are deterministic.
	now func() time.Time
}

// Defaults that PingOne documents or that the brief fixes.
const (
	defaultListen    = "127.0.0.1:0"
	defaultTokenTTL  = time.Hour
	defaultPageSize  = 100
	defaultMaxTokens = 100000
)

// withDefaults fills in every unset option, so the rest of the package never checks for zero.
func (o Options) withDefaults() Options {
	if o.Listen == "" {
		o.Listen = defaultListen
	}
	if o.TokenTTL == 0 {
		o.TokenTTL = defaultTokenTTL
	}
	if o.PageSize == 0 {
		o.PageSize = defaultPageSize
	}
	if o.MaxTokensPerEnvironment == 0 {
		o.MaxTokensPerEnvironment = defaultMaxTokens
	}
	if o.UnknownEnvironmentStatus == 0 {
		o.UnknownEnvironmentStatus = 404
	}
	if o.MaxRequestBodyBytes == 0 {
		o.MaxRequestBodyBytes = defaultMaxBodyBytes
	}
	if o.JobDuration == 0 {
		o.JobDuration = defaultJobDuration
	}
	if o.JobTimePerToken == 0 {
		o.JobTimePerToken = defaultJobPerToken
	}
	if o.Log == nil {
		o.Log = io.Discard
	}
	if o.now == nil {
		o.now = time.Now
	}
	return o
}

// validate rejects negative settings, which have no sensible meaning.
func (o Options) validate() error {
	var errs []error
	if o.Latency < 0 {
		errs = append(errs, errors.New("latency must not be negative"))
	}
	if o.RateLimit < 0 {
		errs = append(errs, errors.New("rate limit must not be negative"))
	}
	if o.TokenTTL < 0 {
		errs = append(errs, errors.New("token TTL must not be negative"))
	}
	if o.PageSize < 0 {
		errs = append(errs, errors.New("page size must not be negative"))
	}
	if o.MaxTokensPerEnvironment < 0 {
		errs = append(errs, errors.New("max tokens per environment must not be negative"))
	}
	if o.UnknownEnvironmentStatus != 0 {
		if err := checkUnknownEnvStatus(o.UnknownEnvironmentStatus); err != nil {
			errs = append(errs, err)
		}
	}
	if o.MaxRequestBodyBytes < 0 || o.JobDuration < 0 || o.JobTimePerToken < 0 {
		errs = append(errs, errors.New("max request body bytes, job duration and job time per token must not be negative"))
	}
	return errors.Join(errs...)
}
