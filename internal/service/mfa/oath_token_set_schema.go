package mfa

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/oathtokens/terraform-provider-pingone/internal/validators"
)

const (
	defaultBatchSize = 1000
	maxBatchSize     = 10000
)

// oathTokenSetSchema describes the set. The rules on each token (allowed values, what goes with
// which type) are checked in one pass by ValidateConfig rather than by a validator on each
// attribute of each of thousands of elements: the descriptions state them, oath_token_values.go
// holds them. The defaults, the ID kept from one plan to the next and the environment that
// replaces the set are the planner's (oath_token_set_planner.go), not plan modifiers': the
// framework does not plan the set.
func oathTokenSetSchema(ctx context.Context) schema.Schema {
	return schema.Schema{
		MarkdownDescription: "A whole set of OATH tokens of one PingOne environment, keyed by serial number: a vendor's " +
			"seed file of hundreds or tens of thousands of tokens in one resource. Tokens are created and revoked with " +
			"PingOne's batch jobs, refreshed with one paged listing, and each token is managed on its own: adding, " +
			"removing or changing one serial number touches that token alone. A paired token is never revoked unless " +
			"`allow_revoke_when_paired` is `true`.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "An identifier of the set, made by the provider (the set is not a PingOne object).",
			},
			"environment_id": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "The ID (a UUID) of the PingOne environment that holds the tokens. Changing it replaces " +
					"every token of the set; changing only its letter case does not.",
				Validators: []validator.String{validators.PingOneID()},
			},
			"tokens": schema.MapNestedAttribute{
				Required: true,
				MarkdownDescription: fmt.Sprintf("The tokens, by serial number (1 to %d letters and digits, unique in the "+
					"environment). Adding a serial number creates its token, removing one revokes it, and changing a "+
					"token's settings or `secret_version` replaces that token alone (PingOne tokens are immutable). "+
					"PingOne's moving HOTP counter and TOTP drift are never a change.", maxSerialLength),
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"type": schema.StringAttribute{
						Required:            true,
						MarkdownDescription: "The OTP algorithm: `HOTP` or `TOTP`.",
					},
					"otp_length": schema.Int64Attribute{
						Required:            true,
						MarkdownDescription: "Digits in each one-time password: " + int64sText(otpLengths) + ".",
					},
					"hash_algorithm": schema.StringAttribute{
						Optional: true,
						Computed: true,
						MarkdownDescription: fmt.Sprintf("The HMAC algorithm: one of %s; default `HmacSHA1`, the only one HOTP "+
							"tokens accept.", backtickList(hashAlgorithms)),
					},
					"hotp": schema.SingleNestedAttribute{
						Optional:            true,
						MarkdownDescription: "HOTP settings; only for HOTP tokens. Left out, the counter starts at 0.",
						Attributes: map[string]schema.Attribute{
							"counter": schema.Int64Attribute{
								Required: true,
								MarkdownDescription: "The counter to start from, 0 or more. PingOne moves its counter forward each " +
									"time the token is used; that is never a change here.",
							},
						},
					},
					"totp": schema.SingleNestedAttribute{
						Optional:            true,
						MarkdownDescription: "TOTP settings; required for TOTP tokens and only allowed for them.",
						Attributes: map[string]schema.Attribute{
							"time_step": schema.Int64Attribute{
								Required:            true,
								MarkdownDescription: "Seconds each one-time password is valid for: " + int64sText(timeSteps) + ".",
							},
						},
					},
					"secret_version": schema.Int64Attribute{
						Optional: true,
						MarkdownDescription: "A number to change when the token's seed changes: Terraform cannot see write-only " +
							"values, and shows no sensitive one, so changing this is what replaces the token with one that has " +
							"the new seed, and what the plan shows. A seed that changes without it is refused at plan time.",
					},
				}},
			},
			"secrets_wo": schema.MapAttribute{
				Optional:    true,
				Sensitive:   true,
				WriteOnly:   true,
				ElementType: types.StringType,
				MarkdownDescription: "The tokens' seeds, by serial number, as hexadecimal (an even number of digits, at most " +
					fmt.Sprint(maxSecretLength) + "): write-only, sent to PingOne when a token is created and never stored in " +
					"plan or state. Needs Terraform 1.11 or OpenTofu 1.11 or later. Exactly one of `secrets_wo` and `secrets` " +
					"must hold a seed for every serial number of `tokens`, and no other.",
			},
			"secrets": schema.MapAttribute{
				Optional:    true,
				Sensitive:   true,
				ElementType: types.StringType,
				MarkdownDescription: "The tokens' seeds, as `secrets_wo`, for engines without write-only attributes " +
					"(Terraform before 1.11): kept in state, marked sensitive, as configured. Prefer `secrets_wo`; moving to " +
					"it with the same seeds keeps every token and takes the seeds out of the state.",
			},
			"batch_size": schema.Int64Attribute{
				Optional: true,
				Computed: true,
				MarkdownDescription: fmt.Sprintf("How many tokens one PingOne batch job creates or revokes: 1 to %d; "+
					"default %d. Changing it never touches PingOne.", maxBatchSize, defaultBatchSize),
			},
			"allow_revoke_when_paired": schema.BoolAttribute{
				Optional: true,
				Computed: true,
				MarkdownDescription: "Revoking a paired token takes MFA away from its user, so by default removing, replacing " +
					"or destroying a paired token fails, naming every paired serial number with its user and device, and " +
					"revokes nothing. The pairings are those the refresh read; a token paired since (after `-refresh=false`, or " +
					"during the apply) is still kept: PingOne's revoke job leaves it in place and the apply names it. Set " +
					"`true` to let it through; PingOne then unpairs the devices. Changing it never touches PingOne.",
			},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Read: true, Update: true, Delete: true}),
		},
	}
}
