package pingone

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestCreateOATHTokenRequestAndMapping(t *testing.T) {
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		body := tokenBody("tok-1", "SN1")
		body["type"], body["hotp"] = "TOTP", nil
		body["totp"] = map[string]any{"timeStep": 30, "drift": -1}
		writeJSON(w, http.StatusCreated, body)
	})
	c := f.client(t, f.config())
	got, err := c.CreateOATHToken(context.Background(), fakeEnv, OATHTokenCreate{
		SerialNumber: "SN1", Secret: "3132333435363738393031323334353637383930", Type: "TOTP", OTPLength: 6,
		TOTP: &TOTPSettings{TimeStep: 30, Drift: 5},
	})
	if err != nil {
		t.Fatal(err)
	}
	calls := f.calls()
	if len(calls) != 1 {
		t.Fatalf("%d calls", len(calls))
	}
	req := calls[0]
	if req.Method != http.MethodPost || req.Path != "/v1/environments/"+fakeEnv+"/oathTokens" || req.ContentType != "application/json" {
		t.Fatalf("request %s %s %s", req.Method, req.Path, req.ContentType)
	}
	if req.UserAgent != "test-agent/1.0" || req.Authorization != "Bearer token-1" {
		t.Fatalf("headers: UA %q, auth %q", req.UserAgent, req.Authorization)
	}
	var sent map[string]any
	if err := json.Unmarshal(req.Body, &sent); err != nil {
		t.Fatal(err)
	}
	want := `{"otpLength":6,"secret":"3132333435363738393031323334353637383930","serialNumber":"SN1","totp":{"timeStep":30},"type":"TOTP"}`
	if b, _ := json.Marshal(sent); string(b) != want {
		t.Fatalf("sent %s\nwant %s (drift and an empty hashAlgorithm are never sent)", b, want)
	}

	if got.ID != "tok-1" || got.EnvironmentID != fakeEnv || got.SerialNumber != "SN1" || got.Type != "TOTP" ||
		got.OTPLength != 6 || got.HashAlgorithm != "HmacSHA1" || got.HOTP != nil || got.TOTP == nil ||
		got.TOTP.TimeStep != 30 || got.TOTP.Drift != -1 || got.Devices != nil {
		t.Fatalf("decoded %+v", got)
	}
	if want := time.Date(2024, 12, 2, 12, 10, 41, 616e6, time.UTC); !got.CreatedAt.Equal(want) {
		t.Fatalf("createdAt %s", got.CreatedAt)
	}
}

func TestCreateHOTPSendsCounterAndAlgorithm(t *testing.T) {
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 201, tokenBody("t", "SN")) })
	c := f.client(t, f.config())
	_, err := c.CreateOATHToken(context.Background(), fakeEnv, OATHTokenCreate{
		SerialNumber: "SN", Secret: "ab", Type: "HOTP", OTPLength: 8, HashAlgorithm: "HmacSHA1", HOTP: &HOTPSettings{Counter: 0},
	})
	if err != nil {
		t.Fatal(err)
	}
	body := string(f.calls()[0].Body)
	if !strings.Contains(body, `"hotp":{"counter":0}`) || !strings.Contains(body, `"hashAlgorithm":"HmacSHA1"`) || strings.Contains(body, "totp") {
		t.Fatalf("body %s", body)
	}
}

func TestCreateErrorNeverHoldsSecret(t *testing.T) {
	const secret = "deadbeefdeadbeefcafe"
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 400, map[string]any{"id": "e", "code": "INVALID_DATA", "message": "bad",
			"details": []any{map[string]any{"code": "INVALID_VALUE", "target": "secret", "message": "value " + secret + " is odd"}}})
	})
	c := f.client(t, f.config())
	_, err := c.CreateOATHToken(context.Background(), fakeEnv, OATHTokenCreate{SerialNumber: "SN", Secret: secret, Type: "HOTP", OTPLength: 6})
	if err == nil || strings.Contains(err.Error(), secret) || strings.Contains(err.Error(), fakeSecret) {
		t.Fatalf("error %v", err)
	}
	if !IsInvalidValue(err) {
		t.Fatalf("IsInvalidValue false: %v", err)
	}
	if len(f.calls()) != 1 {
		t.Fatalf("a 400 was retried: %d calls", len(f.calls()))
	}
}

