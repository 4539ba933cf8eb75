package emulator

import "net/http"

// The views are the JSON the API returns. They are built under e.mu from the records and hold
// copies, so they can be encoded after the lock is released.

type link struct {
	Href string `json:"href"`
}

type idRef struct {
	ID string `json:"id"`
}

type links struct {
	Self        link  `json:"self"`
	Environment *link `json:"environment,omitempty"`
	User        *link `json:"user,omitempty"`
	Next        *link `json:"next,omitempty"`
}

// tokenView follows the create-HOTP example response key for key; _embedded appears only with
// expand=devices.
type tokenView struct {
	Links         links          `json:"_links"`
	ID            string         `json:"id"`
	Environment   idRef          `json:"environment"`
	SerialNumber  string         `json:"serialNumber"`
	Type          string         `json:"type"`
	HOTP          *hotpView      `json:"hotp,omitempty"`
	TOTP          *totpView      `json:"totp,omitempty"`
	OTPLength     int            `json:"otpLength"`
	HashAlgorithm string         `json:"hashAlgorithm"`
	CreatedAt     string         `json:"createdAt"`
	UpdatedAt     string         `json:"updatedAt"`
	Embedded      *tokenEmbedded `json:"_embedded,omitempty"`
}

type hotpView struct {
	Counter uint64 `json:"counter"`
}

type totpView struct {
	TimeStep int `json:"timeStep"`
	Drift    int `json:"drift"`
}

// tokenEmbedded lists the devices a token is paired with (zero or one): device id, user id
// and the pairing's status.
type tokenEmbedded struct {
	Devices []pairedDevice `json:"devices"`
}

type pairedDevice struct {
	ID     string `json:"id"`
	User   idRef  `json:"user"`
	Status string `json:"status"`
}

type userView struct {
	Links       links  `json:"_links"`
	ID          string `json:"id"`
	Environment idRef  `json:"environment"`
	Username    string `json:"username"`
	CreatedAt   string `json:"createdAt"`
	UpdatedAt   string `json:"updatedAt"`
}

type deviceView struct {
	Links        links  `json:"_links"`
	ID           string `json:"id"`
	Environment  idRef  `json:"environment"`
	User         idRef  `json:"user"`
	Type         string `json:"type"`
	Status       string `json:"status"`
	SerialNumber string `json:"serialNumber"`
	OATHToken    idRef  `json:"oathToken"`
	CreatedAt    string `json:"createdAt"`
	UpdatedAt    string `json:"updatedAt"`
}

type jobView struct {
	Links       links  `json:"_links"`
	ID          string `json:"id"`
	Environment idRef  `json:"environment"`
	Type        string `json:"type"`
	Status      string `json:"status"`
	Reason      string `json:"reason,omitempty"`
	Result      any    `json:"result"`
	CreatedAt   string `json:"createdAt"`
	UpdatedAt   string `json:"updatedAt"`
}

// createResult counts the tokens made so far and lists the rows that made none: serial
// numbers that existed already, and rows that failed.
type createResult struct {
	Created    int             `json:"created"`
	Duplicates []string        `json:"duplicates"`
	Failed     []rowFailedView `json:"failed"`
}

// revokeResult names the ids it could not revoke: unknown ones, paired ones when the job
// did not ask to force the unpairing, and rows that failed.
type revokeResult struct {
	Revoked  int             `json:"revoked"`
	NotFound []string        `json:"notFound"`
	Paired   []string        `json:"paired"`
	Failed   []rowFailedView `json:"failed"`
}

// rowFailedView is one failed row: its place in the request (index from 0, and the rowNumber
// the request gave it), what it named, and why it failed.
type rowFailedView struct {
	Index        int      `json:"index"`
	RowNumber    *int64   `json:"rowNumber,omitempty"`
	SerialNumber string   `json:"serialNumber,omitempty"`
	TokenID      string   `json:"tokenId,omitempty"`
	Error        rowError `json:"error"`
}

type rowError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// collection is PingOne's HAL list: count is every match, size this page.
type collection struct {
	Links    links `json:"_links"`
	Embedded any   `json:"_embedded"`
	Count    int   `json:"count"`
	Size     int   `json:"size"`
}

