package pingone

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// ListOATHTokensOptions narrows and shapes a list.
type ListOATHTokensOptions struct {
	// SerialNumber filters on one serial number (filter=serialNumber eq "X").
	SerialNumber string
	// ExpandDevices asks for the paired devices of each token.
	ExpandDevices bool
	// Limit is the page size asked for; 0 leaves the server's default. The server may answer
	// with another size, so paging never relies on it.
	Limit int
}

// tokenPage is one page of a token collection.
type tokenPage struct {
	Links struct {
		Next *struct {
			Href string `json:"href"`
		} `json:"next"`
	} `json:"_links"`
	Embedded struct {
		OATHTokens []tokenJSON `json:"oathTokens"`
	} `json:"_embedded"`
}

// ListOATHTokens lists an environment's tokens, following _links.next to the last page.
func (c *Client) ListOATHTokens(ctx context.Context, envID string, opts ListOATHTokensOptions) ([]OATHToken, error) {
	ctx = withLogger(ctx)
	op := "list OATH tokens"
	if opts.SerialNumber != "" {
		op = fmt.Sprintf("find OATH token %q", opts.SerialNumber)
	}
	if err := requireID(op, "environment ID", envID); err != nil {
		return nil, err
	}
	if opts.Limit < 0 {
		return nil, fmt.Errorf("%s: page size %d must not be negative", op, opts.Limit)
	}

	next := c.envURL(envID, "oathTokens")
	if q := listQuery(opts).Encode(); q != "" {
		next += "?" + q
	}
	seen := map[string]bool{}
	var out []OATHToken
	for page := 1; next != ""; page++ {
		if seen[next] {
			return nil, fmt.Errorf("%s: page %d links back to a page already read (%s)", op, page, next)
		}
		seen[next] = true

		pageOp := op
		if page > 1 {
			pageOp = fmt.Sprintf("%s (page %d)", op, page)
		}
		resp, err := c.do(ctx, apiCall{op: pageOp, method: http.MethodGet, url: next})
		if err != nil {
			return nil, err
		}
		var p tokenPage
		if err := decodeJSON(op, resp, &p); err != nil {
			return nil, err
		}
		for _, tj := range p.Embedded.OATHTokens {
			t, err := tj.toToken()
			if err != nil {
				return nil, fmt.Errorf("%s: %w", op, err)
			}
			out = append(out, t)
		}

		current := next
		next = ""
		if p.Links.Next != nil && p.Links.Next.Href != "" {
			if next, err = c.followLink(current, p.Links.Next.Href); err != nil {
				return nil, fmt.Errorf("%s: page %d: %w", op, page, err)
			}
		}
	}
	return out, nil
}

// listQuery builds a list's query string.
func listQuery(opts ListOATHTokensOptions) url.Values {
	q := url.Values{}
	if opts.SerialNumber != "" {
		q.Set("filter", "serialNumber eq "+quoteFilterValue(opts.SerialNumber))
	}
	if opts.ExpandDevices {
		q.Set("expand", "devices")
	}
	if opts.Limit > 0 {
		q.Set("limit", strconv.Itoa(opts.Limit))
	}
	return q
}

// quoteFilterValue quotes a string for a SCIM-style filter, escaping backslashes and quotes so a
// value cannot end the literal and add conditions.
func quoteFilterValue(v string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(v) + `"`
}

// followLink resolves a next link against the current page and checks that it stays on the API
// host over HTTPS: the bearer token goes wherever the link points.
func (c *Client) followLink(current, href string) (string, error) {
	base, err := url.Parse(current)
	if err != nil {
		return "", fmt.Errorf("parse page URL: %w", err)
	}
	ref, err := url.Parse(href)
	if err != nil {
		return "", fmt.Errorf("parse next link %q: %w", href, err)
	}
	u := base.ResolveReference(ref)
	if u.Scheme != "https" || !strings.EqualFold(u.Host, c.apiBase.Host) {
		return "", fmt.Errorf("next link %q leaves the API host %s", href, c.apiBase.Host)
	}
	return u.String(), nil
}

// FindOATHTokenBySerial finds a token by serial number with one filtered list call. No match is
// an *Error with NotFound set, so IsNotFound is true.
func (c *Client) FindOATHTokenBySerial(ctx context.Context, envID, serial string, expandDevices bool) (*OATHToken, error) {
	if serial == "" {
		return nil, fmt.Errorf("find OATH token: %w: serial number is empty", errInvalidID)
	}
	tokens, err := c.ListOATHTokens(ctx, envID, ListOATHTokensOptions{SerialNumber: serial, ExpandDevices: expandDevices})
	if err != nil {
		return nil, err
	}
	// The filter is the server's; the match is checked here too, so a server that ignored or
	// loosened the filter cannot hand back another token.
	var folded []int
	for i := range tokens {
		if tokens[i].SerialNumber == serial {
			return &tokens[i], nil
		}
		if strings.EqualFold(tokens[i].SerialNumber, serial) {
			folded = append(folded, i)
		}
	}
	// A server that compares serials without case is matched too, but only when unambiguous.
	if len(folded) == 1 {
		return &tokens[folded[0]], nil
	}
	return nil, &Error{
		Operation: fmt.Sprintf("find OATH token %q", serial),
		Code:      "NOT_FOUND",
		Message:   fmt.Sprintf("no OATH token with serial number %q in environment %s", serial, envID),
		NotFound:  true,
	}
}
