package emulator

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"
)

type tokenPage struct {
	Links struct {
		Self struct{ Href string }  `json:"self"`
		Next *struct{ Href string } `json:"next"`
	} `json:"_links"`
	Embedded struct {
		OATHTokens []struct {
			ID           string `json:"id"`
			SerialNumber string `json:"serialNumber"`
			CreatedAt    string `json:"createdAt"`
			Embedded     *struct {
				Devices []struct {
					ID     string `json:"id"`
					User   struct{ ID string }
					Status string `json:"status"`
				} `json:"devices"`
			} `json:"_embedded"`
		} `json:"oathTokens"`
	} `json:"_embedded"`
	Count int `json:"count"`
	Size  int `json:"size"`
}

func (h *harness) listPage(pathAndQuery string) tokenPage {
	h.t.Helper()
	r := h.do("GET", pathAndQuery, "", nil)
	if r.status != 200 {
		h.t.Fatalf("list %s: %d %s", pathAndQuery, r.status, r.body)
	}
	var p tokenPage
	r.decode(h.t, &p)
	if len(p.Embedded.OATHTokens) != p.Size {
		h.t.Fatalf("size %d but %d tokens", p.Size, len(p.Embedded.OATHTokens))
	}
	return p
}

// listAll follows _links.next and returns the serials in order and the pages' sizes.
func (h *harness) listAll(query string) ([]string, []int) {
	h.t.Helper()
	path := "/v1/environments/" + h.env + "/oathTokens" + query
	var serials []string
	var sizes []int
	for range 1000 {
		p := h.listPage(path)
		sizes = append(sizes, p.Size)
		for _, tok := range p.Embedded.OATHTokens {
			serials = append(serials, tok.SerialNumber)
		}
		if p.Links.Next == nil {
			return serials, sizes
		}
		u, err := url.Parse(p.Links.Next.Href)
		if err != nil || u.Host != h.info.APIHostname || u.Scheme != "https" {
			h.t.Fatalf("next href %q", p.Links.Next.Href)
		}
		path = u.RequestURI()
	}
	h.t.Fatal("paging did not end")
	return nil, nil
}

func TestListPagingAndOrder(t *testing.T) {
	clock := newFakeClock()
	h := start(t, Options{PageSize: 4, now: clock.Now})
	var want []string
	// Two tokens per millisecond: within a millisecond the order is by id.
	for i := range 5 {
		var pair []struct{ id, serial string }
		for j := range 2 {
			serial := fmt.Sprintf("P%d%d", i, j)
			pair = append(pair, struct{ id, serial string }{h.createToken(hotpBody(serial)), serial})
		}
		if pair[0].id > pair[1].id {
			pair[0], pair[1] = pair[1], pair[0]
		}
		want = append(want, pair[0].serial, pair[1].serial)
		clock.Advance(time.Millisecond)
	}

	got, sizes := h.listAll("")
	if !slices.Equal(got, want) || !slices.Equal(sizes, []int{4, 4, 2}) {
		t.Fatalf("default page size 4: %q sizes %v, want %q sizes [4 4 2]", got, sizes, want)
	}
	got, sizes = h.listAll("?limit=3")
	if !slices.Equal(got, want) || !slices.Equal(sizes, []int{3, 3, 3, 1}) {
		t.Fatalf("limit 3: %q sizes %v", got, sizes)
	}
	// A limit above the page size is capped at it.
	if _, sizes = h.listAll("?limit=50"); !slices.Equal(sizes, []int{4, 4, 2}) {
		t.Fatalf("limit 50: sizes %v", sizes)
	}
	p := h.listPage("/v1/environments/" + h.env + "/oathTokens?limit=3")
	if p.Count != 10 || p.Size != 3 {
		t.Errorf("count %d size %d, want 10 and 3", p.Count, p.Size)
	}
	if !strings.HasSuffix(p.Links.Self.Href, "/oathTokens?limit=3") || !strings.Contains(p.Links.Next.Href, "limit=3") ||
		!strings.Contains(p.Links.Next.Href, "cursor=") {
		t.Errorf("links %+v", p.Links)
	}
	// The page size can change while the emulator runs.
	h.e.SetPageSize(10)
	if _, sizes = h.listAll(""); !slices.Equal(sizes, []int{10}) {
		t.Errorf("page size 10: sizes %v", sizes)
	}
}

func TestListCursorSurvivesChanges(t *testing.T) {
	h := start(t, Options{PageSize: 2})
	ids := map[string]string{}
	for _, s := range []string{"C0", "C1", "C2", "C3", "C4"} {
		ids[s] = h.createToken(hotpBody(s))
		time.Sleep(2 * time.Millisecond) // Distinct createdAt, so the order is the creation order.
	}
	p := h.listPage("/v1/environments/" + h.env + "/oathTokens")
	next, _ := url.Parse(p.Links.Next.Href)
	// The last token shown and a later one go away; a new one arrives.
	h.api("DELETE", "/oathTokens/"+ids["C1"], "", nil)
	h.api("DELETE", "/oathTokens/"+ids["C2"], "", nil)
	h.createToken(hotpBody("C5"))
	var rest []string
	path := next.RequestURI()
	for {
		p := h.listPage(path)
		for _, tok := range p.Embedded.OATHTokens {
			rest = append(rest, tok.SerialNumber)
		}
		if p.Links.Next == nil {
			break
		}
		u, _ := url.Parse(p.Links.Next.Href)
		path = u.RequestURI()
	}
	if !slices.Equal(rest, []string{"C3", "C4", "C5"}) {
		t.Errorf("after the cursor: %q, want C3 C4 C5", rest)
	}
}