func TestReadRevokeResyncPaths(t *testing.T) {
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.Method {
		case http.MethodDelete:
			w.WriteHeader(http.StatusNoContent)
		default:
			writeJSON(w, 200, tokenBody("a/b c", "SN"))
		}
	})
	c := f.client(t, f.config())
	ctx := context.Background()
	// An id with reserved characters stays one path segment.
	if _, err := c.ReadOATHToken(ctx, "env 1", "a/b c"); err != nil {
		t.Fatal(err)
	}
	if err := c.RevokeOATHToken(ctx, fakeEnv, "tok-1"); err != nil {
		t.Fatal(err)
	}
	got, err := c.ResyncOATHToken(ctx, fakeEnv, "tok-1", "123456", "654321")
	if err != nil || got.ID != "a/b c" {
		t.Fatalf("resync: %+v %v", got, err)
	}
	calls := f.calls()
	if calls[0].RawPath != "/v1/environments/env%201/oathTokens/a%2Fb%20c" || calls[0].Method != http.MethodGet {
		t.Errorf("read: %s %s", calls[0].Method, calls[0].RawPath)
	}
	if calls[1].Method != http.MethodDelete || calls[1].Path != "/v1/environments/env-1/oathTokens/tok-1" {
		t.Errorf("revoke: %s %s", calls[1].Method, calls[1].Path)
	}
	if calls[2].Method != http.MethodPost || calls[2].ContentType != "application/vnd.pingidentity.device.resync+json" ||
		string(calls[2].Body) != `{"otps":["123456","654321"]}` {
		t.Errorf("resync: %s %s %s", calls[2].Method, calls[2].ContentType, calls[2].Body)
	}
	for _, bad := range []string{"", ".."} {
		if _, err := c.ReadOATHToken(ctx, fakeEnv, bad); !errors.Is(err, errInvalidID) {
			t.Errorf("token id %q: %v", bad, err)
		}
	}
}

func TestReadNotFound(t *testing.T) {
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 404, map[string]any{"id": "e404", "code": "NOT_FOUND", "message": "Unable to find oathToken with id tok-9"})
	})
	c := f.client(t, f.config())
	_, err := c.ReadOATHToken(context.Background(), fakeEnv, "tok-9")
	var apiErr *Error
	if !IsNotFound(err) || !errors.As(err, &apiErr) || apiErr.Operation != "read OATH token tok-9" {
		t.Fatalf("err %v", err)
	}
	if err := c.RevokeOATHToken(context.Background(), fakeEnv, "tok-9"); !IsNotFound(err) {
		t.Fatalf("revoke: %v", err)
	}
}

func TestDevicesBothShapes(t *testing.T) {
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		a := tokenBody("a", "A")
		a["_embedded"] = map[string]any{"devices": []any{map[string]any{"id": "d1", "user": map[string]any{"id": "u1"}, "status": "ACTIVE"}}}
		b := tokenBody("b", "B")
		b["devices"] = []any{map[string]any{"id": "d2", "user": map[string]any{"id": "u2"}}, map[string]any{"id": "d3", "userId": "u3"}}
		c := tokenBody("c", "C")
		c["_embedded"] = map[string]any{"devices": []any{}}
		writeJSON(w, 200, map[string]any{"_embedded": map[string]any{"oathTokens": []any{a, b, c, tokenBody("d", "D")}}, "count": 4, "size": 4})
	})
	c := f.client(t, f.config())
	got, err := c.ListOATHTokens(context.Background(), fakeEnv, ListOATHTokensOptions{ExpandDevices: true})
	if err != nil {
		t.Fatal(err)
	}
	if q := f.calls()[0].Query; q != "expand=devices" {
		t.Fatalf("query %q", q)
	}
	if len(got) != 4 {
		t.Fatalf("%d tokens", len(got))
	}
	if d := got[0].Devices; len(d) != 1 || d[0] != (PairedDevice{DeviceID: "d1", UserID: "u1", Status: "ACTIVE"}) {
		t.Errorf("embedded shape: %+v", d)
	}
	if d := got[1].Devices; len(d) != 2 || d[0] != (PairedDevice{DeviceID: "d2", UserID: "u2"}) || d[1] != (PairedDevice{DeviceID: "d3", UserID: "u3"}) {
		t.Errorf("top-level shape: %+v", d)
	}
	if d := got[2].Devices; d == nil || len(d) != 0 {
		t.Errorf("no paired devices must be empty, not nil: %#v", d)
	}
	if got[3].Devices != nil {
		t.Errorf("devices not sent must stay nil: %#v", got[3].Devices)
	}
}

