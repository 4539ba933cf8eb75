package mfa

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/oathtokens/terraform-provider-pingone/internal/validators"
)

// ValidateConfig checks every serial number, user ID and seed in one pass over the raw
// configuration, at plan time, so that a bad row never reaches PingOne; the errors are capped
// (setProblems) and name the element. Values not known yet are checked when they are. Seeds are
// never quoted.
func (r *oathTokenAssignmentsResource) ValidateConfig(_ context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	attrs, err := objectAttrs(req.Config.Raw)
	if err != nil {
		resp.Diagnostics.AddError("Read the configuration failed", err.Error())
		return
	}
	problems := &setProblems{}
	serials, serialsKnown := checkAssignments(problems, attrs["assignments"])
	checkActivationSecrets(problems, attrs, serials, serialsKnown)
	checkParallelism(problems, attrs["parallelism"])
	resp.Diagnostics.Append(problems.diagnostics()...)
}

// checkAssignments checks each serial number and user ID, and returns the serial numbers, with
// whether the map is known.
func checkAssignments(p *setProblems, v tftypes.Value) (map[string]bool, bool) {
	if !v.IsKnown() || v.IsNull() {
		return nil, v.IsKnown()
	}
	var elems map[string]tftypes.Value
	if err := v.As(&elems); err != nil {
		p.add(pathAssignments, "Invalid assignments", err.Error())
		return nil, false
	}
	serials := make(map[string]bool, len(elems))
	for _, serial := range sortedSerials(elems) {
		serials[serial] = true
		at := pathAssignments.AtMapKey(serial)
		if !serialPattern.MatchString(serial) {
			p.add(at, "Invalid serial number", fmt.Sprintf("The serial number %q in assignments %s.", serial, serialRule))
		}
		user, known, err := stringOf(elems[serial])
		switch {
		case err != nil:
			p.add(at, "Invalid user ID", err.Error())
		case !known:
		case elems[serial].IsNull():
			p.add(at, "Missing user ID", fmt.Sprintf("Attribute %s must be a user's ID (a UUID such as "+
				"11111111-2222-3333-4444-555555555555), not null: remove the serial number to leave its token unpaired.", at))
		case !validators.IsPingOneID(user):
			p.add(at, "Invalid user ID", fmt.Sprintf("Attribute %s must be a user's ID (a UUID such as "+
				"11111111-2222-3333-4444-555555555555), got %q. A username is not an ID: look the user up with the official "+
				"provider's pingone_user data source and use its id.", at, user))
		}
	}
	return serials, true
}

// checkActivationSecrets checks that at most one of the two seed maps is set, that every seed is
// hexadecimal, and that each names a serial number of assignments.
func checkActivationSecrets(p *setProblems, attrs map[string]tftypes.Value, serials map[string]bool, serialsKnown bool) {
	woSet, inStateSet := !attrs["activation_secrets_wo"].IsNull(), !attrs["activation_secrets"].IsNull()
	if woSet && inStateSet {
		p.add(pathActivationSecretsWO, "Seeds given twice", "Set the seeds in activation_secrets_wo or in activation_secrets, "+
			"not both: activation_secrets_wo keeps them out of the state (Terraform 1.11+, OpenTofu 1.11+), "+
			"activation_secrets is for older engines.")
		return
	}
	at := pathActivationSecrets
	if woSet {
		at = pathActivationSecretsWO
	}
	seeds, _, known, err := stringMapOf(attrs[at.String()], at.String())
	if err != nil {
		p.add(at, "Invalid "+at.String(), err.Error())
		return
	}
	if !known {
		return
	}
	var extra []string
	for _, serial := range sortedSerials(seeds) {
		if problem := validators.HexSecretProblem(seeds[serial], maxSecretLength); problem != "" {
			p.add(at.AtMapKey(serial), "Invalid OATH token secret", fmt.Sprintf("The seed of %s in %s must be %s: %s. "+
				"The value is not shown because it is a secret.", serial, at, validators.HexSecretRule(maxSecretLength), problem))
		}
		if serialsKnown && !serials[serial] {
			extra = append(extra, serial)
		}
	}
	if len(extra) > 0 {
		p.add(at, "Seeds for serial numbers not assigned", fmt.Sprintf("%s holds seeds for %s that assignments does not "+
			"have: %s. A seed only activates a token as it is paired: remove them, or assign the tokens.", at,
			plural(len(extra), "serial number", "serial numbers"), serialList(extra)))
	}
}

func checkParallelism(p *setProblems, v tftypes.Value) {
	n, known, err := int64Of(v)
	if err != nil || !known || n == nil {
		return
	}
	if *n < 1 || *n > maxAssignmentParallelism {
		p.add(pathAssignmentParallelism, "Invalid parallelism", fmt.Sprintf("Attribute parallelism must be 1 to %d; got %d.",
			maxAssignmentParallelism, *n))
	}
}
