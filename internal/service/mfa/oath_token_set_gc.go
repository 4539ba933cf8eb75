package mfa

import (
	"runtime/debug"
	"sync"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// A large set's plan, read or apply holds its whole value decoded three times over (the prior
// state, the configuration and the proposed or planned one): at 10,000 tokens about 55 MB live.
// With Go's default GOGC of 100 the heap grows to twice that before each collection, and the
// provider's peak memory passed 100 MB. While such an RPC runs, the collector runs at GOGC 50
// instead: at 10,000 tokens that took the peak from about 110 MB to about 85 MB, for about a
// fifth more of the provider's CPU time in those RPCs and no wall time that could be told from
// the noise (BENCHMARKS.md). Small sets, and every other resource, keep the default. A GOGC the
// user set lower, or off, is left alone.
const (
	largeSetBytes     = 1 << 20 // the encoded value, about 1,000 tokens
	largeSetGCPercent = 50
)

var tighterGC struct {
	sync.Mutex
	holders  int
	previous int
	applied  bool
}

// tightenGCFor runs the collector at largeSetGCPercent until restore is called, when any of
// values is a large set. RPCs may overlap: the first in lowers GOGC, the last out restores it.
func tightenGCFor(values ...*tfprotov6.DynamicValue) (restore func()) {
	size := 0
	for _, v := range values {
		if v != nil {
			size = max(size, len(v.MsgPack), len(v.JSON))
		}
	}
	if size < largeSetBytes {
		return func() {}
	}
	tighterGC.Lock()
	defer tighterGC.Unlock()
	if tighterGC.holders == 0 {
		tighterGC.previous = debug.SetGCPercent(largeSetGCPercent)
		tighterGC.applied = tighterGC.previous > largeSetGCPercent
		if !tighterGC.applied {
			debug.SetGCPercent(tighterGC.previous)
		}
	}
	tighterGC.holders++
	return func() {
		tighterGC.Lock()
		defer tighterGC.Unlock()
		tighterGC.holders--
		if tighterGC.holders == 0 && tighterGC.applied {
			debug.SetGCPercent(tighterGC.previous)
		}
	}
}
