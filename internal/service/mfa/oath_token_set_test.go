package mfa_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/oathtokens/terraform-provider-pingone/internal/acctest"
)

// TestAccOATHTokenSet_Lifecycle creates a set in batch jobs, refreshes it, then adds, removes
// and changes single serial numbers: each touches its own token, and the others keep theirs.
func TestAccOATHTokenSet_Lifecycle(t *testing.T) {
	e := acctest.StartEmulator(t)
	env := e.Info.EnvironmentID
	sn := e.Serial
	start := setSpec{env: env, extra: "batch_size = 2", rows: []setRow{
		hotpRow(sn("LIFE1")), hotpRow(sn("LIFE2")), totpRow(sn("LIFE3")), totpRow(sn("LIFE4")), hotpRow(sn("LIFE5")),
	}}
	changed := start
	changed.rows = []setRow{hotpRow(sn("LIFE1")), hotpRow(sn("LIFE2")), totpRow(sn("LIFE3")), totpRow(sn("LIFE4")), hotpRow(sn("LIFE6"))}
	changed.rows[1].length = 8        // LIFE2: a changed setting
	changed.rows[2].version = intp(2) // LIFE3: a new secret_version
	// LIFE5 removed, LIFE6 added; LIFE1 and LIFE4 untouched.

	var before map[string]string
	resource.ParallelTest(t, setCase(t, e, []string{env},
		resource.TestStep{
			PreConfig: e.ResetCounters,
			Config:    start.config(e),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(setAddr, tfjsonpath.New("tokens").AtMapKey(sn("LIFE3")).AtMapKey("hash_algorithm"),
					knownvalue.StringExact("HmacSHA256")),
				statecheck.ExpectKnownValue(setAddr, tfjsonpath.New("tokens").AtMapKey(sn("LIFE1")).AtMapKey("hash_algorithm"),
					knownvalue.StringExact("HmacSHA1")),
				statecheck.ExpectSensitiveValue(setAddr, tfjsonpath.New("secrets")),
			},
			Check: resource.ComposeAggregateTestCheckFunc(
				holds(e, env, start.serials()...),
				// Five tokens in jobs of two: three jobs, and no token created one by one.
				func(*terraform.State) error { return calls(e, routeJobs, 3) },
				func(*terraform.State) error { return calls(e, routeCreate1, 0) },
				func(*terraform.State) error {
					token := tokenBySerial(t, e, env, sn("LIFE3"))
					if token.Type != "TOTP" || token.HashAlgorithm != "HmacSHA256" || token.TOTP == nil || token.TOTP.TimeStep != 30 {
						return fmt.Errorf("LIFE3 in PingOne: %+v", token)
					}
					return nil
				},
			),
		},
		resource.TestStep{
			// The same configuration: nothing to do, and a refresh of five tokens reads them.
			PreConfig:        e.ResetCounters,
			Config:           start.config(e),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			Check:            onlyRefreshes(e),
		},
		resource.TestStep{
			PreConfig: func() { before = tokenIDs(t, e, env); e.ResetCounters() },
			Config:    changed.config(e),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(setAddr, plancheck.ResourceActionUpdate),
			}},
			Check: resource.ComposeAggregateTestCheckFunc(
				holds(e, env, changed.serials()...),
				func(*terraform.State) error {
					after := tokenIDs(t, e, env)
					for _, kept := range []string{sn("LIFE1"), sn("LIFE4")} {
						if after[kept] != before[kept] {
							return fmt.Errorf("%s was replaced, but nothing about it changed", kept)
						}
					}
					for _, replaced := range []string{sn("LIFE2"), sn("LIFE3")} {
						if after[replaced] == before[replaced] {
							return fmt.Errorf("%s kept its token, but its settings changed", replaced)
						}
					}
					if token := tokenBySerial(t, e, env, sn("LIFE2")); token.OTPLength != 8 {
						return fmt.Errorf("LIFE2 has %d digits in PingOne, want 8", token.OTPLength)
					}
					return nil
				},
				// Three tokens revoked (LIFE5, and LIFE2 and LIFE3 replaced) and three created
				// (LIFE2, LIFE3, LIFE6), in jobs of two: two revoke jobs and two create jobs.
				func(*terraform.State) error { return calls(e, routeJobs, 2+2) },
			),
		},
		resource.TestStep{
			Config:           changed.config(e),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
		},
	))
}

