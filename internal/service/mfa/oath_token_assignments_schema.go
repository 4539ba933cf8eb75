package mfa

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/oathtokens/terraform-provider-pingone/internal/planmodifiers"
	"github.com/oathtokens/terraform-provider-pingone/internal/validators"
)

const (
	// defaultAssignmentParallelism is how many pairings are in flight at once. Each makes one
	// request at a time (a pairing, a token read, an activation), so eight keep a run near 80
	// requests a second when PingOne answers in 100 ms, under its usual 100 a second.
	defaultAssignmentParallelism = 8
	maxAssignmentParallelism     = 32
)

// assignedDeviceAttrTypes is one element of devices: what PingOne says of the pairing.
var assignedDeviceAttrTypes = map[string]attr.Type{"id": types.StringType, "status": types.StringType}

// oathTokenAssignmentsSchema describes the assignments. Its maps are plain maps (of strings, and
// devices of objects that are not nested attributes), which terraform-plugin-framework plans in
// linear time; every rule on their elements (serial numbers, user IDs, seeds) is checked in one
// pass by ValidateConfig rather than by validators per element, and the computed devices are
// planned per serial number by ModifyPlan.
func oathTokenAssignmentsSchema(ctx context.Context) schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Pairs many OATH tokens of one PingOne environment with users at once: a map from serial " +
			"number to user ID. Adding a serial number pairs its token with the user (and activates it from its seed, " +
			"when one is given), removing one unpairs it and leaves the token in the environment, and changing the user " +
			"unpairs the token and pairs it with the new user. Pairings run a few at a time inside the provider, and a " +
			"refresh reads every pairing with one paged listing of the environment's tokens. The tokens may come from " +
			"`pingone_oath_token_set`, `pingone_oath_token` or the PingOne console.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "An identifier of the assignments, made by the provider (they are not a PingOne object).",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"environment_id": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "The ID (a UUID) of the PingOne environment of the tokens and users. Changing it " +
					"replaces the resource: every token is unpaired here and paired there. Changing only its letter case " +
					"does not.",
				Validators:    []validator.String{validators.PingOneID()},
				PlanModifiers: []planmodifier.String{planmodifiers.RequiresReplaceUnlessSameID()},
			},
			"assignments": schema.MapAttribute{
				Required:    true,
				ElementType: types.StringType,
				MarkdownDescription: fmt.Sprintf("Who holds which token: a map from serial number (1 to %d letters and "+
					"digits; the token must exist in the environment) to the ID (a UUID) of the user who gets it, for "+
					"example from the official PingOne provider's `pingone_user` data source. Adding a serial number pairs "+
					"its token, removing one unpairs it (the token stays), changing its user unpairs it and pairs it with "+
					"the new user; the plan names the serial numbers concerned. A token must not be paired by Terraform "+
					"anywhere else.", maxSerialLength),
			},
			"activation_secrets_wo": schema.MapAttribute{
				Optional:    true,
				Sensitive:   true,
				WriteOnly:   true,
				ElementType: types.StringType,
				MarkdownDescription: fmt.Sprintf("The tokens' seeds, by serial number, in hexadecimal (an even number of "+
					"digits, at most %d), as they were given to PingOne: write-only, never stored in plan or state. Needs "+
					"Terraform 1.11 or OpenTofu 1.11 or later. A serial number with a seed is activated as soon as it is "+
					"paired, with the one-time password its token shows next; one without stays `ACTIVATION_REQUIRED` "+
					"until its user activates it at sign-on. A seed is used once, when its token is paired: changing it "+
					"later changes nothing. Every serial number here must be in `assignments`.", maxSecretLength),
			},
			"activation_secrets": schema.MapAttribute{
				Optional:    true,
				Sensitive:   true,
				ElementType: types.StringType,
				MarkdownDescription: "The seeds, as `activation_secrets_wo`, for engines without write-only attributes " +
					"(Terraform before 1.11): kept in state, marked sensitive. Prefer `activation_secrets_wo`. At most one " +
					"of the two.",
			},
			"parallelism": schema.Int64Attribute{
				Optional: true,
				Computed: true,
				Default:  int64default.StaticInt64(defaultAssignmentParallelism),
				MarkdownDescription: fmt.Sprintf("How many tokens are paired, activated or unpaired at once: 1 to %d; "+
					"default %d. Each makes one request at a time, so at PingOne's usual 100 ms an answer the default "+
					"keeps an apply near 80 requests a second, under PingOne's usual limit of about 100; a request PingOne "+
					"refuses for its rate limit (429) is sent again when its `Retry-After` says. Lower it for a tenant with "+
					"a lower limit. Changing it never touches PingOne.", maxAssignmentParallelism, defaultAssignmentParallelism),
			},
			"devices": schema.MapAttribute{
				Computed:    true,
				ElementType: types.ObjectType{AttrTypes: assignedDeviceAttrTypes},
				MarkdownDescription: fmt.Sprintf("What PingOne says of each pairing, by serial number: `id`, the user's "+
					"MFA device that holds the token, and `status`, %s. A user activating the device at sign-on moves it "+
					"to `ACTIVE`; that is read back and never a change.", backtickList(deviceStatuses)),
			},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Read: true, Update: true, Delete: true}),
		},
	}
}
