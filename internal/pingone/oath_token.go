package pingone

import (
	"fmt"
	"time"
)

// OATHToken is a hardware OATH token as PingOne returns it. The secret is never returned.
type OATHToken struct {
	ID            string
	EnvironmentID string
	SerialNumber  string
	Type          string // HOTP or TOTP
	HashAlgorithm string
	OTPLength     int
	HOTP          *HOTPSettings
	TOTP          *TOTPSettings
	CreatedAt     time.Time
	UpdatedAt     time.Time
	// Devices lists the MFA devices the token is paired with. It is filled only when devices were
	// asked for (expand=devices); then an unpaired token has an empty, non-nil slice.
	Devices []PairedDevice
}

// HOTPSettings holds a HOTP token's counter.
type HOTPSettings struct {
	Counter int64 `json:"counter"`
}

// TOTPSettings holds a TOTP token's time step and, on reads, its drift.
type TOTPSettings struct {
	TimeStep int `json:"timeStep"`
	// Drift is read-only: the token's clock minus the server's, in time steps. It is never sent.
	Drift int `json:"drift,omitempty"`
}

// PairedDevice is one MFA device a token is paired with. Status is the device's status when the
// answer gives it (ACTIVATION_REQUIRED or ACTIVE), and empty when it does not: PingOne documents
// the expanded devices' IDs and users, not their statuses.
type PairedDevice struct {
	DeviceID string
	UserID   string
	Status   string
}

// OATHTokenCreate is what a create sends.
type OATHTokenCreate struct {
	SerialNumber  string
	Secret        string
	Type          string
	OTPLength     int
	HashAlgorithm string // empty leaves PingOne's default (HmacSHA1)
	HOTP          *HOTPSettings
	TOTP          *TOTPSettings
}

// createTokenJSON is the create body. TOTP settings are narrowed to the time step, because the
// drift is read-only and sending it would be refused or, worse, silently ignored.
type createTokenJSON struct {
	SerialNumber  string        `json:"serialNumber"`
	Secret        string        `json:"secret"`
	Type          string        `json:"type"`
	OTPLength     int           `json:"otpLength,omitempty"`
	HashAlgorithm string        `json:"hashAlgorithm,omitempty"`
	HOTP          *HOTPSettings `json:"hotp,omitempty"`
	TOTP          *totpCreate   `json:"totp,omitempty"`
}

type totpCreate struct {
	TimeStep int `json:"timeStep"`
}

func (in OATHTokenCreate) toJSON() createTokenJSON {
	out := createTokenJSON{
		SerialNumber:  in.SerialNumber,
		Secret:        in.Secret,
		Type:          in.Type,
		OTPLength:     in.OTPLength,
		HashAlgorithm: in.HashAlgorithm,
	}
	if in.HOTP != nil {
		h := *in.HOTP
		out.HOTP = &h
	}
	if in.TOTP != nil {
		out.TOTP = &totpCreate{TimeStep: in.TOTP.TimeStep}
	}
	return out
}

// tokenJSON is a token as the API sends it. Devices are accepted in two shapes, under _embedded
// and at the top level, because the documentation does not pin the expanded form down.
type tokenJSON struct {
	ID          string `json:"id"`
	Environment *struct {
		ID string `json:"id"`
	} `json:"environment"`
	SerialNumber  string        `json:"serialNumber"`
	Type          string        `json:"type"`
	OTPLength     int           `json:"otpLength"`
	HashAlgorithm string        `json:"hashAlgorithm"`
	HOTP          *HOTPSettings `json:"hotp"`
	TOTP          *TOTPSettings `json:"totp"`
	CreatedAt     string        `json:"createdAt"`
	UpdatedAt     string        `json:"updatedAt"`
	Devices       []deviceJSON  `json:"devices"`
	Embedded      struct {
		Devices []deviceJSON `json:"devices"`
	} `json:"_embedded"`
}

// deviceJSON is a paired device: the user as a nested object, or as a plain userId.
type deviceJSON struct {
	ID   string `json:"id"`
	User *struct {
		ID string `json:"id"`
	} `json:"user"`
	UserID string `json:"userId"`
	Status string `json:"status"`
}

func (t tokenJSON) toToken() (OATHToken, error) {
	out := OATHToken{
		ID:            t.ID,
		SerialNumber:  t.SerialNumber,
		Type:          t.Type,
		HashAlgorithm: t.HashAlgorithm,
		OTPLength:     t.OTPLength,
		HOTP:          t.HOTP,
		TOTP:          t.TOTP,
	}
	if t.Environment != nil {
		out.EnvironmentID = t.Environment.ID
	}
	var err error
	if out.CreatedAt, err = parseTime(t.CreatedAt); err != nil {
		return out, fmt.Errorf("token %s createdAt: %w", t.ID, err)
	}
	if out.UpdatedAt, err = parseTime(t.UpdatedAt); err != nil {
		return out, fmt.Errorf("token %s updatedAt: %w", t.ID, err)
	}
	out.Devices = mergeDevices(t.Embedded.Devices, t.Devices)
	return out, nil
}

// mergeDevices joins both device shapes, each device once. The result is nil only when neither
// shape was present, so callers can tell "not asked for" from "none paired".
func mergeDevices(lists ...[]deviceJSON) []PairedDevice {
	var out []PairedDevice
	seen := map[string]bool{}
	for _, list := range lists {
		if list == nil {
			continue
		}
		if out == nil {
			out = []PairedDevice{}
		}
		for _, d := range list {
			if seen[d.ID] {
				continue
			}
			seen[d.ID] = true
			userID := d.UserID
			if d.User != nil && d.User.ID != "" {
				userID = d.User.ID
			}
			out = append(out, PairedDevice{DeviceID: d.ID, UserID: userID, Status: d.Status})
		}
	}
	return out
}

// parseTime reads PingOne's timestamps (RFC 3339 with milliseconds); an absent one is zero.
func parseTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	return time.Parse(time.RFC3339Nano, s)
}
