package emulator

import "net/http"

// resyncToken is POST /oathTokens/{oathTokenID} with OTPs of the token, in either documented
// form: two consecutive OTPs in one request, or one OTP in each of two requests. The first of
// two requests answers the token unchanged; the second completes the resync. Each answers the
// token as it is afterwards, or 204 without a body when the resync_answer setting says so.
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
	if ok && len(otps) != 1 && len(otps) != 2 {
		f.add(invalidValue("otps", "otps must hold two consecutive OTPs, or one OTP in each of two requests."))
	}
	if err := f.err(); err != nil {
		return errReply(err)
	}
	changed, accepted := false, false
	if len(otps) == 2 {
		t.pending = nil
		changed = t.verify(otps, true, c.now)
		accepted = changed
	} else {
		changed, accepted = t.resyncStep(otps[0], c.now)
	}
	if !accepted {
		return errReply(invalidData(errorDetail{Code: detailInvalidOTP, Target: "otps",
			Message: "The OTPs are not consecutive OTPs of this token within the resync window."}))
	}
	if c.set.resyncEmpty {
		return reply{status: http.StatusNoContent, changed: changed}
	}
	rep = resource(http.StatusOK, c.tokenView(t, false))
	rep.changed = changed
	return rep
}