// TestAccOATHTokenSet_FromCSV loads a seed file of forty tokens with write-only seeds: no seed
// reaches the state, and a refresh of a set this size is one paged listing.
func TestAccOATHTokenSet_FromCSV(t *testing.T) {
	e := acctest.StartEmulator(t)
	env := e.Info.EnvironmentID
	paged := e.CanCheck("pages of ten, and a refresh of the forty tokens that lists four pages and reads none")
	if paged {
		e.SetPageSize(10)
	}
	csv := "serial,type,digits,step,seed\n"
	var serials []string
	for i := range 40 {
		serial := e.Serial(fmt.Sprintf("CSV%03d", i))
		serials = append(serials, serial)
		kind, step := "HOTP", ""
		if i%2 == 1 {
			kind, step = "TOTP", "60"
		}
		csv += fmt.Sprintf("%s,%s,6,%s,%s\n", serial, kind, step, seedFor(serial))
	}
	config := e.ProviderConfig() + fmt.Sprintf(`
locals {
  rows = csvdecode(%q)
}

resource "pingone_oath_token_set" "test" {
  environment_id = %q
  batch_size     = 15
  tokens = { for row in local.rows : row.serial => {
    type           = row.type
    otp_length     = tonumber(row.digits)
    totp           = row.type == "TOTP" ? { time_step = tonumber(row.step) } : null
    secret_version = 1
  } }
  secrets_wo = { for row in local.rows : row.serial => row.seed }
}
`, csv, env)
	checks := []statecheck.StateCheck{
		statecheck.ExpectKnownValue(setAddr, tfjsonpath.New("secrets"), knownvalue.Null()),
		statecheck.ExpectKnownValue(setAddr, tfjsonpath.New("secrets_wo"), knownvalue.Null()),
	}
	for _, serial := range []string{serials[0], serials[17], serials[39]} {
		checks = append(checks, stateLacks(seedFor(serial)))
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		TerraformVersionChecks:   writeOnlyEngines,
		CheckDestroy: func(*terraform.State) error {
			if left := e.TokenSerials(env); len(left) > 0 {
				return fmt.Errorf("tokens left after destroy: %v", left)
			}
			return nil
		},
		Steps: []resource.TestStep{
			{
				PreConfig:         e.ResetCounters,
				Config:            config,
				ConfigStateChecks: checks,
				Check: resource.ComposeAggregateTestCheckFunc(
					holds(e, env, serials...),
					func(*terraform.State) error { return calls(e, routeJobs, 3) },
				),
			},
			{
				// Forty tokens in an environment of forty, ten a page: four pages, not forty reads.
				PreConfig:        e.ResetCounters,
				Config:           config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				Check: resource.ComposeAggregateTestCheckFunc(
					func(*terraform.State) error { return calls(e, routeRead, 0) },
					func(*terraform.State) error {
						if !paged {
							return nil
						}
						// Each refresh lists every page once; the step refreshes more than once.
						if n := e.APICalls(routeList); n == 0 || n%4 != 0 {
							return fmt.Errorf("list calls %d, want a multiple of 4 pages", n)
						}
						return nil
					},
				),
			},
		},
	})
}

// TestAccOATHTokenSet_Drift revokes one token outside Terraform: the refresh drops it alone, the
// plan creates it alone, and the other tokens keep theirs.
func TestAccOATHTokenSet_Drift(t *testing.T) {
	e := acctest.StartEmulator(t)
	env := e.Info.EnvironmentID
	sn := e.Serial
	spec := setSpec{env: env, rows: []setRow{hotpRow(sn("DRIFT1")), hotpRow(sn("DRIFT2")), totpRow(sn("DRIFT3"))}}
	var before map[string]string
	resource.ParallelTest(t, setCase(t, e, []string{env},
		resource.TestStep{Config: spec.config(e)},
		resource.TestStep{
			PreConfig: func() {
				before = tokenIDs(t, e, env)
				if err := e.Client(t).RevokeOATHToken(context.Background(), env, before[sn("DRIFT2")]); err != nil {
					t.Fatal(err)
				}
			},
			Config: spec.config(e),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(setAddr, plancheck.ResourceActionUpdate),
			}},
			Check: resource.ComposeAggregateTestCheckFunc(
				holds(e, env, spec.serials()...),
				func(*terraform.State) error {
					after := tokenIDs(t, e, env)
					if after[sn("DRIFT1")] != before[sn("DRIFT1")] || after[sn("DRIFT3")] != before[sn("DRIFT3")] {
						return fmt.Errorf("tokens that did not drift were replaced: before %v, after %v", before, after)
					}
					return nil
				},
			),
		},
	))
}
