package pingone

import (
	"regexp"
	"strings"
)

// PingOne's IDs are UUIDs, which name the same object whatever the case of their hex digits. A
// user may paste one in upper case from a console or a ticket; the client sends the lowercase
// form PingOne itself writes, and compares IDs without regard to case.

var idPattern = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// IsID reports whether s has the shape of a PingOne ID (a UUID).
func IsID(s string) bool {
	return idPattern.MatchString(s)
}

// CanonicalID returns a PingOne ID in lowercase; anything that is not shaped like one is
// returned unchanged, for the API to judge.
func CanonicalID(s string) string {
	if IsID(s) {
		return strings.ToLower(s)
	}
	return s
}

// SameID reports whether a and b name the same PingOne object.
func SameID(a, b string) bool {
	return a == b || (IsID(a) && strings.EqualFold(a, b))
}
