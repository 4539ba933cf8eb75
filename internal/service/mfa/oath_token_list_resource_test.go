package mfa_test

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/oathtokens/terraform-provider-pingone/internal/acctest"
	"github.com/oathtokens/terraform-provider-pingone/internal/emulator"
	"github.com/oathtokens/terraform-provider-pingone/internal/pingone"
)

// terraform query lists the tokens an environment holds. These tests load tokens the way an
// administrator does outside Terraform (one by one, or in a batch job), then query them.

const listRoute = "GET /v1/environments/{envID}/oathTokens"

// queryTestCase runs steps on Terraform 1.14 or later, the first engines with terraform query;
// older engines and OpenTofu skip them. The first step writes the provider block, after setup
// (when not nil) has loaded tokens: in a step, so that a skipped test loads none. At the end it
// checks that the queries left PingOne's tokens exactly as they were.
func queryTestCase(t *testing.T, e *acctest.Emulator, setup func(), steps ...resource.TestStep) resource.TestCase {
	var before []string
	first := resource.TestStep{
		PreConfig: func() {
			if setup != nil {
				setup()
			}
			before = serialsHeld(e, e.Info.EnvironmentID)
		},
		Config: e.ProviderConfig(),
	}
	return resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0)},
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			if after := serialsHeld(e, e.Info.EnvironmentID); !slices.Equal(before, after) {
				return fmt.Errorf("the queries changed PingOne's tokens: %v before, %v after", before, after)
			}
			return nil
		},
		Steps: append([]resource.TestStep{first}, steps...),
	}
}

// listBlock is a list block for pingone_oath_token; args go beside config (limit,
// include_resource), filters inside it.
func listBlock(name, envID, args, filters string) string {
	return fmt.Sprintf(`
list "pingone_oath_token" %q {
  provider = pingone
  %s
  config {
    environment_id = %q
    %s
  }
}
`, name, args, envID, filters)
}

// expectListCalls is a query check on the emulator: the query listed the environment with
// exactly want list calls since the step's PreConfig reset the counters.
type expectListCalls struct {
	e       *acctest.Emulator
	want    int
	started *time.Time
	t       *testing.T
}

func (c expectListCalls) CheckQuery(_ context.Context, _ querycheck.CheckQueryRequest, resp *querycheck.CheckQueryResponse) {
	got := c.e.APICalls(listRoute)
	if c.started != nil {
		c.t.Logf("query step (init and query) took %s with %d list calls", time.Since(*c.started).Round(time.Millisecond), got)
	}
	if got != c.want {
		resp.Error = fmt.Errorf("the query made %d list calls (%s), want %d", got, listRoute, c.want)
	}
}

// TestAccOATHTokenList_Empty queries an environment without tokens: no result, one list call.
func TestAccOATHTokenList_Empty(t *testing.T) {
	acctest.NeedsOwnEnvironment(t, "queries an environment without tokens")
	e := acctest.StartEmulator(t)
	resource.ParallelTest(t, queryTestCase(t, e, nil, resource.TestStep{
		PreConfig: e.ResetCounters,
		Query:     true,
		Config:    listBlock("all", e.Info.EnvironmentID, "include_resource = true", ""),
		QueryResultChecks: []querycheck.QueryResultCheck{
			querycheck.ExpectLength("pingone_oath_token.all", 0),
			expectListCalls{e: e, want: 1},
		},
	}))
}

