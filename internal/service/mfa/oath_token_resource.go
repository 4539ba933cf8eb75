package mfa

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/oathtokens/terraform-provider-pingone/internal/pingone"
)

var (
	_ resource.ResourceWithConfigure      = (*oathTokenResource)(nil)
	_ resource.ResourceWithImportState    = (*oathTokenResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*oathTokenResource)(nil)
	_ resource.ResourceWithValidateConfig = (*oathTokenResource)(nil)
)

// The default timeouts cover PingOne's documented retry advice: up to ten retries with waits
// capped at 30 seconds.
const (
	defaultCreateTimeout = 10 * time.Minute
	defaultReadTimeout   = 5 * time.Minute
	defaultDeleteTimeout = 10 * time.Minute
)

// NewOATHTokenResource returns the pingone_oath_token resource.
func NewOATHTokenResource() resource.Resource {
	return &oathTokenResource{}
}

type oathTokenResource struct {
	client *pingone.Client
}

func (r *oathTokenResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_oath_token"
}

func (r *oathTokenResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = oathTokenResourceSchema(ctx)
}

func (r *oathTokenResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *oathTokenResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	plan, err := readTokenAttrs(req.Plan.Raw)
	if err != nil {
		resp.Diagnostics.AddError("Create OATH token failed", err.Error())
		return
	}
	// The write-only secret is only in the configuration: plans and state never hold it.
	config, err := readTokenAttrs(req.Config.Raw)
	if err != nil {
		resp.Diagnostics.AddError("Create OATH token failed", err.Error())
		return
	}
	timeout, err := plan.timeout("create", defaultCreateTimeout)
	if err != nil {
		resp.Diagnostics.AddAttributeError(pathTimeouts, "Invalid timeout", err.Error())
	}
	if resp.Diagnostics.HasError() || !requireClient(r.client, &resp.Diagnostics) {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	envID := plan.str("environment_id")
	token, diags := r.createToken(ctx, envID, createRequest(plan, config))
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	plan.applyServerValues(token, false)
	resp.State.Raw = plan.value(req.Plan.Raw.Type())
	setTokenIdentityRaw(resp.Identity, envID, token.ID)
}

func (r *oathTokenResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	state, err := readTokenAttrs(req.State.Raw)
	if err != nil {
		resp.Diagnostics.AddError("Read OATH token failed", err.Error())
		return
	}
	timeout, err := state.timeout("read", defaultReadTimeout)
	if err != nil {
		resp.Diagnostics.AddAttributeError(pathTimeouts, "Invalid timeout", err.Error())
	}
	if resp.Diagnostics.HasError() || !requireClient(r.client, &resp.Diagnostics) {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	ref := tokenRefFrom(state)
	token, gone, diags := r.lookup(ctx, ref)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	if gone != "" && ref.ID == "" {
		// Only an import by serial number reads a token whose ID is not known yet, so the token to
		// import does not exist: an error, not drift (and without an ID there is no identity to
		// return, which the framework would report as a provider bug).
		resp.Diagnostics.AddError("Cannot import OATH token", gone+" Check the serial number and environment_id.")
		return
	}
	if gone != "" {
		resp.Diagnostics.AddWarning("OATH token no longer exists in PingOne",
			fmt.Sprintf("%s It is removed from the state, and the next plan creates it again.", gone))
		resp.State.RemoveResource(ctx)
		// terraform-plugin-framework v1.19 fails a Read that returns no identity even when it
		// removes the resource, which it does on engines that keep no identity (Terraform before
		// 1.12, OpenTofu): the identity the token had satisfies it.
		setTokenIdentityRaw(resp.Identity, ref.EnvID, ref.ID)
		return
	}
	state.applyServerValues(token, true)
	resp.State.Raw = state.value(req.State.Raw.Type())
	setTokenIdentityRaw(resp.Identity, ref.EnvID, token.ID)
}

// Update never calls PingOne: every PingOne setting replaces the token, so only Terraform-side
// settings (allow_revoke_when_paired, timeouts), the letter case of environment_id and values
// adopted after an import change here. What PingOne decides stays as the state has it.
func (r *oathTokenResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	plan, err := readTokenAttrs(req.Plan.Raw)
	if err != nil {
		resp.Diagnostics.AddError("Update OATH token failed", err.Error())
		return
	}
	state, err := readTokenAttrs(req.State.Raw)
	if err != nil {
		resp.Diagnostics.AddError("Update OATH token failed", err.Error())
		return
	}
	for _, name := range []string{"id", "created_at", "updated_at", "paired_devices", "totp", "hash_algorithm"} {
		plan[name] = state[name]
	}
	resp.State.Raw = plan.value(req.Plan.Raw.Type())
	// A state written before the resource had an identity gets one here, when the plan skipped the refresh.
	setTokenIdentityRaw(resp.Identity, plan.str("environment_id"), plan.str("id"))
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, adoptKey, nil)...)
}

func (r *oathTokenResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	state, err := readTokenAttrs(req.State.Raw)
	if err != nil {
		resp.Diagnostics.AddError("Revoke OATH token failed", err.Error())
		return
	}
	timeout, err := state.timeout("delete", defaultDeleteTimeout)
	if err != nil {
		resp.Diagnostics.AddAttributeError(pathTimeouts, "Invalid timeout", err.Error())
	}
	if resp.Diagnostics.HasError() || !requireClient(r.client, &resp.Diagnostics) {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	resp.Diagnostics.Append(r.revoke(ctx, tokenRefFrom(state))...)
}

// tokenRef is what names a token in state, and the setting that guards its revocation.
type tokenRef struct {
	EnvID, ID, Serial string
	AllowPaired       bool
}

func tokenRefFrom(state tokenAttrs) tokenRef {
	return tokenRef{
		EnvID: state.str("environment_id"), ID: state.str("id"), Serial: state.str("serial_number"),
		AllowPaired: state.flag("allow_revoke_when_paired"),
	}
}
