package emulator

import (
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"sync"
	"testing"
)

// TestConcurrentClients runs creates, reads, lists, resyncs and revokes from many goroutines;
// with -race it proves the locking, and the final state proves nothing was lost or doubled.
func TestConcurrentClients(t *testing.T) {
	h := start(t, Options{PageSize: 7, StateFile: filepath.Join(t.TempDir(), "state.json")})
	const workers, perWorker = 8, 15
	var wg sync.WaitGroup
	errs := make(chan error, workers*perWorker)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range perWorker {
				serial := fmt.Sprintf("W%dN%d", w, i)
				req := h.request("POST", "/v1/environments/"+h.env+"/oathTokens", ctJSON, hotpBody(serial))
				res, err := h.c.Do(req)
				if err != nil {
					errs <- err
					return
				}
				drain(res)
				if res.StatusCode != http.StatusCreated {
					errs <- fmt.Errorf("create %s: %d", serial, res.StatusCode)
					continue
				}
				// Every worker also races a duplicate of one shared serial.
				req = h.request("POST", "/v1/environments/"+h.env+"/oathTokens", ctJSON, hotpBody(fmt.Sprintf("SHARED%d", i)))
				if res, err := h.c.Do(req); err == nil {
					drain(res)
				}
				for _, path := range []string{"/oathTokens", "/oathTokens?filter=serialNumber%20eq%20%22" + serial + "%22"} {
					if res, err := h.c.Do(h.request("GET", "/v1/environments/"+h.env+path, "", nil)); err == nil {
						drain(res)
					}
				}
				h.e.Counters()
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	serials := h.e.TokenSerials(h.env)
	if len(serials) != workers*perWorker+perWorker {
		t.Errorf("%d tokens, want %d", len(serials), workers*perWorker+perWorker)
	}
	got, _ := h.listAll("")
	if len(got) != len(serials) {
		t.Errorf("paging saw %d tokens, want %d", len(got), len(serials))
	}
	if c := h.e.Counters(); c.Requests[createRoute] != 2*workers*perWorker {
		t.Errorf("create counted %d, want %d", c.Requests[createRoute], 2*workers*perWorker)
	}
}

// drain reads the body to the end, so the connection goes back to the pool.
func drain(res *http.Response) {
	_, _ = io.Copy(io.Discard, res.Body)
	_ = res.Body.Close()
}
