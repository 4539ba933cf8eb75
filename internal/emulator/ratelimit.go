package emulator

import (
	"math"
	"time"
)

// tokenBucket is the global rate limit: it holds up to one second's worth of requests, so a
// burst at the limit passes and a sustained excess gets 429.
type tokenBucket struct {
	rate   float64 // Requests per second; 0 means unlimited.
	tokens float64
	last   time.Time
}

func (b *tokenBucket) reset(rate float64, now time.Time) {
	b.rate = rate
	b.tokens = b.capacity()
	b.last = now
}

func (b *tokenBucket) capacity() float64 { return math.Max(1, b.rate) }

// take admits one request, or says how many whole seconds to wait (at least 1, as Retry-After
// cannot say less).
func (b *tokenBucket) take(now time.Time) (bool, int) {
	if b.rate <= 0 {
		return true, 0
	}
	if elapsed := now.Sub(b.last).Seconds(); elapsed > 0 {
		b.tokens = math.Min(b.capacity(), b.tokens+elapsed*b.rate)
	}
	b.last = now
	if b.tokens >= 1 {
		b.tokens--
		return true, 0
	}
	wait := (1 - b.tokens) / b.rate
	return false, max(1, int(math.Ceil(wait)))
}
