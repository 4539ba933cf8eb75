package mfa_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/oathtokens/terraform-provider-pingone/internal/acctest"
	"github.com/oathtokens/terraform-provider-pingone/internal/pingone"
)

// TestAccOATHTokensDataSource_Paging lists more tokens than fit on a page: every token comes
// back, ordered by serial number rather than in the order they were created, and one read costs
// exactly one call per page.
func TestAccOATHTokensDataSource_Paging(t *testing.T) {
	acctest.NeedsControlAPI(t, "sets a page size of 3, so that ten tokens take four pages, and counts the list calls of a read and a refresh")
	e := acctest.StartEmulator(t)
	env := e.Info.EnvironmentID
	e.SetPageSize(3)
	// Created out of order, so that PingOne's order (by creation) is not the serial order.
	created := []string{"PAGE07", "PAGE02", "PAGE10", "PAGE05", "PAGE01", "PAGE09", "PAGE03", "PAGE08", "PAGE06", "PAGE04"}
	specs := make([]pingone.OATHTokenCreate, len(created))
	for i, serial := range created {
		specs[i] = pingoneHOTP(serial, int64(i))
	}
	createTokens(t, e, env, specs...)
	const pages = 4 // ceil(10 / 3)

	resource.ParallelTest(t, dataSourceCase(t, resource.TestStep{
		PreConfig: e.ResetCounters,
		Config:    tokensDataConfig(e, env, ""),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue(tokensDataAddr, tfjsonpath.New("tokens"), serialsInOrder(e,
				"PAGE01", "PAGE02", "PAGE03", "PAGE04", "PAGE05", "PAGE06", "PAGE07", "PAGE08", "PAGE09", "PAGE10")),
			// PAGE07 was created first, with counter 0; PAGE04 last, with counter 9.
			statecheck.ExpectKnownValue(tokensDataAddr, tfjsonpath.New("tokens").AtSliceIndex(6).AtMapKey("hotp"),
				knownvalue.ObjectExact(map[string]knownvalue.Check{"counter": knownvalue.Int64Exact(0)})),
			statecheck.ExpectKnownValue(tokensDataAddr, tfjsonpath.New("tokens").AtSliceIndex(3),
				knownvalue.ObjectExact(map[string]knownvalue.Check{
					"id":             knownvalue.StringRegexp(uuidPattern),
					"serial_number":  knownvalue.StringExact("PAGE04"),
					"type":           knownvalue.StringExact("HOTP"),
					"otp_length":     knownvalue.Int64Exact(6),
					"hash_algorithm": knownvalue.StringExact("HmacSHA1"),
					"hotp":           knownvalue.ObjectExact(map[string]knownvalue.Check{"counter": knownvalue.Int64Exact(9)}),
					"totp":           knownvalue.Null(),
					"created_at":     knownvalue.StringRegexp(timestampPattern),
					"updated_at":     knownvalue.StringRegexp(timestampPattern),
					"paired_devices": knownvalue.ListSizeExact(0),
				})),
		},
		Check: func(*terraform.State) error {
			return expectCalls(e, routeListTokens, pages)
		},
	}, resource.TestStep{
		// A refresh reads every page again, and nothing else.
		PreConfig:    e.ResetCounters,
		RefreshState: true,
		Check: func(*terraform.State) error {
			if err := expectCalls(e, routeListTokens, pages); err != nil {
				return err
			}
			return expectCalls(e, routeReadToken, 0)
		},
	}))
}

