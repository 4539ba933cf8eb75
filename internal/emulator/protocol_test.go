package emulator

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"
)

// newHTTP2Client is a client that offers h2 in ALPN, as PingOne's clients (and this
// provider's) do.
func newHTTP2Client(t testing.TB, ca *CA) *http.Client {
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(ca.PEM()) {
		t.Fatal("CA PEM not accepted")
	}
	tr := &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}, ForceAttemptHTTP2: true}
	t.Cleanup(tr.CloseIdleConnections)
	return &http.Client{Transport: tr, Timeout: 20 * time.Second}
}

// TestListenerSpeaksHTTP2: ALPN picks h2 for a client that offers it and HTTP/1.1 for one
// that does not, and the counters tell the protocols apart.
func TestListenerSpeaksHTTP2(t *testing.T) {
	h := start(t, Options{})
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(h.e.CA().PEM())
	for offer, want := range map[string]string{"h2": "h2", "http/1.1": "http/1.1"} {
		conn, err := tls.Dial("tcp", h.info.APIHostname, &tls.Config{RootCAs: pool, NextProtos: []string{offer}})
		if err != nil {
			t.Fatal(err)
		}
		if got := conn.ConnectionState().NegotiatedProtocol; got != want {
			t.Errorf("offered %s, negotiated %q", offer, got)
		}
		_ = conn.Close()
	}
	h.e.ResetCounters()
	h.c = newHTTP2Client(t, h.e.CA())
	r := h.api("GET", "/oathTokens", "", nil)
	if r.status != http.StatusOK {
		t.Fatalf("list over h2: %d", r.status)
	}
	h.c = newClient(t, h.e.CA())
	h.api("GET", "/oathTokens", "", nil)
	if c := h.e.Counters(); c.Protocols["HTTP/2.0"] != 1 || c.Protocols["HTTP/1.1"] != 1 || c.Total != 2 {
		t.Errorf("protocols %v of %d requests", c.Protocols, c.Total)
	}
}

// TestCommitThenDropOverHTTP2: over HTTP/2 the fault resets the stream after the work is
// done; the client sees a transport error, and the connection goes on serving other requests.
func TestCommitThenDropOverHTTP2(t *testing.T) {
	h := start(t, Options{})
	h.c = newHTTP2Client(t, h.e.CA())
	h.e.ResetCounters()
	h.api("GET", "/oathTokens", "", nil) // Opens the connection.
	drop := h.e.AddFault(Fault{Route: createRoute, Mode: ModeCommitThenDrop, Count: 1})
	res, err := h.c.Do(h.request("POST", "/v1/environments/"+h.env+"/oathTokens", ctJSON, hotpBody("H2DROP")))
	if err == nil {
		drain(res)
		t.Fatalf("got a response %d over %s, want the stream reset", res.StatusCode, res.Proto)
	}
	if got := h.e.TokenSerials(h.env); len(got) != 1 || got[0] != "H2DROP" {
		t.Fatalf("serials after the drop: %q", got)
	}
	if drop.Fired() != 1 {
		t.Errorf("fired %d", drop.Fired())
	}
	r := h.api("POST", "/oathTokens", ctJSON, hotpBody("H2DROP"))
	checkError(t, r, want{400, "INVALID_DATA", []string{"UNIQUENESS_VIOLATION serialNumber"}})
	if c := h.e.Counters(); c.Protocols["HTTP/2.0"] != c.Total {
		t.Errorf("protocols %v of %d requests", c.Protocols, c.Total)
	}
}

// TestLatencyDropOverHTTP2: a request cut short by Close while it waits out its latency is
// dropped over HTTP/2 as over HTTP/1.1, not answered with an empty 200.
func TestLatencyDropOverHTTP2(t *testing.T) {
	e, err := Start(Options{Latency: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	c := newHTTP2Client(t, e.CA())
	done := make(chan error, 1)
	go func() {
		res, err := c.Get(e.URL() + "/v1/environments/" + e.Info().EnvironmentID + "/oathTokens")
		if err == nil {
			drain(res)
			err = errors.New("answered " + res.Status)
		}
		done <- err
	}()
	time.Sleep(200 * time.Millisecond)
	if err := e.Close(); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		if strings.HasPrefix(err.Error(), "answered") {
			t.Fatalf("the request was %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Close did not cut the latency short")
	}
}

// TestCreatedCarriesLocation: every 201 (and a job's 202) says where the new resource is, and
// its updatedAt is a value of its own.
func TestCreatedCarriesLocation(t *testing.T) {
	h := start(t, Options{})
	base := h.e.URL() + "/v1/environments/" + h.env
	r := h.api("POST", "/oathTokens", ctJSON, hotpBody("LOC1"))
	tok := r.object(t)
	if r.status != http.StatusCreated || r.header.Get("Location") != base+"/oathTokens/"+tok["id"].(string) {
		t.Errorf("token: %d Location %q", r.status, r.header.Get("Location"))
	}
	if tok["updatedAt"] == tok["createdAt"] {
		t.Errorf("updatedAt is createdAt: %v", tok["updatedAt"])
	}
	r = h.api("POST", "/users", ctJSON, map[string]any{"username": "loc"})
	user := r.object(t)["id"].(string)
	if r.status != http.StatusCreated || r.header.Get("Location") != base+"/users/"+user {
		t.Errorf("user: %d Location %q", r.status, r.header.Get("Location"))
	}
	r = h.api("POST", "/users/"+user+"/devices", ctJSON, map[string]any{"type": "OATH_TOKEN", "serialNumber": "LOC1"})
	if r.status != http.StatusCreated || r.header.Get("Location") != base+"/users/"+user+"/devices/"+r.object(t)["id"].(string) {
		t.Errorf("device: %d Location %q", r.status, r.header.Get("Location"))
	}
}
