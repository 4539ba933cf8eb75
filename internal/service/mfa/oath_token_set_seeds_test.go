package mfa_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/oathtokens/terraform-provider-pingone/internal/acctest"
)

// TestAccOATHTokenSet_SeedChanges changes a token's seed: without a new secret_version the plan
// refuses (PingOne would keep the old seed, and the plan would not show it); with one, that token
// alone is replaced. A seed's letter case alone is no change.
func TestAccOATHTokenSet_SeedChanges(t *testing.T) {
	e := acctest.StartEmulator(t)
	env := e.Info.EnvironmentID
	seed1, seed2 := e.Serial("SEED1"), e.Serial("SEED2")
	spec := setSpec{env: env, rows: []setRow{hotpRow(seed1), hotpRow(seed2)}}
	spec.rows[0].version, spec.rows[1].version = intp(1), intp(1)
	spec.rows[1].seed = seedLetters // hex letters, so that its case can change
	newSeed := spec
	newSeed.rows = append([]setRow{}, spec.rows...)
	newSeed.rows[0].seed = seedFor("OTHER")
	bumped := newSeed
	bumped.rows = append([]setRow{}, newSeed.rows...)
	bumped.rows[0].version = intp(2)
	upper := bumped
	upper.rows = append([]setRow{}, bumped.rows...)
	upper.rows[1].seed = strings.ToUpper(seedLetters)

	var before map[string]string
	resource.ParallelTest(t, setCase(t, e, []string{env},
		resource.TestStep{Config: spec.config(e)},
		resource.TestStep{
			Config:   newSeed.config(e),
			PlanOnly: true,
			ExpectError: wrapped("Seed changed without a new secret_version", "The seed of "+seed1+" changed",
				`bump tokens["`+seed1+`"].secret_version`),
		},
		resource.TestStep{
			PreConfig: func() { before = tokenIDs(t, e, env) },
			Config:    bumped.config(e),
			Check: func(*terraform.State) error {
				after := tokenIDs(t, e, env)
				if after[seed1] == before[seed1] || after[seed2] != before[seed2] {
					return fmt.Errorf("want SEED1 replaced and SEED2 kept: before %v, after %v", before, after)
				}
				return nil
			},
		},
		resource.TestStep{
			Config: upper.config(e),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(setAddr, plancheck.ResourceActionUpdate),
			}},
			Check: func(*terraform.State) error {
				if after := tokenIDs(t, e, env); fmt.Sprint(after) == fmt.Sprint(before) {
					return fmt.Errorf("nothing changed at all")
				} else if after[seed2] != before[seed2] {
					return fmt.Errorf("SEED2 was replaced for the letter case of its seed")
				}
				return nil
			},
		},
	))
}

// TestAccOATHTokenSet_SeedsToWriteOnly moves a set's seeds from secrets to secrets_wo: the same
// seeds keep every token and leave the state.
func TestAccOATHTokenSet_SeedsToWriteOnly(t *testing.T) {
	e := acctest.StartEmulator(t)
	env := e.Info.EnvironmentID
	inState := setSpec{env: env, rows: []setRow{hotpRow(e.Serial("MOVE1")), totpRow(e.Serial("MOVE2"))}}
	writeOnly := inState
	writeOnly.writeOnly = true
	var before map[string]string
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		TerraformVersionChecks:   writeOnlyEngines,
		Steps: []resource.TestStep{
			{Config: inState.config(e)},
			{
				PreConfig: func() { before = tokenIDs(t, e, env) },
				Config:    writeOnly.config(e),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(setAddr, tfjsonpath.New("secrets"), knownvalue.Null()),
					stateLacks(seedFor(e.Serial("MOVE1"))), stateLacks(seedFor(e.Serial("MOVE2"))),
				},
				Check: func(*terraform.State) error {
					if after := tokenIDs(t, e, env); fmt.Sprint(after) != fmt.Sprint(before) {
						return fmt.Errorf("tokens replaced by moving the same seeds: before %v, after %v", before, after)
					}
					return nil
				},
			},
		},
	})
}
