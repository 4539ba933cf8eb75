package emulator

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
)

// TestListUsers lists users filtered by username, eq and sw, case-insensitively, page by page
// through the next links, each user once, and refuses filters it does not support. (Users made
// in the same millisecond are ordered by ID, so the lists are compared sorted.)
func TestListUsers(t *testing.T) {
	h := start(t, Options{PageSize: 2})
	for _, name := range []string{"tfacc1-alice", "bob", "TFACC2-carol", "tfacc1-dave", "tfacc3-erin"} {
		h.createUser(name)
	}
	list := func(query string) []string {
		t.Helper()
		var names []string
		path := "/users?" + query
		for pages := 0; path != ""; pages++ {
			if pages > 5 {
				t.Fatalf("the list of %s does not end", query)
			}
			r := h.api("GET", path, "", nil)
			if r.status != http.StatusOK {
				t.Fatalf("GET %s: %d %s", path, r.status, r.body)
			}
			var page struct {
				Links struct {
					Next *struct{ Href string } `json:"next"`
				} `json:"_links"`
				Embedded struct {
					Users []struct{ Username string } `json:"users"`
				} `json:"_embedded"`
				Size int `json:"size"`
			}
			r.decode(t, &page)
			if page.Size != len(page.Embedded.Users) || page.Size > 2 {
				t.Fatalf("page of size %d holds %d users, page size 2", page.Size, len(page.Embedded.Users))
			}
			for _, u := range page.Embedded.Users {
				names = append(names, u.Username)
			}
			path = ""
			if page.Links.Next != nil {
				next, err := url.Parse(page.Links.Next.Href)
				if err != nil {
					t.Fatal(err)
				}
				path = strings.TrimPrefix(next.Path, "/v1/environments/"+h.env) + "?" + next.RawQuery
			}
		}
		slices.Sort(names)
		return names
	}
	for query, want := range map[string]string{
		"": "TFACC2-carol bob tfacc1-alice tfacc1-dave tfacc3-erin",
		url.Values{"filter": {`username sw "TFacc"`}}.Encode():                 "TFACC2-carol tfacc1-alice tfacc1-dave tfacc3-erin",
		url.Values{"filter": {`USERNAME SW "tfacc1-"`}}.Encode():               "tfacc1-alice tfacc1-dave",
		url.Values{"filter": {`username eq "Bob"`}}.Encode():                   "bob",
		url.Values{"filter": {`username eq "nobody"`}}.Encode():                "",
		url.Values{"filter": {`username sw "tfacc"`}, "limit": {"1"}}.Encode(): "TFACC2-carol tfacc1-alice tfacc1-dave tfacc3-erin",
	} {
		if got := strings.Join(list(query), " "); got != want {
			t.Errorf("GET /users?%s lists %q, want %q", query, got, want)
		}
	}
	for _, query := range []string{
		url.Values{"filter": {`email eq "x"`}}.Encode(),
		url.Values{"filter": {`username co "x"`}}.Encode(),
		"limit=0",
		"cursor=nonsense",
	} {
		if r := h.api("GET", "/users?"+query, "", nil); r.status != http.StatusBadRequest {
			t.Errorf("GET /users?%s: %d, want 400: %s", query, r.status, r.body)
		}
	}
}
