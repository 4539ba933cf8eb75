package mfa

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

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
	var plan oathTokenModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	// The write-only secret is only in the configuration: plans and state never hold it.
	var secretWO types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("secret_wo"), &secretWO)...)
	if resp.Diagnostics.HasError() || !requireClient(r.client, &resp.Diagnostics) {
		return
	}
	timeout, diags := plan.Timeouts.Create(ctx, defaultCreateTimeout)
	resp.Diagnostics.Append(diags...)
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	in, diags := createRequest(ctx, plan, secretWO)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	token, diags := r.createToken(ctx, plan.EnvironmentID.ValueString(), in)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	plan.applyServerFields(fieldsFromAPI(token), false)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	resp.Diagnostics.Append(setTokenIdentity(ctx, resp.Identity, plan.EnvironmentID, plan.ID)...)
}

func (r *oathTokenResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state oathTokenModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || !requireClient(r.client, &resp.Diagnostics) {
		return
	}
	timeout, diags := state.Timeouts.Read(ctx, defaultReadTimeout)
	resp.Diagnostics.Append(diags...)
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	token, gone, diags := r.lookup(ctx, state)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	if gone != "" {
		resp.Diagnostics.AddWarning("OATH token no longer exists in PingOne",
			fmt.Sprintf("%s It is removed from the state, and the next plan creates it again.", gone))
		resp.State.RemoveResource(ctx)
		return
	}
	state.applyServerFields(fieldsFromAPI(token), true)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	resp.Diagnostics.Append(setTokenIdentity(ctx, resp.Identity, state.EnvironmentID, state.ID)...)
}

// Update never calls PingOne: every PingOne setting replaces the token, so only Terraform-side
// settings (allow_revoke_when_paired, timeouts) and values adopted after an import change here.
func (r *oathTokenResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state oathTokenModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	plan.ID = state.ID
	plan.CreatedAt = state.CreatedAt
	plan.UpdatedAt = state.UpdatedAt
	plan.PairedDevices = state.PairedDevices
	plan.TOTP = state.TOTP
	plan.HashAlgorithm = state.HashAlgorithm
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	// A state written before the resource had an identity gets one here, when the plan skipped the refresh.
	resp.Diagnostics.Append(setTokenIdentity(ctx, resp.Identity, plan.EnvironmentID, plan.ID)...)
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, adoptKey, nil)...)
}

func (r *oathTokenResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state oathTokenModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || !requireClient(r.client, &resp.Diagnostics) {
		return
	}
	timeout, diags := state.Timeouts.Delete(ctx, defaultDeleteTimeout)
	resp.Diagnostics.Append(diags...)
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	resp.Diagnostics.Append(r.revoke(ctx, state)...)
}

// applyServerFields copies what PingOne decides into the model. The configured HOTP counter is
// kept when there is one: the server's counter moves forward every time the token is used, and
// that must never look like a change. Only an imported token, which has no configured counter
// yet, takes the server's.
func (m *oathTokenModel) applyServerFields(f tokenFields, refresh bool) {
	m.ID = f.ID
	m.SerialNumber = f.SerialNumber
	m.HashAlgorithm = f.HashAlgorithm
	m.CreatedAt = f.CreatedAt
	m.UpdatedAt = f.UpdatedAt
	m.PairedDevices = f.PairedDevices
	m.TOTP = f.TOTP
	if m.HOTP.IsNull() || m.HOTP.IsUnknown() {
		m.HOTP = f.HOTP
	}
	if refresh {
		// Read is also the second half of an import, where only the ID or serial is known.
		m.Type = f.Type
		m.OTPLength = f.OTPLength
		if m.AllowRevokeWhenPaired.IsNull() {
			m.AllowRevokeWhenPaired = types.BoolValue(false)
		}
	}
}
