package emulator

import (
	"net/http"

	"github.com/google/uuid"
)

// pairDevice is POST /users/{userID}/devices with type OATH_TOKEN and a serial number: it
// pairs the token with the user, pending activation with an OTP.
func pairDevice(c *call) reply {
	if err := requireMediaType(c.r.Header.Get("Content-Type"), ctJSON); err != nil {
		return errReply(err)
	}
	u, rep := c.user()
	if u == nil {
		return rep
	}
	f, perr := parseObject(c.body)
	if perr != nil {
		return errReply(perr)
	}
	f.oneOf("type", true, "OATH_TOKEN")
	serial, ok := f.str("serialNumber", true)
	t := c.env.bySerial[serial]
	switch {
	case !ok:
	case t == nil:
		f.add(invalidValue("serialNumber", "No OATH token with this serial number exists in the environment."))
	case t.DeviceID != "":
		f.add(invalidValue("serialNumber", "The OATH token is already paired with a device."))
	}
	if err := f.err(); err != nil {
		return errReply(err)
	}
	d := &device{ID: uuid.NewString(), UserID: u.ID, TokenID: t.ID, Status: deviceActivationRequired,
		CreatedAt: c.now, UpdatedAt: c.e.completedAt(c.now)}
	c.env.addDevice(d, t)
	return createdReply(http.StatusCreated, c.deviceView(d), c.hrefs().at("/users/"+u.ID+"/devices/"+d.ID).Href)
}

// activateDevice is POST /users/{userID}/devices/{deviceID} with an OTP from the token. With
// oathResync the resync windows apply (and a TOTP drift is learnt); the HOTP counter moves
// past the OTP either way.
func activateDevice(c *call) reply {
	if err := requireMediaType(c.r.Header.Get("Content-Type"), ctActivate); err != nil {
		return errReply(err)
	}
	d, rep := c.device()
	if d == nil {
		return rep
	}
	f, perr := parseObject(c.body)
	if perr != nil {
		return errReply(perr)
	}
	code, _ := f.str("otp", true)
	resync := f.boolean("oathResync", false)
	if err := f.err(); err != nil {
		return errReply(err)
	}
	if d.Status == deviceActive {
		return errReply(invalidRequest(invalidValue("status", "The device is already active.")))
	}
	t := c.env.tokens[d.TokenID]
	if !t.verify([]string{code}, resync, c.now) {
		return errReply(invalidData(errorDetail{Code: detailInvalidOTP, Target: "otp",
			Message: "The OTP is not valid for this token."}))
	}
	d.Status, d.UpdatedAt = deviceActive, c.now
	rep = resource(http.StatusOK, c.deviceView(d))
	rep.changed = true
	return rep
}

// readDevice is GET /users/{userID}/devices/{deviceID}.
func readDevice(c *call) reply {
	d, rep := c.device()
	if d == nil {
		return rep
	}
	return resource(http.StatusOK, c.deviceView(d))
}

// listDevices is GET /users/{userID}/devices, in creation order, on one page.
func listDevices(c *call) reply {
	u, rep := c.user()
	if u == nil {
		return rep
	}
	devs := c.env.userDevices(u.ID)
	items := make([]deviceView, len(devs))
	for i, d := range devs {
		items[i] = c.deviceView(d)
	}
	h := c.hrefs()
	return resource(http.StatusOK, collection{
		Links:    links{Self: h.at("/users/" + u.ID + "/devices")},
		Embedded: map[string][]deviceView{"devices": items}, Count: len(items), Size: len(items),
	})
}

// unpairDevice is DELETE /users/{userID}/devices/{deviceID}; the token stays and may pair again.
func unpairDevice(c *call) reply {
	d, rep := c.device()
	if d == nil {
		return rep
	}
	c.env.removeDevice(d)
	return reply{status: http.StatusNoContent, changed: true}
}

// device finds the path's device of the path's user, or answers 404 for either.
func (c *call) device() (*device, reply) {
	u, rep := c.user()
	if u == nil {
		return nil, rep
	}
	id := c.r.PathValue("deviceID")
	if d, ok := c.env.devices[id]; ok && d.UserID == u.ID {
		return d, reply{}
	}
	return nil, errReply(notFound("the device " + id))
}
