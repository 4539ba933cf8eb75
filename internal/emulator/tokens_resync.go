package emulator

import "net/http"

// resyncToken is POST /oathTokens/{oathTokenID} with two consecutive OTPs. It answers the
// token as it is after the resync.
func resyncToken(c *call) reply {
	if err := requireMediaType(c.r.Header.Get("Content-Type"), ctResync); err != nil {
		return errReply(err)
	}
	t, rep := c.token()
	if t == nil {
		return rep
	}
	f, perr := parseObject(c.body)
	if perr != nil {
		return errReply(perr)
	}
	otps, ok := f.stringList("otps", true)
	if ok && len(otps) != 2 {
		f.add(invalidValue("otps", "otps must hold exactly two consecutive OTPs."))
	}
	if err := f.err(); err != nil {
		return errReply(err)
	}
	if !t.verify(otps, true, c.now) {
		return errReply(invalidData(errorDetail{Code: detailInvalidOTP, Target: "otps",
			Message: "The OTPs are not two consecutive OTPs of this token within the resync window."}))
	}
	rep = resource(http.StatusOK, c.tokenView(t, false))
	rep.changed = true
	return rep
}
