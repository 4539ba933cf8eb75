package emulator

import "time"

// timeLayout is PingOne's timestamp form: UTC with milliseconds and a Z.
const timeLayout = "2006-01-02T15:04:05.000Z"

func formatTime(t time.Time) string { return t.UTC().Format(timeLayout) }

// clock is the time stamped on records: millisecond precision, so what the API shows is
// exactly what sorts the lists.
func (e *Emulator) clock() time.Time {
	return e.now().UTC().Truncate(time.Millisecond)
}

// completedAt is the updatedAt of a record created at created: PingOne stamps the end of the
// creation separately (its example shows 60 ms between the two), so the emulator reads the
// clock again and keeps the two at least a millisecond apart. A client must not take one for
// the other.
func (e *Emulator) completedAt(created time.Time) time.Time {
	at := e.clock()
	if floor := created.Add(time.Millisecond); at.Before(floor) {
		return floor
	}
	return at
}
