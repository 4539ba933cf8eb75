package emulator

import (
	"cmp"
	"encoding/base64"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// usernameFilter is the SCIM filter the user list supports: username eq or sw a value. Operators
// and the attribute name are case-insensitive, as in SCIM, and so is the comparison, because SCIM
// defines userName as not case-exact.
var usernameFilter = regexp.MustCompile(`^\s*(?i:username)\s+(?i:(eq|sw))\s+"([^"\\]*)"\s*$`)

// listUsers is GET /users: ordered by createdAt then id, filtered by username, paged by an opaque
// cursor that points after the last user shown, as the token list is.
func listUsers(c *call) reply {
	q := c.r.URL.Query()
	pageSize, err := pageSizeOf(c)
	if err != nil {
		return errReply(err)
	}
	match := func(*user) bool { return true }
	if s, ok := q["filter"]; ok {
		m := usernameFilter.FindStringSubmatch(s[0])
		if m == nil {
			return errReply(invalidRequest(invalidValue("filter",
				`Only the filters username eq "<name>" and username sw "<prefix>" are supported.`)))
		}
		op, value := strings.ToLower(m[1]), strings.ToLower(m[2])
		match = func(u *user) bool {
			name := strings.ToLower(u.Username)
			return op == "eq" && name == value || op == "sw" && strings.HasPrefix(name, value)
		}
	}
	var matching []*user
	for _, u := range c.env.users {
		if match(u) {
			matching = append(matching, u)
		}
	}
	slices.SortFunc(matching, func(a, b *user) int {
		return cmp.Or(a.CreatedAt.Compare(b.CreatedAt), cmp.Compare(a.ID, b.ID))
	})
	start := 0
	if s := q.Get("cursor"); s != "" {
		after, ok := decodeCursor(s)
		if !ok {
			return errReply(invalidRequest(invalidValue("cursor", "The cursor is not one this server issued.")))
		}
		start, _ = slices.BinarySearchFunc(matching, after, func(u *user, k cursorKey) int {
			if c := u.CreatedAt.Compare(k.createdAt); c != 0 {
				return c
			}
			if u.ID <= k.id {
				return -1
			}
			return 1
		})
	}
	page := matching[start:min(start+pageSize, len(matching))]
	items := make([]userView, len(page))
	for i, u := range page {
		items[i] = c.userView(u)
	}
	h := c.hrefs()
	l := links{Self: link{Href: h.base + "/users" + encodeQuery(c.r.URL.RawQuery)}}
	if start+len(page) < len(matching) {
		last := page[len(page)-1]
		q.Set("cursor", base64.RawURLEncoding.EncodeToString([]byte(strconv.FormatInt(last.CreatedAt.UnixMilli(), 10)+":"+last.ID)))
		l.Next = &link{Href: h.base + "/users?" + q.Encode()}
	}
	return resource(http.StatusOK, collection{
		Links: l, Embedded: map[string][]userView{"users": items}, Count: len(matching), Size: len(page),
	})
}