// TestAccOATHTokensDataSource_FilterType keeps only the tokens of one type.
func TestAccOATHTokensDataSource_FilterType(t *testing.T) {
	e := acctest.StartEmulator(t)
	env := e.Info.EnvironmentID
	s := e.Serial
	createTokens(t, e, env, pingoneTOTP(s("TYPE4")), pingoneHOTP(s("TYPE1"), 0), pingoneTOTP(s("TYPE2")), pingoneHOTP(s("TYPE3"), 0))

	resource.ParallelTest(t, dataSourceCase(t,
		resource.TestStep{
			Config: tokensDataConfig(e, env, `type = "TOTP"`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(tokensDataAddr, tfjsonpath.New("tokens"), serialsInOrder(e, s("TYPE2"), s("TYPE4"))),
				// The first of the test's own tokens, with every setting of a TOTP token.
				statecheck.ExpectKnownValue(tokensDataAddr, tfjsonpath.New("tokens"), ownTokens{e: e, check: knownvalue.ListPartial(
					map[int]knownvalue.Check{0: knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"serial_number":  knownvalue.StringExact(s("TYPE2")),
						"type":           knownvalue.StringExact("TOTP"),
						"hash_algorithm": knownvalue.StringExact("HmacSHA256"),
						"hotp":           knownvalue.Null(),
						"totp": knownvalue.ObjectExact(map[string]knownvalue.Check{
							"time_step": knownvalue.Int64Exact(60), "drift": knownvalue.Int64Exact(0),
						}),
					})})}),
			},
		},
		resource.TestStep{
			Config: tokensDataConfig(e, env, `type = "HOTP"`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(tokensDataAddr, tfjsonpath.New("tokens"), serialsInOrder(e, s("TYPE1"), s("TYPE3"))),
			},
		},
	))
}

// TestAccOATHTokensDataSource_FilterSerials keeps the tokens with the given serial numbers;
// serial numbers that match nothing are not an error. Up to 25 serial numbers are looked up one
// filtered call each, so a few never page through a large environment; more take one listing;
// an empty set takes none.
func TestAccOATHTokensDataSource_FilterSerials(t *testing.T) {
	e := acctest.StartEmulator(t)
	env := e.Info.EnvironmentID
	if e.CanCheck("pages of three, so that the one listing of 26 serial numbers takes two calls") {
		e.SetPageSize(3)
	}
	s := e.Serial
	createTokens(t, e, env, pingoneHOTP(s("SER5"), 0), pingoneHOTP(s("SER1"), 0), pingoneTOTP(s("SER3")), pingoneHOTP(s("SER2"), 0),
		pingoneHOTP(s("SER4"), 0))

	resource.ParallelTest(t, dataSourceCase(t,
		resource.TestStep{
			PreConfig: e.ResetCounters,
			Config:    tokensDataConfig(e, env, fmt.Sprintf("serial_numbers = [%q, %q, %q, %q]", s("SER4"), s("SER1"), s("SER3"), s("NOSUCH"))),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(tokensDataAddr, tfjsonpath.New("tokens"), serialsInOrder(e, s("SER1"), s("SER3"), s("SER4"))),
			},
			Check: func(*terraform.State) error { return expectCalls(e, routeListTokens, 4) },
		},
		resource.TestStep{
			PreConfig: e.ResetCounters,
			Config: tokensDataConfig(e, env, fmt.Sprintf(`serial_numbers = concat([%q, %q], [for i in range(24) : "%s${i}"])`,
				s("SER2"), s("SER5"), s("NOSUCH"))),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(tokensDataAddr, tfjsonpath.New("tokens"), serialsInOrder(e, s("SER2"), s("SER5"))),
			},
			// 26 serial numbers: one listing of the environment's 5 tokens, 3 a page.
			Check: func(*terraform.State) error { return expectCalls(e, routeListTokens, 2) },
		},
		resource.TestStep{
			PreConfig: e.ResetCounters,
			Config:    tokensDataConfig(e, env, fmt.Sprintf("serial_numbers = [%q]", s("SER2"))),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(tokensDataAddr, tfjsonpath.New("tokens"), serialsInOrder(e, s("SER2"))),
			},
			Check: func(*terraform.State) error { return expectCalls(e, routeListTokens, 1) },
		},
		resource.TestStep{
			Config: tokensDataConfig(e, env, fmt.Sprintf("serial_numbers = [%q]", s("NOSUCH"))),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(tokensDataAddr, tfjsonpath.New("tokens"), knownvalue.ListExact([]knownvalue.Check{})),
			},
		},
		resource.TestStep{
			PreConfig: e.ResetCounters,
			Config:    tokensDataConfig(e, env, `serial_numbers = []`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(tokensDataAddr, tfjsonpath.New("tokens"), knownvalue.ListExact([]knownvalue.Check{})),
			},
			Check: func(*terraform.State) error { return expectCalls(e, routeListTokens, 0) },
		},
	))
}

