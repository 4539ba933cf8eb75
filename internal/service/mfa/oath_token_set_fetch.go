package mfa

import (
	"context"
	"sync"

	"golang.org/x/sync/errgroup"

	"github.com/oathtokens/terraform-provider-pingone/internal/pingone"
)

// The set reads its tokens the cheapest way the environment allows. A listing costs one call per
// page whatever the set holds; reading tokens one by one costs one call each. So a set of a few
// tokens in a large environment reads them one by one, and a large set lists: the first page says
// how many tokens the environment holds, and if the rest of the listing would cost more calls than
// reading the tokens still missing, the listing stops there.

const (
	// listPageLimit is the page size asked for. PingOne answers with the pages it chooses (the
	// service's maximum at most); the listing follows the answers.
	listPageLimit = 1000
	// tokenReadThreshold is the size of set that is read one by one without listing first.
	tokenReadThreshold = 25
	// tokenReadConcurrency bounds the reads in flight, to stay well inside PingOne's rate limit.
	tokenReadConcurrency = 8
)

// tokenFetch reads the tokens of some serial numbers in one environment.
type tokenFetch struct {
	client  *pingone.Client
	envID   string
	devices bool // read the paired devices too
	// ids are the token IDs the set knows; a token that now has another ID is not the set's.
	ids map[string]string
}

// fetchStats counts what a fetch cost, for logs and tests.
type fetchStats struct {
	Pages, Reads int
}

// fetch returns the tokens PingOne holds for the serials, keyed by serial number; serials it
// does not hold (or holds under another ID than the set knows) are missing from the result.
func (f tokenFetch) fetch(ctx context.Context, serials []string) (map[string]*pingone.OATHToken, fetchStats, error) {
	var stats fetchStats
	found := make(map[string]*pingone.OATHToken, len(serials))
	if len(serials) == 0 {
		return found, stats, nil
	}
	if len(serials) <= tokenReadThreshold {
		return found, stats, f.readEach(ctx, serials, found, &stats)
	}

	wanted := make(map[string]bool, len(serials))
	for _, s := range serials {
		wanted[s] = true
	}
	switched := false
	err := f.client.ScanOATHTokens(ctx, f.envID, pingone.ListOATHTokensOptions{ExpandDevices: f.devices, Limit: listPageLimit},
		func(page []pingone.OATHToken, total int) bool {
			stats.Pages++
			for i := range page {
				t := &page[i]
				if wanted[t.SerialNumber] && f.ours(t) {
					found[t.SerialNumber] = t
				}
			}
			if stats.Pages == 1 && total > len(page) && len(page) > 0 {
				remaining := total - len(page)
				pagesLeft := (remaining + len(page) - 1) / len(page)
				if len(serials)-len(found) < pagesLeft {
					switched = true
					return false
				}
			}
			return true
		})
	if err != nil || !switched {
		return found, stats, err
	}
	var rest []string
	for _, s := range serials {
		if found[s] == nil {
			rest = append(rest, s)
		}
	}
	return found, stats, f.readEach(ctx, rest, found, &stats)
}

// ours reports whether a listed token is the one the set knows by that serial number.
func (f tokenFetch) ours(t *pingone.OATHToken) bool {
	id, known := f.ids[t.SerialNumber]
	return !known || pingone.SameID(id, t.ID)
}

// readEach reads tokens one call each, a few at a time: by ID when the set knows it, otherwise
// by a search on the serial number.
func (f tokenFetch) readEach(ctx context.Context, serials []string, found map[string]*pingone.OATHToken, stats *fetchStats) error {
	var mu sync.Mutex
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(tokenReadConcurrency)
	for _, serial := range serials {
		g.Go(func() error {
			t, err := f.readOne(ctx, serial)
			mu.Lock()
			defer mu.Unlock()
			stats.Reads++
			if pingone.IsNotFound(err) {
				return nil
			}
			if err != nil {
				return err
			}
			if t.SerialNumber == serial && f.ours(t) {
				found[serial] = t
			}
			return nil
		})
	}
	return g.Wait()
}

func (f tokenFetch) readOne(ctx context.Context, serial string) (*pingone.OATHToken, error) {
	id, known := f.ids[serial]
	switch {
	case known && f.devices:
		return f.client.ReadOATHTokenWithDevices(ctx, f.envID, id)
	case known:
		return f.client.ReadOATHToken(ctx, f.envID, id)
	}
	return f.client.FindOATHTokenBySerial(ctx, f.envID, serial, f.devices)
}
