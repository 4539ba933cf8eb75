package mfa

import (
	"slices"
	"strings"

	"github.com/oathtokens/terraform-provider-pingone/internal/pingone"
)

// tokenFilter is what the list data source selects on. The zero value selects every token.
type tokenFilter struct {
	// Type is HOTP or TOTP; empty selects both.
	Type string
	// Serials is the set of serial numbers to keep; nil selects every serial, while an empty,
	// non-nil set selects none.
	Serials map[string]bool
	// Paired keeps only paired tokens when true, only unpaired ones when false; nil keeps both.
	Paired *bool
}

// selectsNothing reports a filter no token can pass, so that no API call is made for it.
func (f tokenFilter) selectsNothing() bool {
	return f.Serials != nil && len(f.Serials) == 0
}

// maxSerialLookups is how many serial numbers are looked up one filtered call each rather than by
// listing the environment. A listing costs one call per page (100 tokens or so), so from about
// this many serials on, in an environment of a few thousand tokens, the listing is the cheaper one.
const maxSerialLookups = 25

// serialsToLookUp returns the serial numbers to look up one by one, sorted so the calls come in a
// stable order, or nil when the environment is to be listed instead.
func (f tokenFilter) serialsToLookUp() []string {
	if len(f.Serials) == 0 || len(f.Serials) > maxSerialLookups {
		return nil
	}
	serials := make([]string, 0, len(f.Serials))
	for serial := range f.Serials {
		serials = append(serials, serial)
	}
	slices.Sort(serials)
	return serials
}

// apply keeps the tokens that pass every filter, ordered by serial number so that plans stay
// stable whatever order PingOne lists them in. The serial filter is applied here as well after
// lookups, so that a server that ignored it cannot add tokens.
func (f tokenFilter) apply(tokens []pingone.OATHToken) []pingone.OATHToken {
	out := make([]pingone.OATHToken, 0, len(tokens))
	for _, t := range tokens {
		if f.keeps(t) {
			out = append(out, t)
		}
	}
	slices.SortFunc(out, func(a, b pingone.OATHToken) int {
		if c := strings.Compare(a.SerialNumber, b.SerialNumber); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return out
}

func (f tokenFilter) keeps(t pingone.OATHToken) bool {
	if f.Type != "" && t.Type != f.Type {
		return false
	}
	if f.Serials != nil && !f.Serials[t.SerialNumber] {
		return false
	}
	if f.Paired != nil && (len(t.Devices) > 0) != *f.Paired {
		return false
	}
	return true
}
