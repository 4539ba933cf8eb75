package pingone

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

// Device types and statuses PingOne documents for a user's MFA devices.
const (
	DeviceTypeOATHToken = "OATH_TOKEN"

	DeviceStatusActivationRequired = "ACTIVATION_REQUIRED"
	DeviceStatusActive             = "ACTIVE"
)

// UserDevice is one of a user's MFA devices as PingOne returns it. For an OATH token device,
// SerialNumber names the token and OATHTokenID is its ID when PingOne says so.
type UserDevice struct {
	ID            string
	EnvironmentID string
	UserID        string
	Type          string
	Status        string
	SerialNumber  string
	OATHTokenID   string
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// userDeviceJSON is a device as the API sends it.
type userDeviceJSON struct {
	ID          string     `json:"id"`
	Environment *deviceRef `json:"environment"`
	User        *deviceRef `json:"user"`
	Type        string     `json:"type"`
	Status      string     `json:"status"`
	// The serial number and token are documented for OATH token devices only.
	SerialNumber string     `json:"serialNumber"`
	OATHToken    *deviceRef `json:"oathToken"`
	CreatedAt    string     `json:"createdAt"`
	UpdatedAt    string     `json:"updatedAt"`
}

// deviceRef is a reference to another object, as PingOne nests them: {"id": "..."}.
type deviceRef struct {
	ID string `json:"id"`
}

func (d userDeviceJSON) toDevice() (UserDevice, error) {
	out := UserDevice{ID: d.ID, Type: d.Type, Status: d.Status, SerialNumber: d.SerialNumber}
	if d.Environment != nil {
		out.EnvironmentID = d.Environment.ID
	}
	if d.User != nil {
		out.UserID = d.User.ID
	}
	if d.OATHToken != nil {
		out.OATHTokenID = d.OATHToken.ID
	}
	var err error
	if out.CreatedAt, err = parseTime(d.CreatedAt); err != nil {
		return out, fmt.Errorf("device %s createdAt: %w", d.ID, err)
	}
	if out.UpdatedAt, err = parseTime(d.UpdatedAt); err != nil {
		return out, fmt.Errorf("device %s updatedAt: %w", d.ID, err)
	}
	return out, nil
}

// PairOATHToken pairs the token with the serial number with the user: PingOne creates an MFA
// device of type OATH_TOKEN, ACTIVATION_REQUIRED until an OTP from the token activates it. The
// request is retried like any other, so a pairing whose answer was lost comes back as a 400 on
// serialNumber (the token is paired now); RetriedAfterAmbiguousFailure then tells the caller to
// look before it reports an error.
func (c *Client) PairOATHToken(ctx context.Context, envID, userID, serial string) (*UserDevice, error) {
	ctx = withLogger(ctx)
	op := fmt.Sprintf("pair OATH token %q with user %s", serial, userID)
	if err := requireUserIDs(op, envID, userID); err != nil {
		return nil, err
	}
	body, err := json.Marshal(struct {
		Type         string `json:"type"`
		SerialNumber string `json:"serialNumber"`
	}{Type: DeviceTypeOATHToken, SerialNumber: serial})
	if err != nil {
		return nil, fmt.Errorf("%s: encode request: %w", op, err)
	}
	resp, err := c.do(ctx, apiCall{
		op:          op,
		method:      http.MethodPost,
		url:         c.envURL(envID, "users", userID, "devices"),
		contentType: contentTypeJSON,
		body:        body,
	})
	if err != nil {
		return nil, err
	}
	return decodeDevice(op, resp)
}

// ReadUserDevice reads one of a user's devices; an unknown device or user is an error for which
// IsNotFound is true.
func (c *Client) ReadUserDevice(ctx context.Context, envID, userID, deviceID string) (*UserDevice, error) {
	return c.readUserDevice(withLogger(ctx), envID, userID, deviceID)
}

func (c *Client) readUserDevice(ctx context.Context, envID, userID, deviceID string) (*UserDevice, error) {
	op := fmt.Sprintf("read MFA device %s of user %s", deviceID, userID)
	if err := requireDeviceIDs(op, envID, userID, deviceID); err != nil {
		return nil, err
	}
	resp, err := c.do(ctx, apiCall{op: op, method: http.MethodGet, url: c.envURL(envID, "users", userID, "devices", deviceID)})
	if err != nil {
		return nil, err
	}
	return decodeDevice(op, resp)
}

// UnpairUserDevice deletes one of a user's devices; for an OATH token device the token stays in
// the environment, unpaired. A device that is already gone is an error for which IsNotFound is
// true, so the caller decides whether that is fine.
func (c *Client) UnpairUserDevice(ctx context.Context, envID, userID, deviceID string) error {
	ctx = withLogger(ctx)
	op := fmt.Sprintf("unpair MFA device %s of user %s", deviceID, userID)
	if err := requireDeviceIDs(op, envID, userID, deviceID); err != nil {
		return err
	}
	_, err := c.do(ctx, apiCall{op: op, method: http.MethodDelete, url: c.envURL(envID, "users", userID, "devices", deviceID)})
	return err
}

// devicePage is one page of a user's devices.
type devicePage struct {
	Links struct {
		Next *struct {
			Href string `json:"href"`
		} `json:"next"`
	} `json:"_links"`
	Embedded struct {
		Devices []userDeviceJSON `json:"devices"`
	} `json:"_embedded"`
}

// ListUserDevices lists a user's MFA devices of every type, following _links.next to the last
// page should PingOne ever page them. An unknown user is an error for which IsNotFound is true.
func (c *Client) ListUserDevices(ctx context.Context, envID, userID string) ([]UserDevice, error) {
	ctx = withLogger(ctx)
	op := "list MFA devices of user " + userID
	if err := requireUserIDs(op, envID, userID); err != nil {
		return nil, err
	}
	next := c.envURL(envID, "users", userID, "devices")
	seen := map[string]bool{}
	var out []UserDevice
	for page := 1; next != ""; page++ {
		if seen[next] {
			return nil, fmt.Errorf("%s: page %d links back to a page already read (%s)", op, page, next)
		}
		seen[next] = true
		resp, err := c.do(ctx, apiCall{op: op, method: http.MethodGet, url: next})
		if err != nil {
			return nil, err
		}
		var p devicePage
		if err := decodeJSON(op, resp, &p); err != nil {
			return nil, err
		}
		for _, dj := range p.Embedded.Devices {
			d, err := dj.toDevice()
			if err != nil {
				return nil, fmt.Errorf("%s: %w", op, err)
			}
			out = append(out, d)
		}
		current := next
		next = ""
		if p.Links.Next != nil && p.Links.Next.Href != "" {
			if next, err = c.followLink(current, p.Links.Next.Href); err != nil {
				return nil, fmt.Errorf("%s: page %d: %w", op, page, err)
			}
		}
	}
	return out, nil
}

// requireUserIDs checks the environment and user path parameters of a device call.
func requireUserIDs(op, envID, userID string) error {
	if err := requireID(op, "environment ID", envID); err != nil {
		return err
	}
	return requireID(op, "user ID", userID)
}

// requireDeviceIDs also checks the device, for the calls on one device.
func requireDeviceIDs(op, envID, userID, deviceID string) error {
	if err := requireUserIDs(op, envID, userID); err != nil {
		return err
	}
	return requireID(op, "device ID", deviceID)
}

// decodeDevice decodes one device from a successful answer.
func decodeDevice(op string, resp apiResponse) (*UserDevice, error) {
	var dj userDeviceJSON
	if err := decodeJSON(op, resp, &dj); err != nil {
		return nil, err
	}
	d, err := dj.toDevice()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	return &d, nil
}
