package mfa

import (
	"testing"

	"github.com/oathtokens/terraform-provider-pingone/internal/pingone"
)

func TestListOptions(t *testing.T) {
	paired := false
	cases := []struct {
		name   string
		filter tokenFilter
		limit  int64
		want   pingone.ListOATHTokensOptions
	}{
		{"every token, default limit", tokenFilter{}, 100, pingone.ListOATHTokensOptions{Limit: 100}},
		{"every token, large limit", tokenFilter{}, 100000, pingone.ListOATHTokensOptions{Limit: 1000}},
		// A filter may drop tokens from a page, so the page cannot be cut to the limit.
		{"by type", tokenFilter{Type: tokenTypeHOTP}, 10, pingone.ListOATHTokensOptions{Limit: 1000}},
		{"by serial", tokenFilter{Serials: map[string]bool{"A1": true}}, 10, pingone.ListOATHTokensOptions{Limit: 1000}},
		{"by pairing, which needs the devices", tokenFilter{Paired: &paired}, 10,
			pingone.ListOATHTokensOptions{Limit: 1000, ExpandDevices: true}},
	}
	for _, tc := range cases {
		if got := listOptions(tc.filter, tc.limit); got != tc.want {
			t.Errorf("%s: listOptions() = %+v, want %+v", tc.name, got, tc.want)
		}
	}
}
