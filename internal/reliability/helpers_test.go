package reliability_test

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/oathtokens/terraform-provider-pingone/internal/acctest"
	"github.com/oathtokens/terraform-provider-pingone/internal/pingone"
)

// RFC 4226's test seed, "12345678901234567890" in hex, and a second seed for tests that must
// tell two secrets apart.
const (
	seedSHA1  = "3132333435363738393031323334353637383930"
	seedOther = "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718"
)

// createRoute and the others are the emulator's counter keys.
const (
	createRoute = "POST /v1/environments/{envID}/oathTokens"
	listRoute   = "GET /v1/environments/{envID}/oathTokens"
	deleteRoute = "DELETE /v1/environments/{envID}/oathTokens/{oathTokenID}"
	tokenRoute  = "POST /{envID}/as/token"
)

// tokensBlock is one resource block of count HOTP tokens whose serial numbers are prefix000,
// prefix001, ...; extra goes inside the block (timeouts, for example).
func tokensBlock(name, envID, prefix string, count int, extra string) string {
	return fmt.Sprintf(`
resource "pingone_oath_token" %q {
  count          = %d
  environment_id = %q
  serial_number  = format("%s%%03d", count.index)
  type           = "HOTP"
  otp_length     = 6
  secret         = %q
%s
}
`, name, count, envID, prefix, seedSHA1, extra)
}

// serials lists the serial numbers tokensBlock gives, as "envID/serial" keys.
func serials(envID, prefix string, count int) []string {
	out := make([]string, count)
	for i := range out {
		out[i] = fmt.Sprintf("%s/%s%03d", envID, prefix, i)
	}
	return out
}

// heldTokens is what PingOne holds in the environments, "envID/serial" → ID, read through the
// API (which must agree with the emulator's own index of serial numbers): every token with the
// emulator, the test's own in a real PingOne. Faults must be cleared first: the test client
// retries little.
func heldTokens(t *testing.T, e *acctest.Emulator, envIDs ...string) map[string]string {
	t.Helper()
	client := e.Client(t)
	out := map[string]string{}
	for _, env := range envIDs {
		tokens, err := client.ListOATHTokens(context.Background(), env, pingone.ListOATHTokensOptions{})
		if err != nil {
			t.Fatalf("list the tokens of %s: %v", env, err)
		}
		var listed []string
		for _, tok := range tokens {
			if !e.Owns(tok.SerialNumber) {
				continue
			}
			key := env + "/" + tok.SerialNumber
			if _, dup := out[key]; dup {
				t.Fatalf("PingOne holds serial number %s twice", key)
			}
			out[key] = tok.ID
			listed = append(listed, tok.SerialNumber)
		}
		slices.Sort(listed)
		if index := e.TokenSerials(env); !slices.Equal(listed, index) {
			t.Fatalf("the API lists %d tokens in %s, the emulator's index %d", len(listed), env, len(index))
		}
	}
	return out
}

// requireSameTokens fails unless the state and PingOne hold the same tokens with the same IDs.
func requireSameTokens(t *testing.T, inState, held map[string]string) {
	t.Helper()
	var onlyState, onlyHeld, differ []string
	for k, id := range inState {
		switch heldID, ok := held[k]; {
		case !ok:
			onlyState = append(onlyState, k)
		case heldID != id:
			differ = append(differ, fmt.Sprintf("%s (state %s, PingOne %s)", k, id, heldID))
		}
	}
	for k := range held {
		if _, ok := inState[k]; !ok {
			onlyHeld = append(onlyHeld, k)
		}
	}
	if len(onlyState)+len(onlyHeld)+len(differ) > 0 {
		sort.Strings(onlyState)
		sort.Strings(onlyHeld)
		t.Fatalf("state and PingOne disagree: only in state %v; only in PingOne (orphans) %v; different IDs %v",
			onlyState, onlyHeld, differ)
	}
}

// requireKeys fails unless got holds exactly the keys want.
func requireKeys(t *testing.T, what string, got map[string]string, want []string) {
	t.Helper()
	keys := slices.Sorted(maps.Keys(got))
	want = slices.Sorted(slices.Values(want))
	if !slices.Equal(keys, want) {
		t.Fatalf("%s holds %d tokens %s, want %d %s", what, len(keys), abbreviate(keys), len(want), abbreviate(want))
	}
}

func abbreviate(keys []string) string {
	if len(keys) <= 6 {
		return fmt.Sprint(keys)
	}
	return fmt.Sprintf("[%s ... %s]", strings.Join(keys[:3], " "), strings.Join(keys[len(keys)-3:], " "))
}

// figure logs one measured figure in a form RELIABILITY.md quotes: go test -v shows them.
func figure(t *testing.T, format string, args ...any) {
	t.Helper()
	t.Logf("FIGURE %s: "+format, append([]any{t.Name()}, args...)...)
}

// round rounds a duration for figures.
func round(d time.Duration) time.Duration { return d.Round(10 * time.Millisecond) }
