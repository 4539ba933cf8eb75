package mfa_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/oathtokens/terraform-provider-pingone/internal/acctest"
)

// TestAccOATHTokenAssignments_Import takes pairings made outside Terraform (users enrolled their
// tokens) under management, with no seed: by environment, every paired token of it and no
// unpaired one; by a list of serial numbers, those alone, refusing one that is not paired or does
// not exist. The plan after each import is empty, and destroy unpairs what was imported.
func TestAccOATHTokenAssignments_Import(t *testing.T) {
	for _, c := range []struct {
		name   string
		id     func(env string, serials []string) string
		picked []int // which of the three paired tokens the import takes
	}{
		{name: "environment", id: func(env string, _ []string) string { return env }, picked: []int{0, 1, 2}},
		{name: "serial numbers", id: func(env string, s []string) string { return env + "/" + s[0] + "," + s[2] }, picked: []int{0, 2}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if len(c.picked) == 3 {
				acctest.NeedsOwnEnvironment(t, "imports every paired token of the environment")
			}
			e := acctest.StartEmulator(t)
			env := e.Info.EnvironmentID
			serials := []string{e.Serial("IMPA"), e.Serial("IMPB"), e.Serial("IMPC")}
			spare := e.Serial("IMPSPARE")
			ids := consoleTokens(t, e, pingoneHOTP(serials[0], 0), totpToken(serials[1]), pingoneHOTP(serials[2], 0), pingoneHOTP(spare, 0))
			holders := map[string]string{}
			var users []string
			for i, serial := range serials {
				seed := seedSHA1
				if i == 1 {
					seed = seedSHA256
				}
				user, _ := e.PairToken(t, env, ids[serial], serial, seed)
				holders[serial] = user
				users = append(users, user)
			}
			spec := assignmentsSpec{env: env, users: map[string]string{}}
			for _, i := range c.picked {
				spec.users[serials[i]] = holders[serials[i]]
			}
			imported := len(c.picked)
			config := e.ProviderConfig() + spec.hcl()
			steps := []resource.TestStep{}
			if imported < len(serials) {
				steps = append(steps,
					resource.TestStep{
						Config: config, ResourceName: assignmentsAddr, ImportState: true,
						ImportStateId: env + "/" + serials[0] + "," + spare,
						ExpectError:   loosely("not paired with anyone, so there is no pairing to import: " + spare),
					},
					resource.TestStep{
						Config: config, ResourceName: assignmentsAddr, ImportState: true,
						ImportStateId: env + "/" + serials[0] + ",NOSUCHSERIAL",
						ExpectError:   loosely("PingOne holds no OATH token in environment " + env + " with these serial numbers: NOSUCHSERIAL"),
					})
			}
			steps = append(steps,
				resource.TestStep{
					Config: config, ResourceName: assignmentsAddr, ImportState: true, ImportStatePersist: true,
					ImportStateId: c.id(env, serials),
					ImportStateCheck: func(states []*terraform.InstanceState) error {
						if len(states) != 1 {
							return fmt.Errorf("%d states imported", len(states))
						}
						attrs := states[0].Attributes
						if attrs["assignments.%"] != fmt.Sprint(imported) || attrs["devices.%"] != fmt.Sprint(imported) {
							return fmt.Errorf("imported %s assignments and %s devices, want %d", attrs["assignments.%"], attrs["devices.%"], imported)
						}
						for serial, user := range spec.users {
							if attrs["assignments."+serial] != user || attrs["devices."+serial+".status"] != "ACTIVE" {
								return fmt.Errorf("imported %s: user %q status %q, want %s ACTIVE", serial, attrs["assignments."+serial],
									attrs["devices."+serial+".status"], user)
							}
						}
						return nil
					},
				},
				resource.TestStep{
					Config:           config,
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				},
			)
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: acctest.ProviderFactories,
				CheckDestroy: func(s *terraform.State) error {
					// What was imported is unpaired; what was not stays with its holder.
					for i, serial := range serials {
						token := tokenBySerial(t, e, env, serial)
						_, managed := spec.users[serial]
						if managed != (len(token.Devices) == 0) {
							return fmt.Errorf("token %s after destroy: devices %+v (managed: %v)", serial, token.Devices, managed)
						}
						if !managed && token.Devices[0].UserID != users[i] {
							return fmt.Errorf("token %s changed hands: %+v", serial, token.Devices)
						}
					}
					return nil
				},
				Steps: steps,
			})
		})
	}
}
