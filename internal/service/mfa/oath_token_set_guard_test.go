package mfa_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/oathtokens/terraform-provider-pingone/internal/acctest"
)

// TestAccOATHTokenSet_PairedTokens pairs two tokens of a set with users. Removing them (and
// replacing another) fails, naming both with their user and device, and revokes nothing at all;
// with allow_revoke_when_paired in the same configuration, they are revoked and PingOne unpairs
// them.
func TestAccOATHTokenSet_PairedTokens(t *testing.T) {
	e := acctest.StartEmulator(t)
	env := e.Info.EnvironmentID
	sn := e.Serial
	spec := setSpec{env: env, rows: []setRow{hotpRow(sn("PAIR1")), hotpRow(sn("PAIR2")), hotpRow(sn("PAIR3")), totpRow(sn("PAIR4"))}}
	fewer := spec
	fewer.rows = []setRow{spec.rows[2], spec.rows[3]}
	fewer.rows[1].length = 8 // PAIR4 replaced as well: unpaired, yet nothing may be revoked
	allowed := fewer
	allowed.extra = "allow_revoke_when_paired = true"

	var users [2]string
	var before map[string]string
	resource.ParallelTest(t, setCase(t, e, []string{env},
		resource.TestStep{Config: spec.config(e)},
		resource.TestStep{
			PreConfig: func() {
				before = tokenIDs(t, e, env)
				users[0], _ = e.PairToken(t, env, before[sn("PAIR1")], sn("PAIR1"), seedFor(sn("PAIR1")))
				users[1], _ = e.PairToken(t, env, before[sn("PAIR2")], sn("PAIR2"), seedFor(sn("PAIR2")))
				e.ResetCounters()
			},
			Config: fewer.config(e),
			ExpectError: wrapped("OATH tokens are paired with users", "2 tokens to revoke are paired", "nothing was revoked",
				sn("PAIR1")+" (token", "user", sn("PAIR2")+" (token", "allow_revoke_when_paired = true"),
		},
		resource.TestStep{
			PreConfig: func() {
				after := tokenIDs(t, e, env)
				for _, serial := range []string{sn("PAIR1"), sn("PAIR2"), sn("PAIR3"), sn("PAIR4")} {
					if after[serial] != before[serial] {
						t.Errorf("%s changed although the apply was refused", serial)
					}
				}
				if err := calls(e, routeJobs, 0); err != nil {
					t.Errorf("the refused apply submitted jobs: %v", err)
				}
			},
			Config: allowed.config(e),
			Check: resource.ComposeAggregateTestCheckFunc(
				holds(e, env, sn("PAIR3"), sn("PAIR4")),
				func(*terraform.State) error {
					for i := range users {
						d, err := e.Client(t).ListUserDevices(context.Background(), env, users[i])
						if err != nil {
							return err
						}
						if len(d) != 0 {
							return fmt.Errorf("user %s still has devices %+v after the token was revoked", users[i], d)
						}
					}
					return nil
				},
			),
		},
	))
}
