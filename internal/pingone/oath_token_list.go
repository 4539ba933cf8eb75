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
	// Count is every token that matches, on every page; -1 when the answer leaves it out.
	Count int `json:"count"`
}

// ListOATHTokens lists an environment's tokens, following _links.next to the last page.
func (c *Client) ListOATHTokens(ctx context.Context, envID string, opts ListOATHTokensOptions) ([]OATHToken, error) {
	var out []OATHToken
	err := c.ScanOATHTokens(ctx, envID, opts, func(page []OATHToken, _ int) bool {
		out = append(out, page...)
		return true
	})
	return out, err
}

// ScanOATHTokens reads an environment's tokens page by page, following _links.next, and hands
// each page to fn with the number of tokens that match in all (-1 when PingOne does not say).
// fn returns false to stop: a caller that learns from the first page that the listing would
// cost more than reading its few tokens one by one stops there.
func (c *Client) ScanOATHTokens(ctx context.Context, envID string, opts ListOATHTokensOptions, fn func(page []OATHToken, total int) bool) error {
	ctx = withLogger(ctx)
	op := "list OATH tokens"
	if opts.SerialNumber != "" {
		op = fmt.Sprintf("find OATH token %q", opts.SerialNumber)
	}
	if err := requireID(op, "environment ID", envID); err != nil {
		return err
	}
	if opts.Limit < 0 {
		return fmt.Errorf("%s: page size %d must not be negative", op, opts.Limit)
	}

	next := c.envURL(envID, "oathTokens")
	if q := listQuery(opts).Encode(); q != "" {
		next += "?" + q
	}
	seen := map[string]bool{}
	for page := 1; next != ""; page++ {
		if seen[next] {
			return fmt.Errorf("%s: page %d links back to a page already read (%s)", op, page, next)
		}
		seen[next] = true

		pageOp := op
		if page > 1 {
			pageOp = fmt.Sprintf("%s (page %d)", op, page)
		}
		resp, err := c.do(ctx, apiCall{op: pageOp, method: http.MethodGet, url: next})
		if err != nil {
			return err
		}
		p := tokenPage{Count: -1}
		if err := decodeJSON(op, resp, &p); err != nil {
			return err
		}
		tokens := make([]OATHToken, 0, len(p.Embedded.OATHTokens))
		for _, tj := range p.Embedded.OATHTokens {
			t, err := tj.toToken()
			if err != nil {
				return fmt.Errorf("%s: %w", op, err)
			}
			tokens = append(tokens, t)
		}
		if !fn(tokens, p.Count) {
			return nil
		}

		current := next
		next = ""
		if p.Links.Next != nil && p.Links.Next.Href != "" {
			if next, err = c.followLink(current, p.Links.Next.Href); err != nil {
				return fmt.Errorf("%s: page %d: %w", op, page, err)
			}
		}
	}
	return nil
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

// followLink turns a page's next link into the URL of the next request. PingOne's links are
// absolute and name PingOne's own host; behind a proxy or a custom endpoint that host is not the
// one configured, and the bearer token must only ever go to the configured one. So the link's
// host and scheme are never followed: its path below the API root and its query are rebased onto
// the configured API base. A link that is not below an API root is refused.
func (c *Client) followLink(current, href string) (string, error) {
	base, err := url.Parse(current)
	if err != nil {
		return "", fmt.Errorf("parse page URL: %w", err)
	}
	ref, err := url.Parse(href)
	if err != nil {
		return "", fmt.Errorf("parse next link %q: %w", href, err)
	}
	link := base.ResolveReference(ref)
	rest, ok := c.belowAPIRoot(link.EscapedPath())
	if !ok {
		return "", fmt.Errorf("next link %q is not below the API root %s", href, apiVersionPath)
	}
	next := c.apiBase
	next.RawPath = c.apiBase.EscapedPath() + rest
	if next.Path, err = url.PathUnescape(next.RawPath); err != nil {
		return "", fmt.Errorf("next link %q: %w", href, err)
	}
	next.RawQuery = link.RawQuery
	return next.String(), nil
}

// belowAPIRoot returns the part of an escaped path below the API root: below the configured base
// when a proxy rewrote the link to it, otherwise below PingOne's own /v1.
func (c *Client) belowAPIRoot(escapedPath string) (string, bool) {
	for _, root := range []string{c.apiBase.EscapedPath(), apiVersionPath} {
		if rest, ok := strings.CutPrefix(escapedPath, root); ok && strings.HasPrefix(rest, "/") {
			return rest, true
		}
	}
	return "", false
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
