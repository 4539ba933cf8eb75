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
