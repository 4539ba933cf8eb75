package emulator

import (
	"time"

	"github.com/oathtokens/terraform-provider-pingone/internal/otp"
)

// state is everything the emulator knows; e.mu guards it. The records below it carry JSON
// tags because the state file stores them as they are (see persist.go).
type state struct {
	adminEnvID   string
	targetEnvID  string
	clientID     string
	clientSecret string
	// signingKey signs access tokens, so tokens issued before a restart stay valid after it.
	signingKey []byte
	envs       map[string]*environment
}

// environment is one PingOne environment with everything that lives in it.
type environment struct {
	ID        string
	Role      bool // Whether the worker application holds a role here.
	CreatedAt time.Time

	tokens    map[string]*oathToken
	bySerial  map[string]*oathToken
	order     []*oathToken // Sorted by createdAt then id: the list order.
	users     map[string]*user
	usernames map[string]*user
	devices   map[string]*device
	jobs      map[string]*job
	running   []*job // Jobs IN_PROGRESS, in submission order.
}

// Token types, as the API spells them.
const (
	typeHOTP = "HOTP"
	typeTOTP = "TOTP"
)

// oathToken is a stored OATH token, secret included.
type oathToken struct {
	ID            string        `json:"id"`
	SerialNumber  string        `json:"serial_number"`
	Secret        string        `json:"secret"` // Hexadecimal, as created.
	Type          string        `json:"type"`
	OTPLength     int           `json:"otp_length"`
	HashAlgorithm otp.Algorithm `json:"hash_algorithm"`
	Counter       uint64        `json:"counter"`   // HOTP: the next counter the server accepts.
	TimeStep      int           `json:"time_step"` // TOTP: seconds.
	Drift         int           `json:"drift"`     // TOTP: token clock minus server clock, in steps.
	CreatedAt     time.Time     `json:"created_at"`
	UpdatedAt     time.Time     `json:"updated_at"`
	DeviceID      string        `json:"device_id,omitempty"` // The device it is paired with, if any.

	key []byte // Secret decoded once, so verifying OTPs does not decode hex each time.
	// pending is the first OTP of a two-request resync; it is not kept across restarts.
	pending *pendingResync
}

// Device statuses, as the API spells them.
const (
	deviceActivationRequired = "ACTIVATION_REQUIRED"
	deviceActive             = "ACTIVE"
)

// user is an environment user, only as much as pairing needs.
type user struct {
	ID        string    `json:"id"`
	Username  string    `json:"username"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// device is an OATH_TOKEN MFA device: the pairing of one token with one user.
type device struct {
	ID        string    `json:"id"`
	UserID    string    `json:"user_id"`
	TokenID   string    `json:"token_id"`
	Status    string    `json:"status"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Job types and statuses, as the API spells them.
const (
	jobCreateTokens = "CREATE_OATH_TOKENS"
	jobRevokeTokens = "REVOKE_OATH_TOKENS"
	jobInProgress   = "IN_PROGRESS"
	jobDone         = "DONE"
	jobFailed       = "FAILED"
)

// job is a batch job. It runs one row at a time: the first row is due Duration after it was
// submitted, each further one PerRow later; rows are carried out lazily, when a request to the
// environment (or a Go-side look) comes at or after their time, so a fake clock drives jobs
// as exactly as it drives TOTP.
type job struct {
	ID         string      `json:"id"`
	Type       string      `json:"type"`
	Status     string      `json:"status"`
	Reason     string      `json:"reason,omitempty"`
	Created    int         `json:"created"`
	Duplicates []string    `json:"duplicates,omitempty"`
	Revoked    int         `json:"revoked"`
	NotFound   []string    `json:"not_found,omitempty"`
	Paired     []string    `json:"paired,omitempty"`
	Failed     []rowFailed `json:"failed,omitempty"`
	CreatedAt  time.Time   `json:"created_at"`
	UpdatedAt  time.Time   `json:"updated_at"`

	// What a job IN_PROGRESS still has to do; Rows is dropped when it ends, secrets with it.
	Rows        []jobRow      `json:"rows,omitempty"`
	Done        int           `json:"done"` // Rows carried out so far.
	StartAt     time.Time     `json:"start_at"`
	PerRow      time.Duration `json:"per_row"`
	StallAfter  int           `json:"stall_after"` // Rows after which the job stops for good; -1: never.
	ForceUnpair bool          `json:"force_unpair,omitempty"`
	MaxTokens   int           `json:"max_tokens"`
	// FailWith is set when the whole job must fail (it would pass the token limit); it then
	// ends FAILED at StartAt with this reason, having done nothing.
	FailWith string `json:"fail_with,omitempty"`
}

// jobRow is one item of a job: a token to create (its id chosen already) or a token id to
// revoke, with its place in the request and the failure injected for it, if any.
type jobRow struct {
	Index     int            `json:"index"`
	RowNumber *int64         `json:"row_number,omitempty"`
	Token     *oathToken     `json:"token,omitempty"`
	TokenID   string         `json:"token_id,omitempty"`
	Failure   *JobRowFailure `json:"failure,omitempty"`
}

// rowFailed is the result of a row that failed while the others went on.
type rowFailed struct {
	Index        int    `json:"index"`
	RowNumber    *int64 `json:"row_number,omitempty"`
	SerialNumber string `json:"serial_number,omitempty"`
	TokenID      string `json:"token_id,omitempty"`
	Code         string `json:"code"`
	Message      string `json:"message"`
}
