package mfa

import (
	"context"
	"fmt"

	"github.com/google/uuid"
	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/oathtokens/terraform-provider-pingone/internal/pingone"
)

var (
	_ resource.ResourceWithConfigure      = (*oathTokenAssignmentsResource)(nil)
	_ resource.ResourceWithImportState    = (*oathTokenAssignmentsResource)(nil)
	_ resource.ResourceWithValidateConfig = (*oathTokenAssignmentsResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*oathTokenAssignmentsResource)(nil)
)

// NewOATHTokenAssignmentsResource returns the pingone_oath_token_assignments resource: the
// pairings of many OATH tokens of one environment with users, in one resource instance, because
// Terraform's own cost per resource instance grows faster than the number of pairings
// (DESIGN.md, "Assigning tokens in bulk").
func NewOATHTokenAssignmentsResource() resource.Resource {
	return &oathTokenAssignmentsResource{}
}

type oathTokenAssignmentsResource struct {
	client *pingone.Client
}

func (r *oathTokenAssignmentsResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_oath_token_assignments"
}

func (r *oathTokenAssignmentsResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = oathTokenAssignmentsSchema(ctx)
}

func (r *oathTokenAssignmentsResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

// change reads a plan and the configuration into the change that carries current to it.
func (r *oathTokenAssignmentsResource) change(plan assignmentValues, config tftypes.Value, current map[string]assignment) *assignmentChange {
	from := pathActivationSecrets.String()
	if configAttrs, err := objectAttrs(config); err == nil && !configAttrs["activation_secrets_wo"].IsNull() {
		from = pathActivationSecretsWO.String()
	}
	return &assignmentChange{
		client: r.client, envID: plan.envID, parallelism: plan.parallelism,
		current: current, planned: plan.users, seeds: plan.seeds, seedsFrom: from,
	}
}

// Create pairs every serial number. Those that could not be paired are reported together; the
// others are in the state. Terraform taints a resource whose creation reported an error, and
// replacing it would unpair everything just paired, so the error says to untaint it.
func (r *oathTokenAssignmentsResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	plan, diags := readAssignmentValues(req.Plan.Raw, &req.Config.Raw)
	resp.Diagnostics.Append(diags...)
	ctx, cancel, ok := boundedOperation(ctx, req.Plan, timeouts.Value.Create, defaultSetCreateTimeout, r.client, &resp.Diagnostics)
	defer cancel()
	if !ok {
		return
	}

	final, problems := r.change(plan, req.Config.Raw, map[string]assignment{}).run(ctx)
	resp.Diagnostics.Append(assignmentProblems(problems)...)
	if len(problems) > 0 && len(final) == 0 {
		return // Nothing was paired: nothing to save.
	}
	if len(problems) > 0 {
		resp.Diagnostics.AddError("Untaint the OATH token assignments to keep the pairings made",
			"The assignments are saved with the pairings that were made. Terraform marks a resource whose creation failed "+
				"as tainted, and would replace it on the next apply: that would unpair those tokens and pair them all "+
				"again, activating each anew. To keep them and pair only the rest, untaint it first: terraform untaint "+
				"<address of these assignments> (tofu untaint for OpenTofu), then apply.")
	}
	writeAssignmentsState(&resp.State, plan, uuid.NewString(), final, &resp.Diagnostics)
}

// Update pairs, unpairs and re-pairs the serial numbers that changed; what else changed (the
// letter case of an ID, the seeds, parallelism, timeouts) matters to Terraform only.
func (r *oathTokenAssignmentsResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	plan, diags := readAssignmentValues(req.Plan.Raw, &req.Config.Raw)
	resp.Diagnostics.Append(diags...)
	state, diags := readAssignmentValues(req.State.Raw, nil)
	resp.Diagnostics.Append(diags...)
	ctx, cancel, ok := boundedOperation(ctx, req.Plan, timeouts.Value.Update, defaultSetUpdateTimeout, r.client, &resp.Diagnostics)
	defer cancel()
	if !ok {
		return
	}

	final, problems := r.change(plan, req.Config.Raw, state.held()).run(ctx)
	resp.Diagnostics.Append(assignmentProblems(problems)...)
	id, _, _ := stringOf(state.attrs["id"])
	writeAssignmentsState(&resp.State, plan, id, final, &resp.Diagnostics)
}

// Delete unpairs every serial number; the tokens stay in the environment. Those that could not be
// unpaired stay in the state, so that nothing is forgotten while it is still paired.
func (r *oathTokenAssignmentsResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	state, diags := readAssignmentValues(req.State.Raw, nil)
	resp.Diagnostics.Append(diags...)
	ctx, cancel, ok := boundedOperation(ctx, req.State, timeouts.Value.Delete, defaultSetDeleteTimeout, r.client, &resp.Diagnostics)
	defer cancel()
	if !ok {
		return
	}

	// Destroying is a change to no assignments: the same requests, the same reports.
	current := state.held()
	state.users = map[string]string{}
	remaining, problems := r.change(state, state.raw, current).run(ctx)
	if len(problems) == 0 && len(remaining) == 0 {
		return // The framework removes the resource from the state.
	}
	resp.Diagnostics.Append(assignmentProblems(problems)...)
	users, devices := assignmentsValues(remaining)
	raw, err := withAttrs(state.raw, map[string]tftypes.Value{"assignments": users, "devices": devices})
	if err != nil {
		resp.Diagnostics.AddError("Save the OATH token assignments failed", err.Error())
		return
	}
	resp.State.Raw = raw
}

// writeAssignmentsState stores the planned values with the pairings now held, and the seeds when
// they are kept in state (activation_secrets, not activation_secrets_wo).
func writeAssignmentsState(state *tfsdk.State, plan assignmentValues, id string, final map[string]assignment, diags *diag.Diagnostics) {
	users, devices := assignmentsValues(final)
	raw, err := withAttrs(plan.raw, map[string]tftypes.Value{
		"id":                    tftypes.NewValue(tftypes.String, id),
		"assignments":           users,
		"devices":               devices,
		"activation_secrets_wo": tftypes.NewValue(tftypes.Map{ElementType: tftypes.String}, nil),
	})
	if err != nil {
		diags.AddError("Save the OATH token assignments failed", err.Error())
		return
	}
	state.Raw = raw
}

// assignmentProblems is one error that lists every serial number that could not be handled.
func assignmentProblems(problems []setProblem) diag.Diagnostics {
	var diags diag.Diagnostics
	if len(problems) == 0 {
		return diags
	}
	diags.AddError(fmt.Sprintf("%s could not be handled", plural(len(problems), "OATH token assignment", "OATH token assignments")),
		problemsDetail("serial number", problems))
	return diags
}
