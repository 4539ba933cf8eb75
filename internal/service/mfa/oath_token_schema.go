package mfa

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

const replacesNote = " Changing this replaces the token (PingOne tokens are immutable)."

// oathTokenResourceSchema describes the resource. Its rules (allowed values, what goes with
// which type, which changes replace the token, defaults) are not validators and plan modifiers on
// each attribute but one pass each, in ValidateConfig and ModifyPlan, over the raw values: see
// oath_token_raw.go for why. The descriptions state the rules; oath_token_values.go holds them.
func oathTokenResourceSchema(ctx context.Context) schema.Schema {
	return schema.Schema{
		MarkdownDescription: "An OATH token (a hardware or software HOTP/TOTP token) in a PingOne environment, ready to be " +
			"paired with a user's MFA device. PingOne tokens are immutable: every change of a PingOne setting replaces " +
			"the token. A token paired with a user is never revoked unless `allow_revoke_when_paired` is `true`.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "The token's PingOne ID.",
			},
			"environment_id": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "The ID (a UUID) of the PingOne environment that holds the token." + replacesNote +
					" IDs compare without regard to letter case: changing only the case updates the state in place.",
			},
			"serial_number": schema.StringAttribute{
				Required: true,
				MarkdownDescription: fmt.Sprintf("The serial number printed on the token: 1 to %d letters and digits, unique "+
					"in the environment.", maxSerialLength) + replacesNote,
			},
			"type": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "The OTP algorithm: `HOTP` (counter-based, RFC 4226) or `TOTP` (time-based, RFC 6238)." + replacesNote,
			},
			"otp_length": schema.Int64Attribute{
				Required:            true,
				MarkdownDescription: "The number of digits in each one-time password: `6` or `8`." + replacesNote,
			},
			"secret": schema.StringAttribute{
				Optional:  true,
				Sensitive: true,
				MarkdownDescription: "The token's seed, as hexadecimal (an even number of digits, at most " +
					fmt.Sprint(maxSecretLength) + "). PingOne never returns it, so it is kept in state only as configured. " +
					"Exactly one of `secret` and `secret_wo` must be set. Changing it (other than the letter case of its " +
					"digits) replaces the token, and so does a value that is not known until apply; after an import, the " +
					"configured secret is adopted without replacing the token. Moving from `secret` to `secret_wo` with " +
					"the same seed keeps the token and removes the secret from the state; with another seed it replaces " +
					"the token.",
			},
			"secret_wo": schema.StringAttribute{
				Optional:  true,
				Sensitive: true,
				WriteOnly: true,
				MarkdownDescription: "The token's seed, as `secret`, but write-only: it is sent to PingOne on create and never " +
					"stored in plan or state. Needs Terraform 1.11 or OpenTofu 1.11 or later, and `secret_wo_version`. " +
					"Moving from `secret_wo` back to `secret` keeps the token (the state never held the seed, so the two " +
					"cannot be compared) and the plan warns that the configured secret is taken on trust.",
			},
			"secret_wo_version": schema.Int64Attribute{
				Optional: true,
				MarkdownDescription: "A number to change whenever `secret_wo` changes: Terraform cannot see write-only values, " +
					"so changing this (or giving a value not known until apply) is what replaces the token with one that " +
					"has the new secret. After an import, the configured version is adopted without replacing the token.",
			},
			"hash_algorithm": schema.StringAttribute{
				Optional: true,
				Computed: true,
				MarkdownDescription: fmt.Sprintf("The HMAC algorithm: one of %s. Defaults to `HmacSHA1`, the only one HOTP "+
					"tokens accept: removing the attribute from a TOTP token that has another algorithm plans its "+
					"replacement with `HmacSHA1`. After importing a token, set the algorithm it has.", backtickList(hashAlgorithms)) + replacesNote,
			},
			"hotp": schema.SingleNestedAttribute{
				Optional:            true,
				Computed:            true,
				MarkdownDescription: "HOTP settings; only for `type = \"HOTP\"`. Left out, the counter starts at 0.",
				Attributes: map[string]schema.Attribute{
					"counter": schema.Int64Attribute{
						Optional: true,
						Computed: true,
						MarkdownDescription: "The counter value to start from, 0 or more; default 0. PingOne moves its counter " +
							"forward each time the token is used or resynchronized; that is never a change here. " +
							"Changing the configured value replaces the token.",
					},
				},
			},
			"totp": schema.SingleNestedAttribute{
				Optional:            true,
				MarkdownDescription: "TOTP settings; required for `type = \"TOTP\"` and only allowed for it.",
				Attributes: map[string]schema.Attribute{
					"time_step": schema.Int64Attribute{
						Required:            true,
						MarkdownDescription: "Seconds each one-time password is valid for: `30` or `60`." + replacesNote,
					},
					"drift": schema.Int64Attribute{
						Computed: true,
						MarkdownDescription: "The token's clock minus PingOne's, in time steps, as PingOne last measured it. " +
							"It changes as the token is used; that is never a change here.",
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
				Computed: true,
				MarkdownDescription: "The users' MFA devices the token is paired with, as PingOne last reported them; " +
					"empty when the token is not paired.",
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"device_id": schema.StringAttribute{Computed: true, MarkdownDescription: "The MFA device's ID."},
						"user_id":   schema.StringAttribute{Computed: true, MarkdownDescription: "The ID of the user who owns the device."},
					},
				},
			},
			"allow_revoke_when_paired": schema.BoolAttribute{
				Optional: true,
				Computed: true,
				MarkdownDescription: "Revoking a paired token takes MFA away from its user, so by default destroying or " +
					"replacing a paired token fails and leaves it in place. Set `true` to let it through. Default `false`; " +
					"changing it never touches PingOne.",
			},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Read: true, Delete: true}),
		},
	}
}

func backtickList(values []string) string {
	quoted := make([]string, len(values))
	for i, v := range values {
		quoted[i] = "`" + v + "`"
	}
	return strings.Join(quoted, ", ")
}

// serialNumberValidators check a serial number for the resource and the data sources alike, so
// that a typo in a lookup fails at plan time with the same message instead of as an empty search.
func serialNumberValidators() []validator.String {
	return []validator.String{
		stringvalidator.RegexMatches(serialPattern, serialRule),
	}
}
