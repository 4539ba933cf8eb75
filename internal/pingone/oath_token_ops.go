package pingone

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
)

const (
	contentTypeJSON   = "application/json"
	contentTypeResync = "application/vnd.pingidentity.device.resync+json"
)

// CreateOATHToken creates a token. The request is retried like any other, so a create whose
// answer was lost can come back as a duplicate (IsDuplicate); the caller adopts the existing token.
func (c *Client) CreateOATHToken(ctx context.Context, envID string, in OATHTokenCreate) (*OATHToken, error) {
	ctx = withLogger(ctx)
	op := fmt.Sprintf("create OATH token %q", in.SerialNumber)
	if err := requireID(op, "environment ID", envID); err != nil {
		return nil, err
	}
	body, err := json.Marshal(in.toJSON())
	if err != nil {
		return nil, fmt.Errorf("%s: encode request: %w", op, err)
	}
	resp, err := c.do(ctx, apiCall{
		op:          op,
		method:      http.MethodPost,
		url:         c.envURL(envID, "oathTokens"),
		contentType: contentTypeJSON,
		body:        body,
		secrets:     []string{in.Secret},
	})
	if err != nil {
		return nil, err
	}
	return decodeToken(op, resp)
}

// ReadOATHToken reads one token; an unknown id is an error for which IsNotFound is true.
func (c *Client) ReadOATHToken(ctx context.Context, envID, tokenID string) (*OATHToken, error) {
	return c.readOATHToken(withLogger(ctx), envID, tokenID, false)
}

// ReadOATHTokenWithDevices reads one token by its ID with the MFA devices it is paired with, so
// Devices is never nil. A read by ID is what a refresh right after a create can rely on: a list
// filtered by serial number may lag behind a write. PingOne documents expand=devices for the
// list; when a server answers the single read without devices, the filtered list fills them in.
func (c *Client) ReadOATHTokenWithDevices(ctx context.Context, envID, tokenID string) (*OATHToken, error) {
	ctx = withLogger(ctx)
	token, err := c.readOATHToken(ctx, envID, tokenID, true)
	if err != nil || token.Devices != nil {
		return token, err
	}
	listed, err := c.FindOATHTokenBySerial(ctx, envID, token.SerialNumber, true)
	if err != nil && !IsNotFound(err) {
		return nil, err
	}
	if err != nil || !SameID(listed.ID, token.ID) {
		// Revoked between the two calls (and perhaps another token made with its serial number).
		return nil, &Error{
			Operation: "read OATH token " + tokenID,
			Code:      "NOT_FOUND",
			Message:   fmt.Sprintf("OATH token %s was revoked while it was being read", tokenID),
			NotFound:  true,
		}
	}
	return listed, nil
}

func (c *Client) readOATHToken(ctx context.Context, envID, tokenID string, expandDevices bool) (*OATHToken, error) {
	op := "read OATH token " + tokenID
	if err := requireID(op, "environment ID", envID); err != nil {
		return nil, err
	}
	if err := requireID(op, "token ID", tokenID); err != nil {
		return nil, err
	}
	target := c.envURL(envID, "oathTokens", tokenID)
	if expandDevices {
		target += "?expand=devices"
	}
	resp, err := c.do(ctx, apiCall{op: op, method: http.MethodGet, url: target})
	if err != nil {
		return nil, err
	}
	return decodeToken(op, resp)
}

// RevokeOATHToken deletes a token; PingOne unpairs it from its device first. A token that is
// already gone is an error for which IsNotFound is true, so the caller decides whether that is
// fine.
func (c *Client) RevokeOATHToken(ctx context.Context, envID, tokenID string) error {
	ctx = withLogger(ctx)
	op := "revoke OATH token " + tokenID
	if err := requireID(op, "environment ID", envID); err != nil {
		return err
	}
	if err := requireID(op, "token ID", tokenID); err != nil {
		return err
	}
	_, err := c.do(ctx, apiCall{op: op, method: http.MethodDelete, url: c.envURL(envID, "oathTokens", tokenID)})
	return err
}

// ResyncOATHToken realigns PingOne's counter (HOTP) or drift (TOTP) with a token, given two
// consecutive OTPs it displayed.
func (c *Client) ResyncOATHToken(ctx context.Context, envID, tokenID string, otp1, otp2 string) (*OATHToken, error) {
	ctx = withLogger(ctx)
	op := "resync OATH token " + tokenID
	if err := requireID(op, "environment ID", envID); err != nil {
		return nil, err
	}
	if err := requireID(op, "token ID", tokenID); err != nil {
		return nil, err
	}
	body, err := json.Marshal(struct {
		OTPs []string `json:"otps"`
	}{OTPs: []string{otp1, otp2}})
	if err != nil {
		return nil, fmt.Errorf("%s: encode request: %w", op, err)
	}
	resp, err := c.do(ctx, apiCall{
		op:          op,
		method:      http.MethodPost,
		url:         c.envURL(envID, "oathTokens", tokenID),
		contentType: contentTypeResync,
		body:        body,
	})
	if err != nil {
		return nil, err
	}
	if len(resp.body) == 0 {
		// The documentation does not promise a body here; the state after the resync is read
		// instead of guessed.
		return c.ReadOATHToken(ctx, envID, tokenID)
	}
	return decodeToken(op, resp)
}

// decodeToken decodes one token from a successful answer.
func decodeToken(op string, resp apiResponse) (*OATHToken, error) {
	var tj tokenJSON
	if err := decodeJSON(op, resp, &tj); err != nil {
		return nil, err
	}
	t, err := tj.toToken()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	return &t, nil
}
