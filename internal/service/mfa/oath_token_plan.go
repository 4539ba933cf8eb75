package mfa

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/oathtokens/terraform-provider-pingone/internal/pingone"
)

var (
	pathType        = path.Root("type")
	pathHOTP        = path.Root("hotp")
	pathHOTPCounter = pathHOTP.AtName("counter")
	pathTOTP        = path.Root("totp")
)

// immutableAttributes replace the token when they change: PingOne has no update. Terraform
// compares each one's prior and planned value and replaces only for those that differ (an
// unknown planned value counts as different), so all are named on every update.
var immutableAttributes = []path.Path{path.Root("serial_number"), pathType, path.Root("otp_length"), path.Root("hash_algorithm")}

// computedFromPingOne are what PingOne alone decides: an update keeps them until a refresh says
// otherwise, instead of showing them as "known after apply".
var computedFromPingOne = []string{"id", "created_at", "updated_at", "paired_devices"}

// ModifyPlan makes the plan exact in one pass over the raw values: defaults where the
// configuration leaves a value out, what PingOne decides kept from the state, the hotp block
// following the type and the configured counter, a new token's empty pairing instead of "known
// after apply", and which changes replace the token. A value the configuration leaves unknown
// (it comes from another resource) stays unknown, and a known value becoming unknown is a change.
func (r *oathTokenResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	plan, err := readTokenAttrs(req.Plan.Raw)
	if err != nil {
		resp.Diagnostics.AddError("Plan the OATH token failed", err.Error())
		return
	}
	config, err := readTokenAttrs(req.Config.Raw)
	if err != nil {
		resp.Diagnostics.AddError("Plan the OATH token failed", err.Error())
		return
	}
	state, err := readTokenAttrs(req.State.Raw)
	if err != nil {
		resp.Diagnostics.AddError("Plan the OATH token failed", err.Error())
		return
	}
	creating := req.State.Raw.IsNull()

	if config.isNull("hash_algorithm") {
		plan["hash_algorithm"] = rawString(hashSHA1)
	}
	if config.isNull("allow_revoke_when_paired") {
		plan["allow_revoke_when_paired"] = tftypes.NewValue(tftypes.Bool, false)
	}
	if creating {
		plan["paired_devices"] = rawPairedDevices(nil)
	} else {
		for _, name := range computedFromPingOne {
			if !plan[name].IsKnown() {
				plan[name] = state[name]
			}
		}
		keepDrift(plan, state)
		resp.RequiresReplace = append(resp.RequiresReplace, immutableAttributes...)
		resp.RequiresReplace = append(resp.RequiresReplace, replacedEnvironment(plan, state)...)
		resp.RequiresReplace = append(resp.RequiresReplace, replacedTimeStep(plan, state)...)
		planSecretReplacement(plan, state, config, resp)
	}

	if tokenType, known, _ := stringOf(plan["type"]); known && tokenType != "" {
		if tokenType != tokenTypeHOTP {
			// Only HOTP tokens have a counter; the computed hotp block is null for the others.
			plan["hotp"] = tftypes.NewValue(tokenHOTPType, nil)
		} else {
			counter, counterKnown := configuredCounter(config["hotp"])
			if counterKnown {
				plan["hotp"] = rawHOTP(counter)
			}
			if !creating && !adoptMarksFrom(ctx, req.Private).Counter {
				stateCounter, _, _ := nestedInt64(state["hotp"], "counter")
				if stateCounter != nil && (!counterKnown || *stateCounter != counter) {
					resp.RequiresReplace = append(resp.RequiresReplace, pathHOTPCounter)
				}
			}
		}
	}
	resp.Plan.Raw = plan.value(req.Plan.Raw.Type())
}

// configuredCounter returns the HOTP counter the configuration asks for, 0 when it leaves the
// counter out, and known false when the configuration's counter (or the whole hotp block) is not
// known yet.
func configuredCounter(hotp tftypes.Value) (counter int64, known bool) {
	n, known, _ := nestedInt64(hotp, "counter")
	if !known {
		return 0, false
	}
	if n == nil {
		return 0, true
	}
	return *n, true
}

// keepDrift keeps the state's TOTP drift in an update's plan when the time step stays: PingOne
// measures the drift, and only a refresh changes it.
func keepDrift(plan, state tokenAttrs) {
	planTOTP, stateTOTP := plan["totp"], state["totp"]
	if !planTOTP.IsKnown() || planTOTP.IsNull() || stateTOTP.IsNull() {
		return
	}
	var p, s map[string]tftypes.Value
	if planTOTP.As(&p) != nil || stateTOTP.As(&s) != nil {
		return
	}
	if !p["drift"].IsKnown() && p["time_step"].Equal(s["time_step"]) {
		p["drift"] = s["drift"]
		plan["totp"] = tftypes.NewValue(tokenTOTPType, p)
	}
}

// replacedEnvironment names environment_id when it changes, but not when only the letter case of
// its hex digits does: PingOne IDs are UUIDs, and that is the same environment (the plan then
// updates the state in place, which never calls PingOne).
func replacedEnvironment(plan, state tokenAttrs) []path.Path {
	planned, known, _ := stringOf(plan["environment_id"])
	if known && pingone.SameID(planned, state.str("environment_id")) {
		return nil
	}
	return []path.Path{path.Root("environment_id")}
}

// replacedTimeStep names the TOTP time step when both the state and the plan have a totp block,
// and the block itself when only one has (the type changes then too). Terraform refuses a
// replacement path into a block that is null on both sides.
func replacedTimeStep(plan, state tokenAttrs) []path.Path {
	planNull, stateNull := plan["totp"].IsKnown() && plan["totp"].IsNull(), state["totp"].IsNull()
	switch {
	case planNull && stateNull:
		return nil
	case planNull || stateNull || !plan["totp"].IsKnown():
		return []path.Path{pathTOTP}
	}
	return []path.Path{pathTOTP.AtName("time_step")}
}

// planSecretReplacement applies planSecretChange (oath_token_secret_plan.go) to an update.
func planSecretReplacement(plan, state, config tokenAttrs, resp *resource.ModifyPlanResponse) {
	decision := planSecretChange(
		secretValues{Secret: stringValue(state["secret"]), WOVersion: int64Value(state["secret_wo_version"])},
		// The write-only value is never in the plan; the configuration has it during planning.
		secretValues{Secret: stringValue(plan["secret"]), SecretWO: stringValue(config["secret_wo"]),
			WOVersion: int64Value(plan["secret_wo_version"])},
	)
	if decision.Replace != nil {
		resp.RequiresReplace = append(resp.RequiresReplace, *decision.Replace)
	}
	if decision.Warning != "" {
		resp.Diagnostics.AddAttributeWarning(pathSecret, "Secret taken on trust", decision.Warning)
	}
}

func stringValue(v tftypes.Value) types.String {
	s, known, _ := stringOf(v)
	switch {
	case !known:
		return types.StringUnknown()
	case v.IsNull():
		return types.StringNull()
	}
	return types.StringValue(s)
}

func int64Value(v tftypes.Value) types.Int64 {
	n, known, _ := int64Of(v)
	switch {
	case !known:
		return types.Int64Unknown()
	case n == nil:
		return types.Int64Null()
	}
	return types.Int64Value(*n)
}
