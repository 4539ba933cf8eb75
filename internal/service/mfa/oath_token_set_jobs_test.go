package mfa_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/oathtokens/terraform-provider-pingone/internal/acctest"
	"github.com/oathtokens/terraform-provider-pingone/internal/emulator"
)

// TestAccOATHTokenSet_RowFailures adds tokens with a job whose rows for two serial numbers fail
// in PingOne while the others go on: the apply fails naming both with PingOne's reason, the token
// that was made is in the state, and the next apply creates only the two that are left.
func TestAccOATHTokenSet_RowFailures(t *testing.T) {
	acctest.NeedsControlAPI(t, "makes two rows of a job fail in PingOne, and the next apply must create only those two")
	e := acctest.StartEmulator(t)
	env := e.Info.EnvironmentID
	first := setSpec{env: env, rows: []setRow{hotpRow("ROWS1"), hotpRow("ROWS2")}}
	more := first
	more.rows = append(append([]setRow{}, first.rows...), hotpRow("ROWS3"), totpRow("ROWS4"), hotpRow("ROWS5"))
	resource.ParallelTest(t, setCase(t, e, []string{env},
		resource.TestStep{Config: first.config(e)},
		resource.TestStep{
			PreConfig: func() {
				e.PutSettings(t, map[string]any{"job_row_failures": map[string]any{
					"ROWS3": map[string]string{"code": "INVALID_VALUE", "message": "The seed is damaged."},
					"ROWS5": map[string]string{"code": "INVALID_VALUE", "message": "The seed is damaged."},
				}})
			},
			Config: more.config(e),
			ExpectError: wrapped("2 OATH tokens of the set could not be handled",
				"ROWS3: PingOne refused it (INVALID_VALUE): The seed is damaged.", "ROWS5: PingOne refused it"),
		},
		resource.TestStep{
			PreConfig: func() {
				if n := e.Counters().JobRowsFailed; n != 2 {
					t.Errorf("the emulator failed %d rows, want 2: the fault did not act as set", n)
				}
				e.PutSettings(t, map[string]any{"job_row_failures": map[string]any{}})
				e.ResetCounters()
			},
			Config: more.config(e),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(setAddr, plancheck.ResourceActionUpdate),
			}},
			Check: resource.ComposeAggregateTestCheckFunc(
				holds(e, env, more.serials()...),
				// The retry is one job, for the two tokens that were left.
				func(*terraform.State) error { return calls(e, routeJobs, 1) },
			),
		},
	))
}

// TestAccOATHTokenSet_CreateRowFailure fails one row of a new set's job: the others are created
// and in the state, and the error says how to keep them (untaint) rather than have Terraform
// replace the tainted set; a plan that would replace it refuses. The destroy at the end revokes
// what the set made, which shows the state held it.
func TestAccOATHTokenSet_CreateRowFailure(t *testing.T) {
	acctest.NeedsControlAPI(t, "makes one row of a new set's job fail, and the error must say to untaint rather than replace")
	e := acctest.StartEmulator(t)
	env := e.Info.EnvironmentID
	spec := setSpec{env: env, rows: []setRow{hotpRow("FIRST1"), hotpRow("FIRST2"), totpRow("FIRST3")}}
	e.PutSettings(t, map[string]any{"job_row_failures": map[string]any{
		"FIRST2": map[string]string{"code": "UNEXPECTED_ERROR", "message": "Row could not be stored."},
	}})
	resource.ParallelTest(t, setCase(t, e, []string{env},
		resource.TestStep{
			Config:      spec.config(e),
			ExpectError: wrapped("FIRST2: PingOne refused it (UNEXPECTED_ERROR)", "terraform untaint <address of this set>"),
		},
		resource.TestStep{
			PreConfig: func() {
				if got := serialsHeld(e, env); fmt.Sprint(got) != "[FIRST1 FIRST3]" {
					t.Errorf("PingOne holds %v after the failed create, want [FIRST1 FIRST3]", got)
				}
				e.PutSettings(t, map[string]any{"job_row_failures": map[string]any{}})
			},
			// Replacing the tainted set would revoke the tokens it made and create them again: the
			// plan refuses, because they exist, and says to untaint the set instead.
			Config:      spec.config(e),
			PlanOnly:    true,
			ExpectError: wrapped("OATH token already exists", "FIRST1", "the set is tainted: terraform untaint it"),
		},
	))
}

