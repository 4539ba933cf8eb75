package mfa

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/oathtokens/terraform-provider-pingone/internal/diagnostics"
	"github.com/oathtokens/terraform-provider-pingone/internal/pingone"
	"github.com/oathtokens/terraform-provider-pingone/internal/validators"
)

// The pingone_oath_token list resource answers terraform query (Terraform 1.14+): it lists the
// tokens an environment holds, in one paged listing, each as an identity and, when asked, as the
// state of a pingone_oath_token, from which terraform query -generate-config-out writes resource
// and import blocks. It is how tokens loaded through PingOne's console come under management.

var _ list.ListResourceWithConfigure = (*oathTokenListResource)(nil)

// NewOATHTokenListResource returns the pingone_oath_token list resource.
func NewOATHTokenListResource() list.ListResource {
	return &oathTokenListResource{}
}

type oathTokenListResource struct {
	client *pingone.Client
}

// Metadata names the list resource after the resource it lists, as Terraform requires.
func (r *oathTokenListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_oath_token"
}

func (r *oathTokenListResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *oathTokenListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the OATH tokens of a PingOne environment for `terraform query` (Terraform 1.14 and " +
			"later), optionally filtered by type, serial numbers and pairing, in one paged listing of the environment. " +
			"Each result is the token's identity (`environment_id`, `id`) and, with `include_resource = true` or " +
			"`-generate-config-out`, its `pingone_oath_token` state: the secret is never returned, `hotp.counter` is " +
			"PingOne's current counter, `allow_revoke_when_paired` is `false`, and `paired_devices` is known only when " +
			"`paired` is set (otherwise it is null: the pairing was not read). Terraform stops at the list block's " +
			"`limit`, 100 unless set: set it to at least the number of tokens to list them all.",
		Attributes: map[string]schema.Attribute{
			"environment_id": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "The ID (a UUID) of the PingOne environment whose tokens are listed.",
				Validators:          []validator.String{validators.PingOneID()},
			},
			"type": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Only tokens of this type: `HOTP` or `TOTP`. Left out, tokens of both types.",
				Validators:          []validator.String{stringvalidator.OneOf(tokenTypes...)},
			},
			"serial_numbers": schema.ListAttribute{
				Optional:    true,
				ElementType: types.StringType,
				MarkdownDescription: fmt.Sprintf("Only tokens with one of these serial numbers (each 1 to %d letters and "+
					"digits, compared exactly). Left out, every serial number; an empty list matches no token and makes no "+
					"API call.", maxSerialLength),
				Validators: []validator.List{listvalidator.ValueStringsAre(serialNumberValidators()...)},
			},
			"paired": schema.BoolAttribute{
				Optional: true,
				MarkdownDescription: "`true` for only the tokens paired with at least one user's MFA device, `false` for " +
					"only the unpaired ones. Left out, both, and the pairing is not read (`expand=devices` costs PingOne " +
					"more on every page).",
			},
		},
	}
}

// oathTokenListModel is the list block's config.
type oathTokenListModel struct {
	EnvironmentID types.String `tfsdk:"environment_id"`
	Type          types.String `tfsdk:"type"`
	SerialNumbers types.List   `tfsdk:"serial_numbers"`
	Paired        types.Bool   `tfsdk:"paired"`
}

// filter reads the configured filters; terraform query only lists once they are all known.
func (m oathTokenListModel) filter(ctx context.Context) (tokenFilter, diag.Diagnostics) {
	var f tokenFilter
	var diags diag.Diagnostics
	f.Type = m.Type.ValueString()
	if !m.Paired.IsNull() {
		paired := m.Paired.ValueBool()
		f.Paired = &paired
	}
	if !m.SerialNumbers.IsNull() {
		var serials []string
		diags.Append(m.SerialNumbers.ElementsAs(ctx, &serials, false)...)
		f.Serials = make(map[string]bool, len(serials))
		for _, s := range serials {
			f.Serials[s] = true
		}
	}
	return f, diags
}

// List streams the tokens that pass the filters as PingOne pages them. It stops paging as soon as
// Terraform has as many results as the list block's limit, or stops reading.
func (r *oathTokenListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var m oathTokenListModel
	diags := req.Config.Get(ctx, &m)
	filter, filterDiags := m.filter(ctx)
	diags.Append(filterDiags...)
	if !diags.HasError() {
		requireClient(r.client, &diags)
	}
	if diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	if filter.selectsNothing() || req.Limit <= 0 {
		stream.Results = list.NoListResults
		return
	}
	envID := pingone.CanonicalID(m.EnvironmentID.ValueString())
	results, diags := newListResults(ctx, req, envID, filter.Paired != nil)
	if diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}

	stream.Results = func(push func(list.ListResult) bool) {
		var sent int64
		stopped := false
		err := r.client.ScanOATHTokens(ctx, envID, listOptions(filter, req.Limit),
			func(page []pingone.OATHToken, _ int) bool {
				for i := range page {
					if !filter.keeps(page[i]) {
						continue
					}
					if !push(results.result(ctx, &page[i])) {
						stopped = true
						return false
					}
					if sent++; sent >= req.Limit {
						return false
					}
				}
				return true
			})
		if err != nil && !stopped {
			push(list.ListResult{Diagnostics: diag.Diagnostics{
				diagnostics.APIError("List OATH tokens failed", err, listHint(err, envID)),
			}})
		}
	}
}

// listOptions asks for devices only when the pairing filters, and for the set's page size
// (listPageLimit) or, when every token listed is a result, no more than the limit: a query of
// the first 10 tokens reads 10, not 1,000.
func listOptions(filter tokenFilter, limit int64) pingone.ListOATHTokensOptions {
	opts := pingone.ListOATHTokensOptions{ExpandDevices: filter.Paired != nil, Limit: listPageLimit}
	if filter.Type == "" && filter.Paired == nil && filter.Serials == nil && limit < listPageLimit {
		opts.Limit = int(limit)
	}
	return opts
}