// TestAccOATHTokenList_One queries an environment of one used HOTP token: the identity is the
// token's, in lowercase, and the resource object holds what configuration generated from it needs,
// with PingOne's current counter and no secret.
func TestAccOATHTokenList_One(t *testing.T) {
	acctest.NeedsOwnEnvironment(t, "queries an environment of exactly one token")
	e := acctest.StartEmulator(t)
	env := e.Info.EnvironmentID
	created := createTokens(t, e, env, pingoneHOTP("LIST1", 0))[0]
	resyncForward(t, e, created.ID, seedSHA1)
	counter := tokenBySerial(t, e, env, "LIST1").HOTP.Counter

	identity := map[string]knownvalue.Check{
		"environment_id": knownvalue.StringExact(env),
		"id":             knownvalue.StringExact(created.ID),
	}
	resource.ParallelTest(t, queryTestCase(t, e, nil, resource.TestStep{
		PreConfig: e.ResetCounters,
		Query:     true,
		// The environment in upper case names the same environment; results keep PingOne's form.
		Config: listBlock("all", strings.ToUpper(env), "include_resource = true", ""),
		QueryResultChecks: []querycheck.QueryResultCheck{
			querycheck.ExpectLength("pingone_oath_token.all", 1),
			querycheck.ExpectIdentity("pingone_oath_token.all", identity),
			querycheck.ExpectResourceDisplayName("pingone_oath_token.all", queryfilter.ByResourceIdentity(identity),
				knownvalue.StringExact("LIST1 (HOTP)")),
			querycheck.ExpectResourceKnownValues("pingone_oath_token.all", queryfilter.ByResourceIdentity(identity),
				[]querycheck.KnownValueCheck{
					{Path: tfjsonpath.New("id"), KnownValue: knownvalue.StringExact(created.ID)},
					{Path: tfjsonpath.New("environment_id"), KnownValue: knownvalue.StringExact(env)},
					{Path: tfjsonpath.New("serial_number"), KnownValue: knownvalue.StringExact("LIST1")},
					{Path: tfjsonpath.New("type"), KnownValue: knownvalue.StringExact("HOTP")},
					{Path: tfjsonpath.New("otp_length"), KnownValue: knownvalue.Int64Exact(6)},
					{Path: tfjsonpath.New("hash_algorithm"), KnownValue: knownvalue.StringExact("HmacSHA1")},
					{Path: tfjsonpath.New("hotp").AtMapKey("counter"), KnownValue: knownvalue.Int64Exact(counter)},
					{Path: tfjsonpath.New("totp"), KnownValue: knownvalue.Null()},
					{Path: tfjsonpath.New("allow_revoke_when_paired"), KnownValue: knownvalue.Bool(false)},
					{Path: tfjsonpath.New("secret"), KnownValue: knownvalue.Null()},
					{Path: tfjsonpath.New("secret_wo_version"), KnownValue: knownvalue.Null()},
					// Without the paired filter the pairing is not read, so it is not claimed.
					{Path: tfjsonpath.New("paired_devices"), KnownValue: knownvalue.Null()},
				}),
			expectListCalls{e: e, want: 1},
		},
	}))
}

