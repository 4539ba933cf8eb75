package mfa

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/oathtokens/terraform-provider-pingone/internal/planmodifiers"
	"github.com/oathtokens/terraform-provider-pingone/internal/validators"
)

const pairingReplacesNote = " Changing this replaces the pairing: the device is unpaired, and the token paired anew."

// activationOnlyAtCreate is said of every activation setting: they are used once.
const activationOnlyAtCreate = " Used only when the pairing is created: changing it later updates the state and nothing " +
	"in PingOne (an active device needs no secret). To activate a pairing that is still `ACTIVATION_REQUIRED`, " +
	"replace it (`terraform apply -replace=<address>`)."

func userMFADeviceOATHTokenSchema(ctx context.Context) schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Pairs an OATH token with a user: PingOne makes the token one of the user's MFA devices " +
			"(type `OATH_TOKEN`). Given the token's secret, the provider also activates the device, with the one-time " +
			"password the token would show next, computed from the counter or time step and drift PingOne reports; " +
			"without it the device stays `ACTIVATION_REQUIRED` until the user activates it at their first sign-on. " +
			"Destroying the resource unpairs the device and leaves the token in the environment. A pairing removed " +
			"outside Terraform is planned again. Import with `" + userDeviceImportFormat + "`.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "The ID of the user's MFA device that holds the token.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"environment_id": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "The ID (a UUID) of the PingOne environment of the user and the token." + pairingReplacesNote +
					" IDs compare without regard to letter case: changing only the case updates the state in place.",
				Validators:    []validator.String{validators.PingOneID()},
				PlanModifiers: []planmodifier.String{planmodifiers.RequiresReplaceUnlessSameID()},
			},
			"user_id": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "The ID (a UUID) of the user who gets the token, for example `data.pingone_user.<name>.id` " +
					"from the official PingOne provider." + pairingReplacesNote +
					" Changing only the letter case updates the state in place.",
				Validators:    []validator.String{validators.PingOneID()},
				PlanModifiers: []planmodifier.String{planmodifiers.RequiresReplaceUnlessSameID()},
			},
			"serial_number": schema.StringAttribute{
				Required: true,
				MarkdownDescription: fmt.Sprintf("The serial number of the OATH token, which must exist in the environment "+
					"and not be paired with anyone (1 to %d letters and digits). Reference the token's resource "+
					"(`pingone_oath_token.<name>.serial_number`) so that Terraform creates the token first and unpairs "+
					"it before revoking it.", maxSerialLength) + pairingReplacesNote,
				Validators:    serialNumberValidators(),
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"oath_token_id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "The ID of the paired OATH token, when PingOne reports it.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"status": schema.StringAttribute{
				Computed: true,
				MarkdownDescription: fmt.Sprintf("The device's status as PingOne last reported it: %s. A device the user "+
					"activates at sign-on moves to `ACTIVE`; that is read back and never a change.", backtickList(deviceStatuses)),
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"created_at": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "When PingOne paired the token (RFC 3339).",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"activate": schema.BoolAttribute{
				Optional: true,
				MarkdownDescription: "Whether the provider activates the device. Left out, it does when " +
					"`activation_secret_wo` or `activation_secret` is set. `false` leaves the device `ACTIVATION_REQUIRED` " +
					"for the user to activate at sign-on, even with a secret; `true` needs a secret." + activationOnlyAtCreate,
			},
			"activation_secret": schema.StringAttribute{
				Optional:  true,
				Sensitive: true,
				MarkdownDescription: "The token's seed, in hexadecimal, as it was given to PingOne (`pingone_oath_token`'s " +
					"`secret`), from which the provider computes the activation OTP. It is kept in the state; prefer " +
					"`activation_secret_wo` on engines that support write-only attributes. At most one of the two." +
					activationOnlyAtCreate,
				Validators: []validator.String{
					validators.HexSecret(maxSecretLength),
					stringvalidator.ConflictsWith(path.MatchRoot("activation_secret_wo")),
				},
			},
			"activation_secret_wo": schema.StringAttribute{
				Optional:  true,
				Sensitive: true,
				WriteOnly: true,
				MarkdownDescription: "The token's seed, as `activation_secret`, but write-only: used at create and never " +
					"stored in plan or state. Needs Terraform 1.11 or OpenTofu 1.11 or later." + activationOnlyAtCreate,
				Validators: []validator.String{validators.HexSecret(maxSecretLength)},
			},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Read: true, Delete: true}),
		},
	}
}
