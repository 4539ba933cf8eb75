package emulator

import (
	"fmt"
	"net/http"
	"testing"
)

// benchHarness starts an in-memory emulator for a benchmark; the client keeps connections
// alive, as the provider's does.
func benchHarness(b *testing.B) *harness {
	b.Helper()
	e, err := Start(Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() {
		if err := e.Close(); err != nil {
			b.Error(err)
		}
	})
	h := &harness{t: b, e: e, c: newClient(b, e.CA()), info: e.Info(), env: e.Info().EnvironmentID}
	h.token = h.accessToken()
	return h
}

func benchDo(b *testing.B, c *http.Client, req *http.Request, want int) {
	res, err := c.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	drain(res)
	if res.StatusCode != want {
		b.Fatalf("status %d, want %d", res.StatusCode, want)
	}
}

func BenchmarkCreateToken(b *testing.B) {
	h := benchHarness(b)
	i := 0
	for b.Loop() {
		i++
		benchDo(b, h.c, h.request("POST", "/v1/environments/"+h.env+"/oathTokens", ctJSON, hotpBody(fmt.Sprintf("B%d", i))), http.StatusCreated)
	}
}

func BenchmarkReadToken(b *testing.B) {
	h := benchHarness(b)
	id := h.createToken(hotpBody("READ1"))
	for b.Loop() {
		benchDo(b, h.c, h.request("GET", "/v1/environments/"+h.env+"/oathTokens/"+id, "", nil), http.StatusOK)
	}
}
