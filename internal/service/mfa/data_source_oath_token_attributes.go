package mfa

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// oathTokenDataModel holds the token attributes both data sources return: the single data source
// at its root, the list data source once per element of tokens. Both fill it from tokenFields, so
// the API mapping stays the resource's.
type oathTokenDataModel struct {
	ID            types.String `tfsdk:"id"`
	SerialNumber  types.String `tfsdk:"serial_number"`
	Type          types.String `tfsdk:"type"`
	OTPLength     types.Int64  `tfsdk:"otp_length"`
	HashAlgorithm types.String `tfsdk:"hash_algorithm"`
	HOTP          types.Object `tfsdk:"hotp"`
	TOTP          types.Object `tfsdk:"totp"`
	CreatedAt     types.String `tfsdk:"created_at"`
	UpdatedAt     types.String `tfsdk:"updated_at"`
	PairedDevices types.List   `tfsdk:"paired_devices"`
}

// tokenDataFromFields copies what PingOne returned. Unlike the resource, a data source reports
// the server's HOTP counter: there is no configured counter to keep.
func tokenDataFromFields(f tokenFields) oathTokenDataModel {
	return oathTokenDataModel{
		ID:            f.ID,
		SerialNumber:  f.SerialNumber,
		Type:          f.Type,
		OTPLength:     f.OTPLength,
		HashAlgorithm: f.HashAlgorithm,
		HOTP:          f.HOTP,
		TOTP:          f.TOTP,
		CreatedAt:     f.CreatedAt,
		UpdatedAt:     f.UpdatedAt,
		PairedDevices: f.PairedDevices,
	}
}

// tokenDataAttributes describes the attributes of oathTokenDataModel, all read from PingOne. Each
// call returns a new map, so a data source can override an entry (the single data source lets
// serial_number be set) without touching the other's schema.
func tokenDataAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"id": schema.StringAttribute{
			Computed:            true,
			MarkdownDescription: "The token's PingOne ID (a UUID).",
		},
		"serial_number": schema.StringAttribute{
			Computed: true,
			MarkdownDescription: fmt.Sprintf("The serial number printed on the token: 1 to %d letters and digits, unique "+
				"in the environment.", maxSerialLength),
		},
		"type": schema.StringAttribute{
			Computed:            true,
			MarkdownDescription: "The OTP algorithm: `HOTP` (counter-based, RFC 4226) or `TOTP` (time-based, RFC 6238).",
		},
		"otp_length": schema.Int64Attribute{
			Computed:            true,
			MarkdownDescription: fmt.Sprintf("The number of digits in each one-time password: %s.", int64sText(otpLengths)),
		},
		"hash_algorithm": schema.StringAttribute{
			Computed: true,
			MarkdownDescription: fmt.Sprintf("The HMAC algorithm: one of %s. HOTP tokens always use `HmacSHA1`.",
				backtickList(hashAlgorithms)),
		},
		"hotp": schema.SingleNestedAttribute{
			Computed:            true,
			MarkdownDescription: "HOTP settings; null for TOTP tokens.",
			Attributes: map[string]schema.Attribute{
				"counter": schema.Int64Attribute{
					Computed: true,
					MarkdownDescription: "PingOne's current counter, 0 or more. This is the server's counter, not the one " +
						"the token was created with: PingOne moves it forward each time the token is used or resynchronized.",
				},
			},
		},
		"totp": schema.SingleNestedAttribute{
			Computed:            true,
			MarkdownDescription: "TOTP settings; null for HOTP tokens.",
			Attributes: map[string]schema.Attribute{
				"time_step": schema.Int64Attribute{
					Computed:            true,
					MarkdownDescription: fmt.Sprintf("Seconds each one-time password is valid for: %s.", int64sText(timeSteps)),
				},
				"drift": schema.Int64Attribute{
					Computed: true,
					MarkdownDescription: "The token's clock minus PingOne's, in time steps, as PingOne last measured it. " +
						"It changes as the token is used.",
				},
			},
		},
		"created_at": schema.StringAttribute{
			Computed:            true,
			MarkdownDescription: "When PingOne created the token (RFC 3339).",
		},
		"updated_at": schema.StringAttribute{
			Computed:            true,
			MarkdownDescription: "When PingOne last changed the token (RFC 3339), for example by a resynchronization.",
		},
		"paired_devices": schema.ListNestedAttribute{
			Computed:            true,
			MarkdownDescription: "The users' MFA devices the token is paired with; empty when the token is not paired.",
			NestedObject: schema.NestedAttributeObject{
				Attributes: map[string]schema.Attribute{
					"device_id": schema.StringAttribute{Computed: true, MarkdownDescription: "The MFA device's ID."},
					"user_id":   schema.StringAttribute{Computed: true, MarkdownDescription: "The ID of the user who owns the device."},
				},
			},
		},
	}
}
