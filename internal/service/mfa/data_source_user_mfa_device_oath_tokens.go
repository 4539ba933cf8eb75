package mfa

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/oathtokens/terraform-provider-pingone/internal/diagnostics"
	"github.com/oathtokens/terraform-provider-pingone/internal/pingone"
	"github.com/oathtokens/terraform-provider-pingone/internal/validators"
)

var _ datasource.DataSourceWithConfigure = (*userMFADeviceOATHTokensDataSource)(nil)

// NewUserMFADeviceOATHTokensDataSource returns the pingone_user_mfa_device_oath_tokens data
// source: the OATH tokens one user holds, named like the pairing resource.
func NewUserMFADeviceOATHTokensDataSource() datasource.DataSource {
	return &userMFADeviceOATHTokensDataSource{}
}

type userMFADeviceOATHTokensDataSource struct {
	client *pingone.Client
}

func (d *userMFADeviceOATHTokensDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_user_mfa_device_oath_tokens"
}

var userOATHDeviceAttrTypes = map[string]attr.Type{
	"id": types.StringType, "serial_number": types.StringType, "oath_token_id": types.StringType,
	"status": types.StringType, "created_at": types.StringType,
}

func (d *userMFADeviceOATHTokensDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the OATH tokens paired with one user: each MFA device of type `OATH_TOKEN` with its " +
			"serial number and status, ordered by serial number, so that a configuration can check who holds which " +
			"token. One API call. The user's other MFA devices (SMS, email, apps) are left out.",
		Attributes: map[string]schema.Attribute{
			"environment_id": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "The ID (a UUID) of the PingOne environment of the user.",
				Validators:          []validator.String{validators.PingOneID()},
			},
			"user_id": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "The ID (a UUID) of the user, for example `data.pingone_user.<name>.id` from the official provider.",
				Validators:          []validator.String{validators.PingOneID()},
			},
			"serial_numbers": schema.ListAttribute{
				Computed:            true,
				ElementType:         types.StringType,
				MarkdownDescription: "The serial numbers of the user's OATH tokens, sorted; empty when the user holds none.",
			},
			"devices": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The user's OATH token devices, ordered by serial number.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":            schema.StringAttribute{Computed: true, MarkdownDescription: "The MFA device's ID."},
					"serial_number": schema.StringAttribute{Computed: true, MarkdownDescription: "The paired token's serial number."},
					"oath_token_id": schema.StringAttribute{Computed: true, MarkdownDescription: "The paired token's ID, when PingOne reports it."},
					"status": schema.StringAttribute{Computed: true, MarkdownDescription: fmt.Sprintf(
						"The device's status: %s.", backtickList(deviceStatuses))},
					"created_at": schema.StringAttribute{Computed: true, MarkdownDescription: "When the token was paired (RFC 3339)."},
				}},
			},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx),
		},
	}
}

func (d *userMFADeviceOATHTokensDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *userMFADeviceOATHTokensDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m userMFADeviceOATHTokensModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() || !requireClient(d.client, &resp.Diagnostics) {
		return
	}
	timeout, diags := m.Timeouts.Read(ctx, defaultReadTimeout)
	resp.Diagnostics.Append(diags...)
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	envID, userID := m.EnvironmentID.ValueString(), m.UserID.ValueString()
	devices, err := d.client.ListUserDevices(ctx, envID, userID)
	if err != nil {
		hint := dataSourceHint(err, envID)
		if pingone.IsNotFound(err) {
			hint = fmt.Sprintf("PingOne has no user %s in environment %s. Check user_id and environment_id.", userID, envID)
		}
		resp.Diagnostics.Append(diagnostics.APIError("List the user's OATH tokens failed", err, hint))
		return
	}
	devices = slices.DeleteFunc(devices, func(d pingone.UserDevice) bool { return d.Type != pingone.DeviceTypeOATHToken })
	slices.SortFunc(devices, func(a, b pingone.UserDevice) int {
		return strings.Compare(a.SerialNumber+"/"+a.ID, b.SerialNumber+"/"+b.ID)
	})
	serials := make([]attr.Value, len(devices))
	items := make([]attr.Value, len(devices))
	for i, dev := range devices {
		serials[i] = types.StringValue(dev.SerialNumber)
		tokenID := types.StringNull()
		if dev.OATHTokenID != "" {
			tokenID = types.StringValue(dev.OATHTokenID)
		}
		items[i] = types.ObjectValueMust(userOATHDeviceAttrTypes, map[string]attr.Value{
			"id": types.StringValue(dev.ID), "serial_number": types.StringValue(dev.SerialNumber), "oath_token_id": tokenID,
			"status": types.StringValue(dev.Status), "created_at": timestampValue(dev.CreatedAt),
		})
	}
	m.SerialNumbers = types.ListValueMust(types.StringType, serials)
	m.Devices = types.ListValueMust(types.ObjectType{AttrTypes: userOATHDeviceAttrTypes}, items)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// userMFADeviceOATHTokensModel is the data source's configuration and state.
type userMFADeviceOATHTokensModel struct {
	EnvironmentID types.String   `tfsdk:"environment_id"`
	UserID        types.String   `tfsdk:"user_id"`
	SerialNumbers types.List     `tfsdk:"serial_numbers"`
	Devices       types.List     `tfsdk:"devices"`
	Timeouts      timeouts.Value `tfsdk:"timeouts"`
}
