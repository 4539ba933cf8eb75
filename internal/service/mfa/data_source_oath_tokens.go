package mfa

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/oathtokens/terraform-provider-pingone/internal/diagnostics"
	"github.com/oathtokens/terraform-provider-pingone/internal/pingone"
	"github.com/oathtokens/terraform-provider-pingone/internal/validators"
)

var _ datasource.DataSourceWithConfigure = (*oathTokensDataSource)(nil)

// NewOATHTokensDataSource returns the pingone_oath_tokens data source.
func NewOATHTokensDataSource() datasource.DataSource {
	return &oathTokensDataSource{}
}

type oathTokensDataSource struct {
	client *pingone.Client
}

func (d *oathTokensDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_oath_tokens"
}

func (d *oathTokensDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the OATH tokens of a PingOne environment, optionally filtered by type, serial " +
			"numbers and pairing, ordered by serial number, each token with its paired devices. Up to " +
			fmt.Sprint(maxSerialLookups) + " serial numbers are looked up one API call each; otherwise every page of " +
			"PingOne's listing of the environment is read. PingOne never returns the tokens' secrets.",
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
			"serial_numbers": schema.SetAttribute{
				Optional:    true,
				ElementType: types.StringType,
				MarkdownDescription: fmt.Sprintf("Only tokens with one of these serial numbers (each 1 to %d letters and "+
					"digits, compared exactly). Serial numbers that match no token are left out of `tokens` without "+
					"an error. Left out, every serial number; an empty set matches no token and makes no API call.",
					maxSerialLength),
				Validators: []validator.Set{setvalidator.ValueStringsAre(serialNumberValidators()...)},
			},
			"paired": schema.BoolAttribute{
				Optional: true,
				MarkdownDescription: "`true` for only the tokens paired with at least one user's MFA device, `false` " +
					"for only the unpaired ones. Left out, both.",
			},
			"tokens": schema.ListNestedAttribute{
				Computed: true,
				MarkdownDescription: "The tokens that pass every filter, ordered by serial number. Each has the " +
					"attributes of the `pingone_oath_token` data source, without `environment_id`.",
				NestedObject: tokensNestedObject(),
			},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx),
		},
	}
}

// tokensNestedObject is the element of tokens. Its type is also the list's element type when the
// state is built, so the schema and the values cannot disagree.
func tokensNestedObject() schema.NestedAttributeObject {
	return schema.NestedAttributeObject{Attributes: tokenDataAttributes()}
}

func (d *oathTokensDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *oathTokensDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m oathTokensDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() || !requireClient(d.client, &resp.Diagnostics) {
		return
	}
	timeout, diags := m.Timeouts.Read(ctx, defaultReadTimeout)
	resp.Diagnostics.Append(diags...)
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	filter, diags := m.filter(ctx)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	tokens, diags := d.list(ctx, m.EnvironmentID.ValueString(), filter)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	items := make([]oathTokenDataModel, 0, len(tokens))
	for i := range tokens {
		items = append(items, tokenDataFromFields(fieldsFromAPI(&tokens[i])))
	}
	m.Tokens, diags = types.ListValueFrom(ctx, tokensNestedObject().Type(), items)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// list reads the tokens the filter selects. A few serial numbers are looked up one filtered call
// each, so that a lookup of three tokens never pages through an environment that may hold
// 100,000; more serial numbers, or none, cost one paged listing of the environment.
func (d *oathTokensDataSource) list(ctx context.Context, envID string, filter tokenFilter) ([]pingone.OATHToken, diag.Diagnostics) {
	var diags diag.Diagnostics
	if filter.selectsNothing() {
		return nil, diags
	}
	if serials := filter.serialsToLookUp(); serials != nil {
		found := make([]pingone.OATHToken, 0, len(serials))
		for _, serial := range serials {
			token, err := d.client.FindOATHTokenBySerial(ctx, envID, serial, true)
			if pingone.IsNotFound(err) {
				continue
			}
			if err != nil {
				diags.Append(diagnostics.APIError("List OATH tokens failed", err, dataSourceHint(err, envID)))
				return nil, diags
			}
			found = append(found, *token)
		}
		return filter.apply(found), diags
	}
	listed, err := d.client.ListOATHTokens(ctx, envID, pingone.ListOATHTokensOptions{ExpandDevices: true})
	if err != nil {
		diags.Append(diagnostics.APIError("List OATH tokens failed", err, listHint(err, envID)))
		return nil, diags
	}
	return filter.apply(listed), diags
}

// listHint adds the one failure a listing has that a lookup reports as "not found": an
// environment that does not exist.
func listHint(err error, envID string) string {
	if pingone.IsNotFound(err) {
		return fmt.Sprintf("PingOne has no environment %s, or it was deleted. Check environment_id.", envID)
	}
	return dataSourceHint(err, envID)
}

// oathTokensDataSourceModel is the list data source's configuration and state.
type oathTokensDataSourceModel struct {
	EnvironmentID types.String   `tfsdk:"environment_id"`
	Type          types.String   `tfsdk:"type"`
	SerialNumbers types.Set      `tfsdk:"serial_numbers"`
	Paired        types.Bool     `tfsdk:"paired"`
	Tokens        types.List     `tfsdk:"tokens"`
	Timeouts      timeouts.Value `tfsdk:"timeouts"`
}

// filter reads the configured filters. Read only runs once they are all known.
func (m oathTokensDataSourceModel) filter(ctx context.Context) (tokenFilter, diag.Diagnostics) {
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
