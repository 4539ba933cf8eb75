package acctest

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"net/url"
	"regexp"
	"strings"

	"github.com/google/uuid"

	"github.com/oathtokens/terraform-provider-pingone/internal/pingone"
)

// What the tests create against a real PingOne, and so what the sweepers may remove: serial
// numbers that are Prefix, a run ID and a test's number (isolation.go) followed by the test's own
// name, and user names that are the same namespace in lower case and a hyphen. Anything else is
// someone else's, even if it starts with Prefix.
var (
	testSerial   = regexp.MustCompile(`^` + Prefix + `[A-Z0-9]{` + fmt.Sprint(runIDLength+namespaceSeqLength) + `}[A-Za-z0-9]+$`)
	testUsername = regexp.MustCompile(`(?i)^` + Prefix + `[a-z0-9]{` + fmt.Sprint(runIDLength+namespaceSeqLength) + `}-.+$`)
)

// IsTestSerial reports whether a serial number is one the acceptance tests made.
func IsTestSerial(serial string) bool { return testSerial.MatchString(serial) }

// IsTestUsername reports whether a user name is one the acceptance tests made.
func IsTestUsername(name string) bool { return testUsername.MatchString(name) }

// SweepTokens revokes, in the environment envID, every OATH token the acceptance tests made
// (IsTestSerial), whatever run made it: what interrupted runs left. PingOne unpairs a paired
// token as it revokes it. It signs in with the PINGONE_* variables, as the tests do, and never
// touches another token.
func SweepTokens(envID string) error {
	c, err := sweepConnection(envID)
	if err != nil {
		return err
	}
	client, err := c.pingoneClient()
	if err != nil {
		return err
	}
	ctx := context.Background()
	tokens, err := client.ListOATHTokens(ctx, envID, pingone.ListOATHTokensOptions{})
	if err != nil {
		return fmt.Errorf("list the OATH tokens of environment %s: %w", envID, err)
	}
	revoked, kept := 0, 0
	for _, tok := range tokens {
		if !IsTestSerial(tok.SerialNumber) {
			kept++
			continue
		}
		if err := client.RevokeOATHToken(ctx, envID, tok.ID); err != nil && !pingone.IsNotFound(err) {
			return fmt.Errorf("revoke OATH token %s (%s): %w", tok.SerialNumber, tok.ID, err)
		}
		revoked++
	}
	log.Printf("[INFO] environment %s: revoked %d OATH tokens the acceptance tests left; %d others left alone", envID, revoked, kept)
	return nil
}

// SweepUsers deletes, in the environment envID, every user the acceptance tests made
// (IsTestUsername), whatever run made them. It never touches another user.
func SweepUsers(envID string) error {
	c, err := sweepConnection(envID)
	if err != nil {
		return err
	}
	filter := url.Values{"filter": {`username sw "` + strings.ToLower(Prefix) + `"`}, "limit": {"100"}}
	next := c.apiURL() + "/environments/" + envID + "/users?" + filter.Encode()
	var ids []string
	for next != "" {
		var page struct {
			Links struct {
				Next *struct {
					Href string `json:"href"`
				} `json:"next"`
			} `json:"_links"`
			Embedded struct {
				Users []struct {
					ID       string `json:"id"`
					Username string `json:"username"`
				} `json:"users"`
			} `json:"_embedded"`
		}
		if err := c.call(http.MethodGet, next, "", nil, &page, http.StatusOK); err != nil {
			return fmt.Errorf("list the users of environment %s: %w", envID, err)
		}
		for _, u := range page.Embedded.Users {
			if IsTestUsername(u.Username) {
				ids = append(ids, u.ID)
			}
		}
		next = ""
		if page.Links.Next != nil {
			next = page.Links.Next.Href
		}
	}
	for _, id := range ids {
		if err := c.deleteUser(envID, id); err != nil {
			return err
		}
	}
	log.Printf("[INFO] environment %s: deleted %d users the acceptance tests left", envID, len(ids))
	return nil
}

// sweepConnection signs in for a sweep of envID. terraform-plugin-testing passes each value of
// -sweep as a "region"; PingOne's unit is the environment, so each value is an environment ID.
func sweepConnection(envID string) (*connection, error) {
	if err := uuid.Validate(envID); err != nil {
		return nil, fmt.Errorf("-sweep takes the IDs of the environments to sweep, comma-separated; %q is not an environment ID", envID)
	}
	return connectionFromEnv()
}