// hrefs builds absolute links from the Host the client used, as PingOne builds them from its
// own host name.
type hrefs struct {
	base string // "https://host/v1/environments/{envID}"
}

func newHrefs(r *http.Request, envID string) hrefs {
	return hrefs{base: "https://" + r.Host + "/v1/environments/" + envID}
}

func (h hrefs) env() *link { return &link{Href: h.base} }

func (h hrefs) at(path string) link { return link{Href: h.base + path} }

func (c *call) hrefs() hrefs { return newHrefs(c.r, c.env.ID) }

func (c *call) tokenView(t *oathToken, expandDevices bool) tokenView {
	h := c.hrefs()
	v := tokenView{
		Links:        links{Self: h.at("/oathTokens/" + t.ID), Environment: h.env()},
		ID:           t.ID,
		Environment:  idRef{ID: c.env.ID},
		SerialNumber: t.SerialNumber, Type: t.Type, OTPLength: t.OTPLength,
		HashAlgorithm: string(t.HashAlgorithm),
		CreatedAt:     formatTime(t.CreatedAt), UpdatedAt: formatTime(t.UpdatedAt),
	}
	if t.Type == typeHOTP {
		v.HOTP = &hotpView{Counter: t.Counter}
	} else {
		v.TOTP = &totpView{TimeStep: t.TimeStep, Drift: t.Drift}
	}
	if expandDevices {
		v.Embedded = &tokenEmbedded{Devices: []pairedDevice{}}
		if d, ok := c.env.devices[t.DeviceID]; ok {
			v.Embedded.Devices = append(v.Embedded.Devices, pairedDevice{ID: d.ID, User: idRef{ID: d.UserID}, Status: d.Status})
		}
	}
	return v
}

func (c *call) userView(u *user) userView {
	h := c.hrefs()
	return userView{
		Links: links{Self: h.at("/users/" + u.ID), Environment: h.env()},
		ID:    u.ID, Environment: idRef{ID: c.env.ID}, Username: u.Username,
		CreatedAt: formatTime(u.CreatedAt), UpdatedAt: formatTime(u.UpdatedAt),
	}
}

func (c *call) deviceView(d *device) deviceView {
	h := c.hrefs()
	userLink := h.at("/users/" + d.UserID)
	var serial string
	if t, ok := c.env.tokens[d.TokenID]; ok {
		serial = t.SerialNumber
	}
	return deviceView{
		Links: links{Self: h.at("/users/" + d.UserID + "/devices/" + d.ID), Environment: h.env(), User: &userLink},
		ID:    d.ID, Environment: idRef{ID: c.env.ID}, User: idRef{ID: d.UserID},
		Type: "OATH_TOKEN", Status: d.Status, SerialNumber: serial, OATHToken: idRef{ID: d.TokenID},
		CreatedAt: formatTime(d.CreatedAt), UpdatedAt: formatTime(d.UpdatedAt),
	}
}

// jobViewOf is the job as the API shows it; it takes the links' base rather than a call, so
// a request waiting for its job can build it again after the call's lock is gone.
func jobViewOf(h hrefs, envID string, j *job) jobView {
	v := jobView{
		Links: links{Self: h.at("/oathJobs/" + j.ID), Environment: h.env()},
		ID:    j.ID, Environment: idRef{ID: envID}, Type: j.Type, Status: j.Status, Reason: j.Reason,
		CreatedAt: formatTime(j.CreatedAt), UpdatedAt: formatTime(j.UpdatedAt),
	}
	failed := make([]rowFailedView, len(j.Failed))
	for i, f := range j.Failed {
		failed[i] = rowFailedView{Index: f.Index, RowNumber: f.RowNumber, SerialNumber: f.SerialNumber, TokenID: f.TokenID,
			Error: rowError{Code: f.Code, Message: f.Message}}
	}
	if j.Type == jobCreateTokens {
		v.Result = createResult{Created: j.Created, Duplicates: nonNil(j.Duplicates), Failed: failed}
	} else {
		v.Result = revokeResult{Revoked: j.Revoked, NotFound: nonNil(j.NotFound), Paired: nonNil(j.Paired), Failed: failed}
	}
	return v
}

// nonNil makes empty lists encode as [] rather than null, which clients iterate more safely.
func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
