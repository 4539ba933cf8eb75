package mfa

import (
	"context"
	"time"

	"github.com/google/uuid"
	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/oathtokens/terraform-provider-pingone/internal/pingone"
)

var (
	_ resource.ResourceWithConfigure      = (*oathTokenSetResource)(nil)
	_ resource.ResourceWithImportState    = (*oathTokenSetResource)(nil)
	_ resource.ResourceWithValidateConfig = (*oathTokenSetResource)(nil)
)

// A set's jobs take longer than one token's request: PingOne runs them in the background.
const (
	defaultSetCreateTimeout = 30 * time.Minute
	defaultSetUpdateTimeout = 30 * time.Minute
	defaultSetDeleteTimeout = 30 * time.Minute
)

var pathTimeouts = path.Root("timeouts")

// NewOATHTokenSetResource returns the pingone_oath_token_set resource.
func NewOATHTokenSetResource() resource.Resource {
	return &oathTokenSetResource{pace: pingone.DefaultJobPolling}
}

type oathTokenSetResource struct {
	client *pingone.Client
	pace   pingone.JobPolling
}

func (r *oathTokenSetResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_oath_token_set"
}

func (r *oathTokenSetResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = oathTokenSetSchema(ctx)
}

func (r *oathTokenSetResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

// seedsOf reads the seeds of a plan or state, a map of strings in attr, or the configuration's in
// the write-only attr+"_wo" when a configuration is given and sets it: the write-only seeds are
// never in plans or states. failed is the summary of an error.
func seedsOf(attrs map[string]tftypes.Value, config *tftypes.Value, attr, failed string) (map[string]string, diag.Diagnostics) {
	var diags diag.Diagnostics
	seeds, _, _, err := stringMapOf(attrs[attr], attr)
	if err != nil {
		diags.AddAttributeError(path.Root(attr), failed, err.Error())
	}
	if config == nil {
		return seeds, diags
	}
	wo := attr + "_wo"
	if configAttrs, err := objectAttrs(*config); err == nil && !configAttrs[wo].IsNull() {
		if seeds, _, _, err = stringMapOf(configAttrs[wo], wo); err != nil {
			diags.AddAttributeError(path.Root(wo), failed, err.Error())
		}
	}
	return seeds, diags
}

// setValues are a set's attributes as one operation needs them.
type setValues struct {
	raw         tftypes.Value
	attrs       map[string]tftypes.Value
	envID       string
	tokens      map[string]setToken
	seeds       map[string]string // the seeds in secrets (state, plan) or secrets_wo (configuration)
	batch       int
	allowPaired bool
}

// readSetValues reads a plan or state. The seeds come from its secrets attribute, or from the
// configuration's secrets_wo when a configuration is given and sets it (the write-only seeds are
// never in plans or states).
func readSetValues(raw tftypes.Value, config *tftypes.Value) (setValues, diag.Diagnostics) {
	var v setValues
	var diags diag.Diagnostics
	attrs, err := objectAttrs(raw)
	if err != nil {
		diags.AddError("Read the OATH token set failed", err.Error())
		return v, diags
	}
	v.raw, v.attrs = raw, attrs
	v.envID, _, _ = stringOf(attrs["environment_id"])
	if v.tokens, _, err = setTokens(attrs["tokens"]); err != nil {
		diags.AddAttributeError(pathTokens, "Read the OATH token set failed", err.Error())
	}
	var seedDiags diag.Diagnostics
	v.seeds, seedDiags = seedsOf(attrs, config, "secrets", "Read the OATH token set failed")
	diags.Append(seedDiags...)
	v.batch = defaultBatchSize
	if n, _, _ := int64Of(attrs["batch_size"]); n != nil && *n > 0 {
		v.batch = int(*n)
	}
	var allow bool
	if b := attrs["allow_revoke_when_paired"]; b.IsKnown() && !b.IsNull() {
		_ = b.As(&allow)
	}
	v.allowPaired = allow
	return v, diags
}

func (r *oathTokenSetResource) jobs(envID string, batch int) setJobs {
	return setJobs{client: r.client, envID: envID, batch: batch, pace: r.pace}
}

func (r *oathTokenSetResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	out := r.create(ctx, req.Plan.Raw, req.Config.Raw)
	resp.Diagnostics.Append(out.diags...)
	out.writeTo(ctx, &resp.State, resp.Private, &resp.Diagnostics)
}

// create makes the planned tokens in batch jobs.
func (r *oathTokenSetResource) create(ctx context.Context, planRaw, configRaw tftypes.Value) setOutcome {
	var out setOutcome
	plan, ctx, cancel, ok := r.begin(ctx, &out, planRaw, &configRaw, timeouts.Value.Create, defaultSetCreateTimeout)
	defer cancel()
	if !ok {
		return out
	}

	change := &setChange{
		jobs:        r.jobs(plan.envID, plan.batch),
		fetch:       tokenFetch{client: r.client, envID: plan.envID},
		current:     map[string]setToken{},
		planned:     plan.tokens,
		seeds:       plan.seeds,
		allowPaired: plan.allowPaired,
	}
	final, private, diags := change.run(ctx)
	if diags.HasError() && (len(final) > 0 || len(private.Jobs) > 0) {
		diags.AddError("Untaint the OATH token set to keep the tokens created",
			"The set is saved with the tokens that were created. Terraform marks a resource whose creation failed as "+
				"tainted, and would replace it on the next apply: that would revoke those tokens and create them all again. "+
				"To keep them and create only the rest, untaint the set first: terraform untaint <address of this set> "+
				"(tofu untaint for OpenTofu), then apply.")
	}
	out.diags.Append(diags...)
	out.keepState(plan, uuid.NewString(), final, change, private)
	return out
}

func (r *oathTokenSetResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	private, diags := readSetPrivate(ctx, req.Private)
	resp.Diagnostics.Append(diags...)
	out := r.update(ctx, req.Plan.Raw, req.Config.Raw, req.State.Raw, private)
	resp.Diagnostics.Append(out.diags...)
	out.writeTo(ctx, &resp.State, resp.Private, &resp.Diagnostics)
}

// update adds, revokes and replaces the tokens that changed between stateRaw and planRaw.
func (r *oathTokenSetResource) update(ctx context.Context, planRaw, configRaw, stateRaw tftypes.Value, private setPrivate) setOutcome {
	var out setOutcome
	state, diags := readSetValues(stateRaw, nil)
	out.diags.Append(diags...)
	plan, ctx, cancel, ok := r.begin(ctx, &out, planRaw, &configRaw, timeouts.Value.Update, defaultSetUpdateTimeout)
	defer cancel()
	if !ok {
		return out
	}

	change := &setChange{
		jobs:        r.jobs(plan.envID, plan.batch),
		fetch:       tokenFetch{client: r.client, envID: plan.envID},
		current:     state.tokens,
		planned:     plan.tokens,
		seeds:       plan.seeds,
		priorSeeds:  state.seeds,
		private:     private,
		allowPaired: plan.allowPaired,
	}
	final, private, diags := change.run(ctx)
	out.diags.Append(diags...)
	id, _, _ := stringOf(state.attrs["id"])
	out.keepState(plan, id, final, change, private)
	return out
}

// keepState keeps the planned values with the tokens the set now holds, and the seeds of those
// tokens when the seeds are kept in state (secrets, not secrets_wo).
func (o *setOutcome) keepState(plan setValues, id string, final map[string]setToken, change *setChange, private setPrivate) {
	replace := map[string]tftypes.Value{
		"id":     tftypes.NewValue(tftypes.String, id),
		"tokens": setTokensValue(final),
	}
	if !plan.attrs["secrets"].IsNull() {
		replace["secrets"] = stringMapValue(change.stateSeeds())
	}
	raw, err := withAttrs(plan.raw, replace)
	if err != nil {
		o.diags.AddError("Save the OATH token set failed", err.Error())
		return
	}
	o.keep(raw, private)
}
