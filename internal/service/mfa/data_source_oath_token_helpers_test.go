package mfa_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"

	"github.com/oathtokens/terraform-provider-pingone/internal/acctest"
	"github.com/oathtokens/terraform-provider-pingone/internal/pingone"
)

// The emulator's route templates, the keys of its request counters.
const (
	routeListTokens = "GET /v1/environments/{envID}/oathTokens"
	routeReadToken  = "GET /v1/environments/{envID}/oathTokens/{oathTokenID}"
)

const (
	tokenDataAddr  = "data.pingone_oath_token.test"
	tokensDataAddr = "data.pingone_oath_tokens.test"
)

// dataSourceCase wires a data source test to the emulator. Unlike testCase it does not expect
// PingOne to be empty afterwards: these tests create their tokens through the API, and reading
// them must leave them in place.
func dataSourceCase(t *testing.T, steps ...resource.TestStep) resource.TestCase {
	return resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps:                    steps,
	}
}

// createTokens creates tokens through the API, as an administrator would outside Terraform,
// which is faster than applying resources and keeps the data source alone in each config.
func createTokens(t *testing.T, e *acctest.Emulator, envID string, specs ...pingone.OATHTokenCreate) []*pingone.OATHToken {
	t.Helper()
	client := e.Client(t)
	out := make([]*pingone.OATHToken, 0, len(specs))
	for _, spec := range specs {
		token, err := client.CreateOATHToken(context.Background(), envID, spec)
		if err != nil {
			t.Fatalf("create token %s: %v", spec.SerialNumber, err)
		}
		out = append(out, token)
	}
	return out
}

func pingoneTOTP(serial string) pingone.OATHTokenCreate {
	return pingone.OATHTokenCreate{
		SerialNumber: serial, Secret: seedSHA256, Type: "TOTP", OTPLength: 8, HashAlgorithm: "HmacSHA256",
		TOTP: &pingone.TOTPSettings{TimeStep: 60},
	}
}

// serialsInOrder expects tokens to hold exactly these serial numbers, in this order, among the
// test's own tokens (ownTokens).
func serialsInOrder(e *acctest.Emulator, serials ...string) knownvalue.Check {
	checks := make([]knownvalue.Check, len(serials))
	for i, s := range serials {
		checks[i] = knownvalue.ObjectPartial(map[string]knownvalue.Check{"serial_number": knownvalue.StringExact(s)})
	}
	return ownTokens{e: e, check: knownvalue.ListExact(checks)}
}

// ownTokens applies check to a list of tokens without those of other tests: in an environment of
// the test's own (the emulator's) that is every token; in the environment the tests share in a
// real PingOne, the tokens whose serial numbers carry the test's namespace.
type ownTokens struct {
	e     *acctest.Emulator
	check knownvalue.Check
}

func (c ownTokens) CheckValue(v any) error {
	list, ok := v.([]any)
	if !ok {
		return fmt.Errorf("expected a list of tokens, got %T", v)
	}
	own := []any{}
	for _, item := range list {
		token, _ := item.(map[string]any)
		if serial, _ := token["serial_number"].(string); c.e.Owns(serial) {
			own = append(own, item)
		}
	}
	return c.check.CheckValue(own)
}

func (c ownTokens) String() string { return c.check.String() + " among the test's own tokens" }

// expectCalls checks how many times a route was called since the counters were last reset.
func expectCalls(e *acctest.Emulator, route string, want int) error {
	if !e.CanCheck(fmt.Sprintf("%s called %d times", route, want)) {
		return nil
	}
	if got := e.APICalls(route); got != want {
		return fmt.Errorf("%s called %d times, want %d (all calls: %v)", route, got, want, e.Counters().Requests)
	}
	return nil
}

// wrapped matches the phrases in this order however Terraform wrapped them: every space may
// be a line break.
func wrapped(phrases ...string) *regexp.Regexp {
	quoted := make([]string, len(phrases))
	for i, phrase := range phrases {
		words := strings.Fields(phrase)
		for j, w := range words {
			words[j] = regexp.QuoteMeta(w)
		}
		quoted[i] = strings.Join(words, `\s+`)
	}
	return regexp.MustCompile(`(?s)` + strings.Join(quoted, `.*`))
}

func tokenDataConfig(e *acctest.Emulator, envID, lookup string) string {
	return e.ProviderConfig() + fmt.Sprintf(`
data "pingone_oath_token" "test" {
  environment_id = %q
  %s
}
`, envID, lookup)
}

func tokensDataConfig(e *acctest.Emulator, envID, filters string) string {
	return e.ProviderConfig() + fmt.Sprintf(`
data "pingone_oath_tokens" "test" {
  environment_id = %q
  %s
}
`, envID, filters)
}
