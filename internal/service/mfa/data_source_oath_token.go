package mfa

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/oathtokens/terraform-provider-pingone/internal/pingone"
	"github.com/oathtokens/terraform-provider-pingone/internal/validators"
)

var (
	_ datasource.DataSourceWithConfigure        = (*oathTokenDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*oathTokenDataSource)(nil)
)

// NewOATHTokenDataSource returns the pingone_oath_token data source.
func NewOATHTokenDataSource() datasource.DataSource {
	return &oathTokenDataSource{}
}

type oathTokenDataSource struct {
	client *pingone.Client
}

func (d *oathTokenDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_oath_token"
}

func (d *oathTokenDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := tokenDataAttributes()
	attrs["environment_id"] = schema.StringAttribute{
		Required:            true,
		MarkdownDescription: "The ID (a UUID) of the PingOne environment that holds the token.",
		Validators:          []validator.String{validators.PingOneID()},
	}
	attrs["oath_token_id"] = schema.StringAttribute{
		Optional: true,
		Computed: true,
		MarkdownDescription: "The ID (a UUID) of the token to read. Exactly one of `oath_token_id` and `serial_number` " +
			"must be set; after a lookup by serial number, this is the token's ID. Either lookup is one API call.",
		Validators: []validator.String{validators.PingOneID()},
	}
	serial := attrs["serial_number"].(schema.StringAttribute)
	serial.Optional = true
	serial.MarkdownDescription = fmt.Sprintf("The serial number of the token to read, as printed on it: 1 to %d letters "+
		"and digits. Exactly one of `oath_token_id` and `serial_number` must be set; after a lookup by ID, this is the "+
		"token's serial number.", maxSerialLength)
	serial.Validators = serialNumberValidators()
	attrs["serial_number"] = serial

	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one OATH token of a PingOne environment, by ID or by serial number: its settings, " +
			"PingOne's current HOTP counter or TOTP drift, and the users' MFA devices it is paired with. PingOne never " +
			"returns the token's secret. A token that does not exist is an error.",
		Attributes: attrs,
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx),
		},
	}
}

func (d *oathTokenDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{
		datasourcevalidator.ExactlyOneOf(path.MatchRoot("oath_token_id"), path.MatchRoot("serial_number")),
	}
}

func (d *oathTokenDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *oathTokenDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m oathTokenDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() || !requireClient(d.client, &resp.Diagnostics) {
		return
	}
	timeout, diags := m.Timeouts.Read(ctx, defaultReadTimeout)
	resp.Diagnostics.Append(diags...)
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	token, diags := d.find(ctx, m.EnvironmentID.ValueString(), m.OATHTokenID.ValueString(), m.SerialNumber.ValueString())
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	configuredSerial := m.SerialNumber
	m.oathTokenDataModel = tokenDataFromFields(fieldsFromAPI(token))
	m.OATHTokenID = m.ID
	if !configuredSerial.IsNull() {
		// The lookup accepts a serial number that differs only in case when the match is
		// unambiguous; the configured value is kept, as Terraform expects of a set argument.
		m.SerialNumber = configuredSerial
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// oathTokenDataSourceModel is the data source's configuration and state: what to look up, then
// the token's attributes.
type oathTokenDataSourceModel struct {
	EnvironmentID types.String   `tfsdk:"environment_id"`
	OATHTokenID   types.String   `tfsdk:"oath_token_id"`
	Timeouts      timeouts.Value `tfsdk:"timeouts"`
	oathTokenDataModel
}