// TestAccOATHTokenSet_JobOutlivesTimeout adds tokens with a job that is still running when the
// update timeout ends: the apply fails naming the job, the set remembers it, and the next plan
// takes in the tokens it made instead of creating them again.
func TestAccOATHTokenSet_JobOutlivesTimeout(t *testing.T) {
	acctest.NeedsControlAPI(t, "makes a job outlive the update timeout, and the next plan must take in the tokens it made")
	e := acctest.StartEmulator(t)
	env := e.Info.EnvironmentID
	first := setSpec{env: env, rows: []setRow{hotpRow("SLOW1")}}
	more := first
	more.rows = []setRow{hotpRow("SLOW1"), hotpRow("SLOW2"), totpRow("SLOW3")}
	more.extra = "timeouts {\n    update = \"1s\"\n  }"
	resource.ParallelTest(t, setCase(t, e, []string{env},
		resource.TestStep{Config: first.config(e)},
		resource.TestStep{
			PreConfig: func() { e.PutSettings(t, map[string]any{"job_duration_ms": 3000}) },
			Config:    more.config(e),
			ExpectError: wrapped("OATH token jobs did not end in time", "PingOne's job", "creating 2 tokens, had not ended",
				"the next refresh or apply waits for it"),
		},
		resource.TestStep{
			PreConfig: func() {
				e.PutSettings(t, map[string]any{"job_duration_ms": 100})
				time.Sleep(3 * time.Second) // Until the slow job has run.
				e.ResetCounters()
			},
			Config: more.config(e),
			// The refresh takes in the two tokens: nothing is left to do.
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			Check: resource.ComposeAggregateTestCheckFunc(
				holds(e, env, more.serials()...),
				func(*terraform.State) error { return calls(e, routeJobs, 0) },
			),
		},
	))
}

// TestAccOATHTokenSet_LostJobSubmission drops the answer to a create job's submission after
// PingOne accepted it: the client submits again, the second job meets the first one's tokens as
// duplicates, and the set takes them in as its own. Nothing is duplicated and nothing fails.
func TestAccOATHTokenSet_LostJobSubmission(t *testing.T) {
	acctest.NeedsControlAPI(t, "drops the answer to a job PingOne accepted, and the set must adopt its tokens")
	e := acctest.StartEmulator(t)
	env := e.Info.EnvironmentID
	spec := setSpec{env: env, rows: []setRow{hotpRow("LOST1"), totpRow("LOST2"), hotpRow("LOST3")}}
	var fault *emulator.FaultHandle
	resource.ParallelTest(t, setCase(t, e, []string{env},
		resource.TestStep{
			// Set here, not before the test case, which skips itself without TF_ACC: a fault
			// set then would never fire, and InjectFault fails a test whose fault did nothing.
			PreConfig: func() {
				fault = e.InjectFault(t, emulator.Fault{Route: routeJobs, Count: 1, Mode: emulator.ModeCommitThenDrop})
			},
			Config: spec.config(e),
			Check: resource.ComposeAggregateTestCheckFunc(
				holds(e, env, spec.serials()...),
				resource.TestCheckResourceAttr(setAddr, "tokens.%", "3"),
				func(*terraform.State) error {
					if n := fault.Fired(); n != 1 {
						return fmt.Errorf("the dropped answer fired %d times, want 1", n)
					}
					return calls(e, routeJobs, 2)
				},
			),
		},
		resource.TestStep{
			Config:           spec.config(e),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
		},
	))
}