func TestListFilterAndExpand(t *testing.T) {
	h := start(t, Options{})
	id := h.createToken(hotpBody("F1"))
	h.createToken(hotpBody("F2"))
	base := "/v1/environments/" + h.env + "/oathTokens"
	for _, f := range []string{`serialNumber eq "F1"`, `serialNumber EQ "F1"`, ` serialNumber  eq  "F1" `} {
		p := h.listPage(base + "?filter=" + url.QueryEscape(f))
		if p.Count != 1 || p.Size != 1 || p.Embedded.OATHTokens[0].ID != id || p.Embedded.OATHTokens[0].Embedded != nil {
			t.Errorf("filter %q: %+v", f, p)
		}
	}
	p := h.listPage(base + "?filter=" + url.QueryEscape(`serialNumber eq "f1"`))
	if p.Count != 0 || p.Size != 0 || p.Links.Next != nil {
		t.Errorf("serials compare exactly: %+v", p)
	}
	// An empty page still has an array, not null.
	r := h.do("GET", base+"?filter="+url.QueryEscape(`serialNumber eq "NONE"`), "", nil)
	if !strings.Contains(string(r.body), `"oathTokens":[]`) {
		t.Errorf("empty page: %s", r.body)
	}

	// expand=devices: every token gets a devices list, the paired one its device and user.
	userID := h.createUser("alice")
	dev := h.pair(userID, "F1")
	p = h.listPage(base + "?expand=devices")
	for _, tok := range p.Embedded.OATHTokens {
		if tok.Embedded == nil {
			t.Fatalf("token %s without _embedded", tok.SerialNumber)
		}
		switch tok.SerialNumber {
		case "F1":
			d := tok.Embedded.Devices
			if len(d) != 1 || d[0].ID != dev || d[0].User.ID != userID || d[0].Status != "ACTIVATION_REQUIRED" {
				t.Errorf("F1 devices %+v", d)
			}
		default:
			if len(tok.Embedded.Devices) != 0 {
				t.Errorf("%s devices %+v", tok.SerialNumber, tok.Embedded.Devices)
			}
		}
	}
	one := h.api("GET", "/oathTokens/"+id+"?expand=devices", "", nil).object(t)
	if devs := one["_embedded"].(map[string]any)["devices"].([]any); len(devs) != 1 {
		t.Errorf("read one with expand: %v", one["_embedded"])
	}
	// Filter and expand go together, and next links keep both.
	p = h.listPage(base + "?expand=devices&filter=" + url.QueryEscape(`serialNumber eq "F1"`))
	if p.Size != 1 || len(p.Embedded.OATHTokens[0].Embedded.Devices) != 1 {
		t.Errorf("filter with expand: %+v", p)
	}
	h.e.SetPageSize(1)
	p = h.listPage(base + "?expand=devices")
	if !strings.Contains(p.Links.Next.Href, "expand=devices") {
		t.Errorf("next %q lost expand", p.Links.Next.Href)
	}
}

func TestListBadParameters(t *testing.T) {
	h := start(t, Options{})
	h.createToken(hotpBody("B1"))
	cases := map[string]string{
		"other attribute":    "filter=" + url.QueryEscape(`type eq "HOTP"`),
		"other operator":     "filter=" + url.QueryEscape(`serialNumber sw "B"`),
		"unquoted":           "filter=" + url.QueryEscape(`serialNumber eq B1`),
		"combined":           "filter=" + url.QueryEscape(`serialNumber eq "B1" and type eq "HOTP"`),
		"empty filter":       "filter=",
		"limit zero":         "limit=0",
		"limit negative":     "limit=-1",
		"limit not a number": "limit=ten",
		"expand other":       "expand=users",
		"cursor garbage":     "cursor=%%%",
		"cursor not ours":    "cursor=" + url.QueryEscape("bm90LWEtY3Vyc29y"),
	}
	targets := map[string]string{"filter": "filter", "limit": "limit", "expand": "expand", "cursor": "cursor"}
	for name, q := range cases {
		t.Run(name, func(t *testing.T) {
			target := targets[strings.SplitN(q, "=", 2)[0]]
			if name == "cursor garbage" {
				target = "query" // Not even a query string.
			}
			checkError(t, h.api("GET", "/oathTokens?"+q, "", nil), want{400, "INVALID_REQUEST", []string{"INVALID_VALUE " + target}})
		})
	}
}