func TestListFollowsNextLinks(t *testing.T) {
	var f *fake
	f = newFake(t, func(w http.ResponseWriter, r *http.Request) {
		cursor := r.URL.Query().Get("cursor")
		page := map[string]any{"count": 5, "size": 2}
		var items []any
		switch cursor {
		case "":
			items = []any{tokenBody("1", "S1"), tokenBody("2", "S2")}
			// An absolute link, as PingOne sends them.
			page["_links"] = map[string]any{"next": map[string]any{"href": "https://" + f.host() + "/v1/environments/env-1/oathTokens?cursor=p2&limit=2"}}
		case "p2":
			items = []any{tokenBody("3", "S3"), tokenBody("4", "S4")}
			// A relative link is resolved against the page.
			page["_links"] = map[string]any{"next": map[string]any{"href": "oathTokens?cursor=p3"}}
		case "p3":
			items = []any{tokenBody("5", "S5")}
			page["_links"] = map[string]any{"self": map[string]any{"href": "x"}}
		}
		page["_embedded"] = map[string]any{"oathTokens": items}
		writeJSON(w, 200, page)
	})
	c := f.client(t, f.config())
	got, err := c.ListOATHTokens(context.Background(), fakeEnv, ListOATHTokensOptions{Limit: 3})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, tok := range got {
		ids = append(ids, tok.ID)
	}
	if strings.Join(ids, ",") != "1,2,3,4,5" {
		t.Fatalf("ids %v", ids)
	}
	calls := f.calls()
	if len(calls) != 3 || calls[0].Query != "limit=3" || calls[2].Path != "/v1/environments/env-1/oathTokens" {
		t.Fatalf("calls: %d, first query %q", len(calls), calls[0].Query)
	}
}

// TestListRebasesNextLinks follows a next link on the configured API host whatever host the link
// names, so the bearer token never leaves it, and refuses links that are not below an API root
// and links that loop.
func TestListRebasesNextLinks(t *testing.T) {
	next := "https://api.pingone.example/v1/environments/env-1/oathTokens?cursor=x&limit=2"
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		page := map[string]any{"_embedded": map[string]any{"oathTokens": []any{}}}
		if r.URL.Query().Get("cursor") == "" {
			page["_links"] = map[string]any{"next": map[string]any{"href": next}}
		}
		writeJSON(w, 200, page)
	})
	c := f.client(t, f.config())
	if _, err := c.ListOATHTokens(context.Background(), fakeEnv, ListOATHTokensOptions{}); err != nil {
		t.Fatalf("a link on another host: %v", err)
	}
	calls := f.calls()
	if len(calls) != 2 || calls[1].Path != "/v1/environments/env-1/oathTokens" || calls[1].Query != "cursor=x&limit=2" {
		t.Fatalf("the second page was not read on the configured host with the link's path and query: %+v", calls)
	}

	next = "https://" + f.host() + "/elsewhere/oathTokens?cursor=y"
	if _, err := c.ListOATHTokens(context.Background(), fakeEnv, ListOATHTokensOptions{}); err == nil || !strings.Contains(err.Error(), "not below the API root") {
		t.Fatalf("a link outside the API: %v", err)
	}
	next = "https://" + f.host() + "/v1/environments/env-1/oathTokens"
	if _, err := c.ListOATHTokens(context.Background(), fakeEnv, ListOATHTokensOptions{}); err == nil || !strings.Contains(err.Error(), "already read") {
		t.Fatalf("loop: %v", err)
	}
}

