package mfa

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

// TestActivationSecretFrom covers the activation settings as Create reads them, with values that
// reach apply unchecked because they were unknown at plan time: a bad secret is refused without
// quoting any of it.
func TestActivationSecretFrom(t *testing.T) {
	plan := func(secret string, activate types.Bool) userMFADeviceOATHTokenModel {
		m := userMFADeviceOATHTokenModel{ActivationSecret: types.StringNull(), Activate: activate}
		if secret != "" {
			m.ActivationSecret = types.StringValue(secret)
		}
		return m
	}
	none, yes, no := types.BoolNull(), types.BoolValue(true), types.BoolValue(false)
	for _, c := range []struct {
		name     string
		plan     userMFADeviceOATHTokenModel
		wo       types.String
		use      bool
		from     string
		errorHas string
	}{
		{name: "no secret", plan: plan("", none), wo: types.StringNull()},
		{name: "secret", plan: plan("3132", none), wo: types.StringNull(), use: true, from: "activation_secret"},
		{name: "write-only secret", plan: plan("", none), wo: types.StringValue("3132"), use: true, from: "activation_secret_wo"},
		{name: "activate false", plan: plan("3132", no), wo: types.StringNull()},
		{name: "activate true", plan: plan("3132", yes), wo: types.StringNull(), use: true, from: "activation_secret"},
		{name: "activate true, no secret", plan: plan("", yes), wo: types.StringNull(), errorHas: "needs the token's seed"},
		{name: "not hex", plan: plan("", none), wo: types.StringValue("zq"), errorHas: "not hexadecimal"},
		{name: "odd", plan: plan("31x", none), wo: types.StringNull(), errorHas: "odd number of digits"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, diags := activationSecretFrom(c.plan, c.wo)
			if c.errorHas != "" {
				text := ""
				for _, d := range diags.Errors() {
					text += d.Detail()
				}
				if !strings.Contains(text, c.errorHas) || strings.Contains(text, "zq") || strings.Contains(text, "'z'") ||
					strings.Contains(text, "31x") {
					t.Fatalf("diagnostics %q, want %q without the value", text, c.errorHas)
				}
				return
			}
			if diags.HasError() || got.use != c.use || (c.use && got.from.String() != c.from) {
				t.Fatalf("got %+v %v, want use %v from %s", got, diags, c.use, c.from)
			}
		})
	}
}
