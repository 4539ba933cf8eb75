package mfa_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/oathtokens/terraform-provider-pingone/internal/acctest"
	"github.com/oathtokens/terraform-provider-pingone/internal/pingone"
)

const setAddr = "pingone_oath_token_set.test"

// writeOnlyEngines skips a test on engines without write-only attributes (Terraform < 1.11).
var writeOnlyEngines = []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)}

// Routes the set's tests count.
const (
	routeJobs    = "POST /v1/environments/{envID}/oathJobs"
	routeJob     = "GET /v1/environments/{envID}/oathJobs/{jobID}"
	routeRead    = "GET /v1/environments/{envID}/oathTokens/{oathTokenID}"
	routeList    = "GET /v1/environments/{envID}/oathTokens"
	routeCreate1 = "POST /v1/environments/{envID}/oathTokens"
	routeRevoke1 = "DELETE /v1/environments/{envID}/oathTokens/{oathTokenID}"
)

// setRow is one token of a test set.
type setRow struct {
	serial, tokenType, hash string
	length                  int
	counter, step, version  *int
	seed                    string
}

func hotpRow(serial string) setRow {
	return setRow{serial: serial, tokenType: "HOTP", length: 6, seed: seedFor(serial)}
}

func totpRow(serial string) setRow {
	step := 30
	return setRow{serial: serial, tokenType: "TOTP", length: 6, step: &step, hash: "HmacSHA256", seed: seedFor(serial)}
}

// seedFor is a distinct 20-byte seed per serial number, so that stateLacks can find each one.
func seedFor(serial string) string {
	return fmt.Sprintf("%040x", []byte(fmt.Sprintf("%-20s", serial)))
}

func intp(n int) *int { return &n }

func (r setRow) hcl() string {
	var b strings.Builder
	fmt.Fprintf(&b, "    %q = {\n      type = %q\n      otp_length = %d\n", r.serial, r.tokenType, r.length)
	if r.hash != "" {
		fmt.Fprintf(&b, "      hash_algorithm = %q\n", r.hash)
	}
	if r.counter != nil {
		fmt.Fprintf(&b, "      hotp = { counter = %d }\n", *r.counter)
	}
	if r.step != nil {
		fmt.Fprintf(&b, "      totp = { time_step = %d }\n", *r.step)
	}
	if r.version != nil {
		fmt.Fprintf(&b, "      secret_version = %d\n", *r.version)
	}
	b.WriteString("    }\n")
	return b.String()
}

// setSpec is a test set's configuration.
type setSpec struct {
	env       string
	rows      []setRow
	writeOnly bool   // seeds in secrets_wo instead of secrets
	extra     string // more attributes, as HCL
}

func (s setSpec) config(e *acctest.Emulator) string {
	var tokens, seeds strings.Builder
	for _, r := range s.rows {
		tokens.WriteString(r.hcl())
		fmt.Fprintf(&seeds, "    %q = %q\n", r.serial, r.seed)
	}
	seedsAttr := "secrets"
	if s.writeOnly {
		seedsAttr = "secrets_wo"
	}
	return e.ProviderConfig() + fmt.Sprintf(`
resource "pingone_oath_token_set" "test" {
  environment_id = %q
  tokens = {
%s  }
  %s = {
%s  }
%s
}
`, s.env, tokens.String(), seedsAttr, seeds.String(), s.extra)
}

func (s setSpec) serials() []string {
	out := make([]string, len(s.rows))
	for i, r := range s.rows {
		out[i] = r.serial
	}
	slices.Sort(out)
	return out
}

// setCase wires a set test to the emulator: CheckDestroy asserts PingOne holds none of the
// environments' tokens.
func setCase(t *testing.T, e *acctest.Emulator, envs []string, steps ...resource.TestStep) resource.TestCase {
	return resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			for _, env := range envs {
				if serials := e.TokenSerials(env); len(serials) > 0 {
					return fmt.Errorf("tokens left in environment %s after destroy: %v", env, serials)
				}
			}
			return nil
		},
		Steps: steps,
	}
}

// holds checks that the environment holds exactly these serial numbers.
func holds(e *acctest.Emulator, env string, want ...string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		slices.Sort(want)
		if got := serialsHeld(e, env); !slices.Equal(got, want) {
			return fmt.Errorf("PingOne holds %v, want %v", got, want)
		}
		return nil
	}
}

// tokenIDs reads the IDs of the test's own tokens in the environment by serial number, through
// the API.
func tokenIDs(t *testing.T, e *acctest.Emulator, env string) map[string]string {
	t.Helper()
	tokens, err := e.Client(t).ListOATHTokens(context.Background(), env, pingone.ListOATHTokensOptions{})
	if err != nil {
		t.Fatalf("list tokens: %v", err)
	}
	ids := make(map[string]string, len(tokens))
	for _, tok := range tokens {
		if e.Owns(tok.SerialNumber) {
			ids[tok.SerialNumber] = tok.ID
		}
	}
	return ids
}

// calls fails unless the route was called exactly want times since the last reset.
func calls(e *acctest.Emulator, route string, want int) error {
	if !e.CanCheck(fmt.Sprintf("%s called %d times", route, want)) {
		return nil
	}
	if got := e.APICalls(route); got != want {
		return fmt.Errorf("%s called %d times, want %d (all calls: %v)", route, got, want, e.Counters().Requests)
	}
	return nil
}