func TestFindOATHTokenBySerial(t *testing.T) {
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		items := []any{}
		if strings.Contains(r.URL.Query().Get("filter"), `"SN-1"`) {
			// A loose server might return neighbors; only the exact serial counts.
			items = append(items, tokenBody("other", "SN-10"), tokenBody("tok-1", "SN-1"))
		}
		writeJSON(w, 200, map[string]any{"_embedded": map[string]any{"oathTokens": items}, "count": len(items), "size": len(items)})
	})
	c := f.client(t, f.config())
	got, err := c.FindOATHTokenBySerial(context.Background(), fakeEnv, "SN-1", true)
	if err != nil || got.ID != "tok-1" {
		t.Fatalf("found %+v, %v", got, err)
	}
	q, _ := url.ParseQuery(f.calls()[0].Query)
	if q.Get("filter") != `serialNumber eq "SN-1"` || q.Get("expand") != "devices" {
		t.Fatalf("query %v", q)
	}
	_, err = c.FindOATHTokenBySerial(context.Background(), fakeEnv, "NOPE", false)
	var apiErr *Error
	if !IsNotFound(err) || !errors.As(err, &apiErr) || !apiErr.NotFound || !strings.Contains(err.Error(), "NOPE") {
		t.Fatalf("not found: %v", err)
	}
	if len(f.calls()) != 2 {
		t.Fatalf("%d calls, want one per find", len(f.calls()))
	}
}

func TestQuoteFilterValue(t *testing.T) {
	for in, want := range map[string]string{`SN1`: `"SN1"`, `a"b`: `"a\"b"`, `a\b`: `"a\\b"`, `x" or serialNumber pr "`: `"x\" or serialNumber pr \""`} {
		if got := quoteFilterValue(in); got != want {
			t.Errorf("quote(%s) = %s, want %s", in, got, want)
		}
	}
	if got := listQuery(ListOATHTokensOptions{SerialNumber: `a"b`}).Encode(); got != "filter="+url.QueryEscape(`serialNumber eq "a\"b"`) {
		t.Errorf("encoded %s", got)
	}
}

func TestResyncWithoutBodyReadsBack(t *testing.T) {
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost {
			w.WriteHeader(http.StatusNoContent)
			return
		}
		writeJSON(w, 200, tokenBody("tok-1", "SN"))
	})
	c := f.client(t, f.config())
	got, err := c.ResyncOATHToken(context.Background(), fakeEnv, "tok-1", "1", "2")
	if err != nil || got.ID != "tok-1" || len(f.calls()) != 2 {
		t.Fatalf("%+v %v (%d calls)", got, err, len(f.calls()))
	}
}

func TestUnexpectedSuccessBody(t *testing.T) {
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusOK)
		_, _ = fmt.Fprint(w, "<html>captive portal</html>")
	})
	c := f.client(t, f.config())
	_, err := c.ReadOATHToken(context.Background(), fakeEnv, "t")
	if err == nil || !strings.Contains(err.Error(), "read OATH token t: decode the HTTP 200 response") {
		t.Fatalf("err %v", err)
	}
}

// TestReadWithDevices reads by ID with expand=devices, and fills in the devices from the filtered
// list when a server answers the single read without them.
func TestReadWithDevices(t *testing.T) {
	expands := true
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/oathTokens") {
			item := tokenBody("tok-1", "SN1")
			item["_embedded"] = map[string]any{"devices": []any{map[string]any{"id": "dev-1", "user": map[string]any{"id": "user-1"}}}}
			writeJSON(w, 200, map[string]any{"_embedded": map[string]any{"oathTokens": []any{item}}})
			return
		}
		body := tokenBody("tok-1", "SN1")
		if expands && r.URL.Query().Get("expand") == "devices" {
			body["_embedded"] = map[string]any{"devices": []any{}}
		}
		writeJSON(w, 200, body)
	})
	c := f.client(t, f.config())
	got, err := c.ReadOATHTokenWithDevices(context.Background(), fakeEnv, "tok-1")
	if err != nil || got.Devices == nil || len(got.Devices) != 0 || len(f.calls()) != 1 || f.calls()[0].Query != "expand=devices" {
		t.Fatalf("read with expansion: %+v, %v, calls %+v", got, err, f.calls())
	}
	expands = false
	got, err = c.ReadOATHTokenWithDevices(context.Background(), fakeEnv, "tok-1")
	if err != nil || len(got.Devices) != 1 || got.Devices[0].UserID != "user-1" || len(f.calls()) != 3 {
		t.Fatalf("read without expansion falls back to the list: %+v, %v, %d calls", got, err, len(f.calls()))
	}
}