// TestAccOATHTokensDataSource_FilterPaired pairs one token with a user: paired = true returns it
// with its device, paired = false the others, and the filters combine.
func TestAccOATHTokensDataSource_FilterPaired(t *testing.T) {
	e := acctest.StartEmulator(t)
	env := e.Info.EnvironmentID
	s := e.Serial
	tokens := createTokens(t, e, env, pingoneHOTP(s("PAIR1"), 0), pingoneHOTP(s("PAIR2"), 0), pingoneTOTP(s("PAIR3")))
	userID, deviceID := e.PairToken(t, env, tokens[1].ID, s("PAIR2"), seedSHA1)

	resource.ParallelTest(t, dataSourceCase(t,
		resource.TestStep{
			Config: tokensDataConfig(e, env, `paired = true`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(tokensDataAddr, tfjsonpath.New("tokens"), ownTokens{e: e, check: knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"serial_number": knownvalue.StringExact(s("PAIR2")),
						"paired_devices": knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectExact(map[string]knownvalue.Check{
							"device_id": knownvalue.StringExact(deviceID),
							"user_id":   knownvalue.StringExact(userID),
						})}),
					}),
				})}),
			},
		},
		resource.TestStep{
			Config: tokensDataConfig(e, env, `paired = false`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(tokensDataAddr, tfjsonpath.New("tokens"), serialsInOrder(e, s("PAIR1"), s("PAIR3"))),
			},
		},
		resource.TestStep{
			Config: tokensDataConfig(e, env, `
  paired = false
  type   = "TOTP"`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(tokensDataAddr, tfjsonpath.New("tokens"), serialsInOrder(e, s("PAIR3"))),
			},
		},
		resource.TestStep{
			Config: tokensDataConfig(e, env, fmt.Sprintf(`
  paired         = true
  serial_numbers = [%q, %q]`, s("PAIR1"), s("PAIR3"))),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(tokensDataAddr, tfjsonpath.New("tokens"), knownvalue.ListExact([]knownvalue.Check{})),
			},
		},
	))
}

// TestAccOATHTokensDataSource_EmptyEnvironment lists an environment without tokens: an empty
// list, not an error.
func TestAccOATHTokensDataSource_EmptyEnvironment(t *testing.T) {
	acctest.NeedsOwnEnvironment(t, "lists an environment without tokens")
	e := acctest.StartEmulator(t)
	env := e.CreateEnvironment(true)
	resource.ParallelTest(t, dataSourceCase(t, resource.TestStep{
		Config: tokensDataConfig(e, env, ""),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue(tokensDataAddr, tfjsonpath.New("tokens"), knownvalue.ListExact([]knownvalue.Check{})),
		},
	}))
}

// TestAccOATHTokensDataSource_NoRole lists an environment where the worker has no role, and one
// that does not exist: each error names the environment and what to do.
func TestAccOATHTokensDataSource_NoRole(t *testing.T) {
	acctest.NeedsControlAPI(t, "lists an environment where the worker holds no role, and one deleted, which the control API makes")
	e := acctest.StartEmulator(t)
	env := e.CreateEnvironment(false)
	gone := e.CreateEnvironment(true)
	e.DeleteEnvironment(gone)
	resource.ParallelTest(t, dataSourceCase(t,
		resource.TestStep{
			Config:      tokensDataConfig(e, env, ""),
			ExpectError: wrapped("List OATH tokens failed", "HTTP 403", "no role in environment "+env),
		},
		resource.TestStep{
			Config:      tokensDataConfig(e, gone, `type = "HOTP"`),
			ExpectError: wrapped("List OATH tokens failed", "HTTP 404", fmt.Sprintf("no environment %s", gone)),
		},
	))
}