// TestAccOATHTokenList_Filters lists by type and serial numbers, each in the one listing.
func TestAccOATHTokenList_Filters(t *testing.T) {
	acctest.NeedsOwnEnvironment(t, "counts what queries by type find in the whole environment")
	e := acctest.StartEmulator(t)
	env := e.Info.EnvironmentID
	tokens := createTokens(t, e, env, pingoneHOTP("FILTERH1", 0), pingoneHOTP("FILTERH2", 0), pingoneTOTP("FILTERT1"))
	identity := func(i int) queryfilter.QueryFilter {
		return queryfilter.ByResourceIdentity(map[string]knownvalue.Check{
			"environment_id": knownvalue.StringExact(env), "id": knownvalue.StringExact(tokens[i].ID),
		})
	}
	resource.ParallelTest(t, queryTestCase(t, e, nil,
		resource.TestStep{
			PreConfig: e.ResetCounters,
			Query:     true,
			Config: listBlock("hotp", env, "", `type = "HOTP"`) +
				listBlock("totp", env, "include_resource = true", `type = "TOTP"`) +
				listBlock("picked", env, "", `serial_numbers = ["FILTERH2", "FILTERT1", "NOSUCH1"]`) +
				listBlock("none", env, "", `serial_numbers = []`),
			QueryResultChecks: []querycheck.QueryResultCheck{
				querycheck.ExpectLength("pingone_oath_token.hotp", 2),
				querycheck.ExpectLength("pingone_oath_token.totp", 1),
				querycheck.ExpectLength("pingone_oath_token.picked", 2),
				querycheck.ExpectLength("pingone_oath_token.none", 0),
				querycheck.ExpectResourceDisplayName("pingone_oath_token.hotp", identity(0), knownvalue.StringExact("FILTERH1 (HOTP)")),
				querycheck.ExpectResourceDisplayName("pingone_oath_token.hotp", identity(1), knownvalue.StringExact("FILTERH2 (HOTP)")),
				querycheck.ExpectResourceDisplayName("pingone_oath_token.picked", identity(1), knownvalue.StringExact("FILTERH2 (HOTP)")),
				querycheck.ExpectResourceDisplayName("pingone_oath_token.picked", identity(2), knownvalue.StringExact("FILTERT1 (TOTP)")),
				querycheck.ExpectResourceKnownValues("pingone_oath_token.totp", nil, []querycheck.KnownValueCheck{
					{Path: tfjsonpath.New("serial_number"), KnownValue: knownvalue.StringExact("FILTERT1")},
					{Path: tfjsonpath.New("otp_length"), KnownValue: knownvalue.Int64Exact(8)},
					{Path: tfjsonpath.New("hash_algorithm"), KnownValue: knownvalue.StringExact("HmacSHA256")},
					{Path: tfjsonpath.New("totp").AtMapKey("time_step"), KnownValue: knownvalue.Int64Exact(60)},
					{Path: tfjsonpath.New("hotp"), KnownValue: knownvalue.Null()},
				}),
				// Three list blocks list once each; an empty set of serials makes no call.
				expectListCalls{e: e, want: 3},
			},
		},
		resource.TestStep{
			Query:       true,
			Config:      listBlock("bad", env, "", `type = "OCRA"`),
			ExpectError: regexp.MustCompile(`(?s)type.*value must be one of`),
		},
		resource.TestStep{
			Query:       true,
			Config:      listBlock("bad", "prod", "", ""),
			ExpectError: regexp.MustCompile(`(?s)environment_id.*UUID`),
		},
	))
}

// TestAccOATHTokenList_Paired lists the paired and the unpaired tokens: with the pairing filter
// the listing reads the devices, and each paired token shows its user's device.
func TestAccOATHTokenList_Paired(t *testing.T) {
	acctest.NeedsOwnEnvironment(t, "counts the paired and the unpaired tokens of the whole environment")
	e := acctest.StartEmulator(t)
	env := e.Info.EnvironmentID
	tokens := createTokens(t, e, env, pingoneHOTP("PAIRED1", 0), pingoneHOTP("SPARE1", 0), pingoneTOTP("SPARE2"))
	userID := e.CreateUser(t, env, "alice")
	device, err := e.Client(t).PairOATHToken(context.Background(), env, userID, "PAIRED1")
	if err != nil {
		t.Fatal(err)
	}
	paired := queryfilter.ByResourceIdentity(map[string]knownvalue.Check{
		"environment_id": knownvalue.StringExact(env), "id": knownvalue.StringExact(tokens[0].ID),
	})
	unpaired := queryfilter.ByResourceIdentity(map[string]knownvalue.Check{
		"environment_id": knownvalue.StringExact(env), "id": knownvalue.StringExact(tokens[2].ID),
	})
	resource.ParallelTest(t, queryTestCase(t, e, nil, resource.TestStep{
		PreConfig: e.ResetCounters,
		Query:     true,
		Config: listBlock("paired", env, "include_resource = true", "paired = true") +
			listBlock("unpaired", env, "include_resource = true", "paired = false"),
		QueryResultChecks: []querycheck.QueryResultCheck{
			querycheck.ExpectLength("pingone_oath_token.paired", 1),
			querycheck.ExpectLength("pingone_oath_token.unpaired", 2),
			querycheck.ExpectResourceKnownValues("pingone_oath_token.paired", paired, []querycheck.KnownValueCheck{
				{Path: tfjsonpath.New("paired_devices"), KnownValue: knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectExact(map[string]knownvalue.Check{
						"device_id": knownvalue.StringExact(device.ID),
						"user_id":   knownvalue.StringExact(userID),
					}),
				})},
				// A paired token is never revoked unless configured so, after an import too.
				{Path: tfjsonpath.New("allow_revoke_when_paired"), KnownValue: knownvalue.Bool(false)},
			}),
			querycheck.ExpectResourceKnownValues("pingone_oath_token.unpaired", unpaired, []querycheck.KnownValueCheck{
				{Path: tfjsonpath.New("paired_devices"), KnownValue: knownvalue.ListSizeExact(0)},
			}),
			expectListCalls{e: e, want: 2},
		},
	}))
}

