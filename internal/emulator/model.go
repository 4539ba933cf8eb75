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
	jobDone         = "DONE"
	jobFailed       = "FAILED"
)

// job is a finished batch job: the emulator runs jobs before answering the request.
type job struct {
	ID         string    `json:"id"`
	Type       string    `json:"type"`
	Status     string    `json:"status"`
	Reason     string    `json:"reason,omitempty"`
	Created    int       `json:"created"`
	Duplicates []string  `json:"duplicates,omitempty"`
	Revoked    int       `json:"revoked"`
	NotFound   []string  `json:"not_found,omitempty"`
	Paired     []string  `json:"paired,omitempty"`
	CreatedAt  time.Time `json:"created_at"`
	UpdatedAt  time.Time `json:"updated_at"`
}
