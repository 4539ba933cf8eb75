package emulator

import (
	"net/http"

	"github.com/google/uuid"
)

// maxUsernameLength follows PingOne's limit on usernames.
const maxUsernameLength = 128

// createUser is POST /users with a username; other user properties are not emulated and
// are ignored.
func createUser(c *call) reply {
	if err := requireMediaType(c.r.Header.Get("Content-Type"), ctJSON); err != nil {
		return errReply(err)
	}
	f, perr := parseObject(c.body)
	if perr != nil {
		return errReply(perr)
	}
	name, ok := f.str("username", true)
	switch {
	case !ok:
	case len(name) > maxUsernameLength:
		f.add(invalidValue("username", "username must be at most 128 characters."))
	case c.env.usernames[name] != nil:
		f.add(errorDetail{Code: detailUniquenessViolation, Target: "username",
			Message: "A user with this username already exists in the environment."})
	}
	if err := f.err(); err != nil {
		return errReply(err)
	}
	u := &user{ID: uuid.NewString(), Username: name, CreatedAt: c.now, UpdatedAt: c.e.completedAt(c.now)}
	c.env.addUser(u)
	return createdReply(http.StatusCreated, c.userView(u), c.hrefs().at("/users/"+u.ID).Href)
}

// readUser is GET /users/{userID}.
func readUser(c *call) reply {
	u, rep := c.user()
	if u == nil {
		return rep
	}
	return resource(http.StatusOK, c.userView(u))
}

// deleteUser is DELETE /users/{userID}; the user's devices go with them, unpairing the tokens.
func deleteUser(c *call) reply {
	u, rep := c.user()
	if u == nil {
		return rep
	}
	c.env.removeUser(u)
	return reply{status: http.StatusNoContent, changed: true}
}

// user finds the path's user or answers 404.
func (c *call) user() (*user, reply) {
	id := c.r.PathValue("userID")
	if u, ok := c.env.users[id]; ok {
		return u, reply{}
	}
	return nil, errReply(notFound("the user " + id))
}