// TestAccOATHTokenList_Paging lists an environment of 2,500 tokens, made by one batch job: every
// token once, in ceil(2500/1000) list calls of the 1,000-token pages the provider asks for (the
// emulator would give 5,000), then in 25 calls when PingOne answers with pages of 100; a query
// limited to 250 results stops paging at the third page.
func TestAccOATHTokenList_Paging(t *testing.T) {
	acctest.NeedsControlAPI(t, "pages of 5,000 and of 100 tokens, and the list calls of a query of 2,500 tokens counted")
	const n = 2500
	e := acctest.StartEmulator(t, func(o *emulator.Options) { o.PageSize = 5000 })
	env := e.Info.EnvironmentID
	var started time.Time
	start := func(pageSize int) func() {
		return func() {
			e.SetPageSize(pageSize)
			e.ResetCounters()
			started = time.Now()
		}
	}
	// Not in parallel: the steps log how long the query took, which other tests would distort.
	resource.Test(t, queryTestCase(t, e, func() { loadTokens(t, e, env, "PAGE", n) },
		resource.TestStep{
			PreConfig: start(5000),
			Query:     true,
			Config:    listBlock("all", env, "limit = 3000\n  include_resource = true", ""),
			QueryResultChecks: []querycheck.QueryResultCheck{
				querycheck.ExpectLength("pingone_oath_token.all", n),
				expectListCalls{e: e, want: (n + 999) / 1000, started: &started, t: t},
			},
		},
		resource.TestStep{
			PreConfig: start(100),
			Query:     true,
			Config:    listBlock("all", env, "limit = 3000", ""),
			QueryResultChecks: []querycheck.QueryResultCheck{
				querycheck.ExpectLength("pingone_oath_token.all", n),
				expectListCalls{e: e, want: n / 100, started: &started, t: t},
			},
		},
		resource.TestStep{
			PreConfig: start(100),
			Query:     true,
			Config:    listBlock("first", env, "limit = 250", ""),
			QueryResultChecks: []querycheck.QueryResultCheck{
				querycheck.ExpectLength("pingone_oath_token.first", 250),
				expectListCalls{e: e, want: 3, started: &started, t: t},
			},
		},
	))
}

// loadTokens loads n HOTP tokens with one batch job, as an administrator loading a shipment.
func loadTokens(t *testing.T, e *acctest.Emulator, envID, prefix string, n int) {
	t.Helper()
	ctx := context.Background()
	tokens := make([]pingone.OATHTokenCreate, n)
	for i := range tokens {
		tokens[i] = pingoneHOTP(fmt.Sprintf("%s%05d", prefix, i), 0)
	}
	client := e.Client(t)
	job, err := client.CreateTokensJob(ctx, envID, tokens)
	if err != nil {
		t.Fatal(err)
	}
	job, err = client.WaitForOATHJob(ctx, envID, job, pingone.DefaultJobPolling)
	if err != nil {
		t.Fatal(err)
	}
	if job.Result.Created != n {
		t.Fatalf("the job created %d tokens, want %d: %+v", job.Result.Created, n, job.Result)
	}
}
