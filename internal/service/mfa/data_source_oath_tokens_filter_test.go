package mfa

import (
	"fmt"
	"slices"
	"testing"

	"github.com/oathtokens/terraform-provider-pingone/internal/pingone"
)

func TestTokenFilter(t *testing.T) {
	paired := []pingone.PairedDevice{{DeviceID: "d1", UserID: "u1"}}
	tokens := []pingone.OATHToken{
		{ID: "1", SerialNumber: "C", Type: tokenTypeTOTP},
		{ID: "4", SerialNumber: "A", Type: tokenTypeHOTP, Devices: paired},
		{ID: "3", SerialNumber: "B", Type: tokenTypeHOTP, Devices: []pingone.PairedDevice{}},
		{ID: "2", SerialNumber: "a", Type: tokenTypeTOTP},
	}
	yes, no := true, false
	cases := []struct {
		name   string
		filter tokenFilter
		want   []string
	}{
		{"none, ordered by serial", tokenFilter{}, []string{"A", "B", "C", "a"}},
		{"type", tokenFilter{Type: tokenTypeTOTP}, []string{"C", "a"}},
		{"serials, compared exactly", tokenFilter{Serials: map[string]bool{"a": true, "B": true, "Z": true}}, []string{"B", "a"}},
		{"empty serial set", tokenFilter{Serials: map[string]bool{}}, []string{}},
		{"paired", tokenFilter{Paired: &yes}, []string{"A"}},
		{"unpaired", tokenFilter{Paired: &no}, []string{"B", "C", "a"}},
		{"combined", tokenFilter{Type: tokenTypeHOTP, Paired: &no, Serials: map[string]bool{"A": true, "B": true}}, []string{"B"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := []string{}
			for _, tok := range tc.filter.apply(tokens) {
				got = append(got, tok.SerialNumber)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("apply = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestTokenFilterSerialsToLookUp(t *testing.T) {
	many := map[string]bool{}
	for i := range maxSerialLookups + 1 {
		many[fmt.Sprintf("SN%02d", i)] = true
	}
	cases := []struct {
		name    string
		filter  tokenFilter
		want    []string
		nothing bool
	}{
		{"no serial filter lists everything", tokenFilter{Type: tokenTypeHOTP}, nil, false},
		{"one serial", tokenFilter{Serials: map[string]bool{"SN1": true}}, []string{"SN1"}, false},
		{"a few serials, sorted", tokenFilter{Serials: map[string]bool{"SN2": true, "SN1": true}}, []string{"SN1", "SN2"}, false},
		{"more than the lookup limit take one listing", tokenFilter{Serials: many}, nil, false},
		{"an empty set needs no call", tokenFilter{Serials: map[string]bool{}}, nil, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.filter.serialsToLookUp(); !slices.Equal(got, tc.want) {
				t.Errorf("serialsToLookUp = %v, want %v", got, tc.want)
			}
			if got := tc.filter.selectsNothing(); got != tc.nothing {
				t.Errorf("selectsNothing = %v, want %v", got, tc.nothing)
			}
		})
	}
}
