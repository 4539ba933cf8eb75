package emulator

import (
	"fmt"
	"net/http"

	"github.com/google/uuid"
)

// createToken is POST /oathTokens: one HOTP or TOTP token.
func createToken(c *call) reply {
	if err := requireMediaType(c.r.Header.Get("Content-Type"), ctJSON); err != nil {
		return errReply(err)
	}
	f, perr := parseObject(c.body)
	if perr != nil {
		return errReply(perr)
	}
	spec, ok := parseTokenSpec(f)
	if ok && c.env.bySerial[spec.serial] != nil {
		f.add(errorDetail{Code: detailUniquenessViolation, Target: "serialNumber",
			Message: "An OATH token with this serial number already exists in the environment."})
	}
	if err := f.err(); err != nil {
		return errReply(err)
	}
	if len(c.env.tokens) >= c.set.maxTokens {
		return errReply(sizeLimitExceeded(c.set.maxTokens))
	}
	t := spec.token(uuid.NewString(), c.now)
	t.UpdatedAt = c.e.completedAt(t.CreatedAt)
	c.env.addToken(t)
	return createdReply(http.StatusCreated, c.tokenView(t, false), c.hrefs().at("/oathTokens/"+t.ID).Href)
}

func sizeLimitExceeded(limit int) *apiError {
	return invalidData(errorDetail{Code: detailSizeLimitExceeded,
		Message: fmt.Sprintf("The environment already holds the maximum of %d OATH tokens.", limit)})
}

// readToken is GET /oathTokens/{oathTokenID}, with expand=devices as on the list.
func readToken(c *call) reply {
	expand, err := parseExpand(c.r)
	if err != nil {
		return errReply(err)
	}
	t, rep := c.token()
	if t == nil {
		return rep
	}
	return resource(http.StatusOK, c.tokenView(t, expand))
}

// revokeToken is DELETE /oathTokens/{oathTokenID}: it revokes a paired token too, unpairing it.
func revokeToken(c *call) reply {
	t, rep := c.token()
	if t == nil {
		return rep
	}
	c.env.removeToken(t)
	return reply{status: http.StatusNoContent, changed: true}
}

// token finds the path's token or answers 404.
func (c *call) token() (*oathToken, reply) {
	id := c.r.PathValue("oathTokenID")
	if t, ok := c.env.tokens[id]; ok {
		return t, reply{}
	}
	return nil, errReply(notFound("the OATH token " + id))
}
