package emulator

import (
	"encoding/base64"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// serialFilter is the one SCIM filter the list supports. The operator is case-insensitive, as
// in SCIM; the value is compared exactly.
var serialFilter = regexp.MustCompile(`^\s*serialNumber\s+(?i:eq)\s+"([^"\\]*)"\s*$`)

// listTokens is GET /oathTokens: ordered by createdAt then id, paged by an opaque cursor that
// points after the last token shown, so paging stays consistent while tokens come and go.
func listTokens(c *call) reply {
	q := c.r.URL.Query()
	expand, err := parseExpand(c.r)
	if err != nil {
		return errReply(err)
	}
	pageSize, err := pageSizeOf(c)
	if err != nil {
		return errReply(err)
	}
	matching := c.env.order
	if s, ok := q["filter"]; ok {
		m := serialFilter.FindStringSubmatch(s[0])
		if m == nil {
			return errReply(invalidRequest(invalidValue("filter", `Only the filter serialNumber eq "<serial>" is supported.`)))
		}
		matching = nil
		if t, ok := c.env.bySerial[m[1]]; ok {
			matching = []*oathToken{t}
		}
	}
	start := 0
	if s := q.Get("cursor"); s != "" {
		after, ok := decodeCursor(s)
		if !ok {
			return errReply(invalidRequest(invalidValue("cursor", "The cursor is not one this server issued.")))
		}
		start, _ = slices.BinarySearchFunc(matching, after, afterCursor)
	}
	page := matching[start:min(start+pageSize, len(matching))]
	items := make([]tokenView, len(page))
	for i, t := range page {
		items[i] = c.tokenView(t, expand)
	}
	h := c.hrefs()
	l := links{Self: link{Href: h.base + "/oathTokens" + encodeQuery(c.r.URL.RawQuery)}}
	if start+len(page) < len(matching) {
		q.Set("cursor", encodeCursor(page[len(page)-1]))
		l.Next = &link{Href: h.base + "/oathTokens?" + q.Encode()}
	}
	return resource(http.StatusOK, collection{
		Links: l, Embedded: map[string][]tokenView{"oathTokens": items}, Count: len(matching), Size: len(page),
	})
}

func encodeQuery(raw string) string {
	if raw == "" {
		return ""
	}
	return "?" + raw
}

// parseExpand accepts expand=devices, the only expansion OATH tokens have.
func parseExpand(r *http.Request) (bool, *apiError) {
	q := r.URL.Query()
	if _, ok := q["expand"]; !ok {
		return false, nil
	}
	if q.Get("expand") != "devices" {
		return false, invalidRequest(errorDetail{Code: detailInvalidValue, Target: "expand",
			Message: "expand must be devices.", InnerError: &innerError{AllowedValues: []string{"devices"}}})
	}
	return true, nil
}

// cursorKey is the sort key of the last token on a page.
type cursorKey struct {
	createdAt time.Time
	id        string
}

// afterCursor orders a token against a cursor so that the search lands on the first token
// after it, whether or not the cursor's token still exists.
func afterCursor(t *oathToken, k cursorKey) int {
	if c := t.CreatedAt.Compare(k.createdAt); c != 0 {
		return c
	}
	if t.ID <= k.id {
		return -1
	}
	return 1
}

func encodeCursor(t *oathToken) string {
	return base64.RawURLEncoding.EncodeToString([]byte(strconv.FormatInt(t.CreatedAt.UnixMilli(), 10) + ":" + t.ID))
}

func decodeCursor(s string) (cursorKey, bool) {
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return cursorKey{}, false
	}
	ms, id, ok := strings.Cut(string(raw), ":")
	n, err := strconv.ParseInt(ms, 10, 64)
	if !ok || err != nil || id == "" {
		return cursorKey{}, false
	}
	return cursorKey{createdAt: time.UnixMilli(n).UTC(), id: id}, true
}

// pageSizeOf is a list's page size: the emulator's, or the request's smaller limit.
func pageSizeOf(c *call) (int, *apiError) {
	pageSize := c.set.pageSize
	if s := c.r.URL.Query().Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			return 0, invalidRequest(invalidValue("limit", "limit must be a positive integer."))
		}
		pageSize = min(n, pageSize)
	}
	return pageSize, nil
}
