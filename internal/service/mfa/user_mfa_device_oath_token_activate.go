package mfa

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/oathtokens/terraform-provider-pingone/internal/diagnostics"
	"github.com/oathtokens/terraform-provider-pingone/internal/otp"
	"github.com/oathtokens/terraform-provider-pingone/internal/pingone"
	"github.com/oathtokens/terraform-provider-pingone/internal/validators"
)

var (
	pathActivate         = path.Root("activate")
	pathActivationSecret = path.Root("activation_secret")
)

// activationSecret is what Create needs to activate a device: whether to, the token's seed, and
// the attribute it came from, which errors name.
type activationSecret struct {
	use  bool
	seed []byte
	from path.Path
}

// activationSecretFrom reads the activation settings of a plan, with the write-only secret from
// the configuration. Without activate, a given secret means "activate"; activate = false keeps
// the device waiting for its user even with a secret.
func activationSecretFrom(plan userMFADeviceOATHTokenModel, secretWO types.String) (activationSecret, diag.Diagnostics) {
	var diags diag.Diagnostics
	value, from := plan.ActivationSecret, pathActivationSecret
	if value.IsNull() {
		value, from = secretWO, pathActivationSecretWO
	}
	given := !value.IsNull() && value.ValueString() != ""
	if plan.Activate.ValueBool() && !given {
		diags.AddAttributeError(pathActivate, "Activation needs the token's secret", activateNeedsSecret)
		return activationSecret{}, diags
	}
	if !given || (!plan.Activate.IsNull() && !plan.Activate.ValueBool()) {
		return activationSecret{}, diags
	}
	// The validators refuse a bad value at plan time; one known only at apply comes here. The
	// error describes its shape, never a character of it (the hex decoder's own error quotes the
	// first bad one), and is not the attribute's, so that the engine does not print the
	// configuration line that may hold it.
	if problem := validators.HexSecretProblem(value.ValueString(), maxSecretLength); problem != "" {
		diags.AddError("Invalid activation secret", fmt.Sprintf("%s must be %s: %s.", from,
			validators.HexSecretRule(maxSecretLength), problem))
		return activationSecret{}, diags
	}
	seed, err := otp.DecodeSecret(value.ValueString())
	if err != nil {
		diags.AddError("Invalid activation secret", fmt.Sprintf("%s could not be decoded as hexadecimal.", from))
		return activationSecret{}, diags
	}
	return activationSecret{use: true, seed: seed, from: from}, diags
}

const activateNeedsSecret = "activate = true needs the token's seed, to compute the one-time password that activates " +
	"the device: set activation_secret_wo (or activation_secret). Without a secret, leave activate out or set it to " +
	"false, and the user activates the device at their first sign-on."

// activationFailed explains a failed activation, and what became of the pairing (undo is nil
// when Create unpaired the token again). A refused OTP means the secret is not the token's seed.
// The diagnostic is the resource's, not the secret attribute's: the engine would print the
// configuration line the attribute is on, which holds the secret when it is written out there.
func activationFailed(err error, device pingone.UserDevice, secret activationSecret, undo error) diag.Diagnostics {
	var diags diag.Diagnostics
	outcome := "The pairing was undone: the token is unpaired again, as before the apply."
	if undo != nil {
		outcome = fmt.Sprintf("Undoing the pairing failed too (%s): the device stays paired, is kept in the state, and "+
			"the next apply replaces it.", undo)
	}
	if pingone.IsInvalidOTP(err) {
		diags.AddError("Activation secret does not match the token", diagnostics.Detail(err,
			fmt.Sprintf("Activating OATH token %s for user %s failed: the activation secret does not match the token's "+
				"seed (PingOne rejected the one-time password computed from it). Check %s: it must be the seed the "+
				"token was created with, in hexadecimal. For a TOTP token, the clock of the machine running Terraform "+
				"must also be within a time step of PingOne's.\n\n%s", device.SerialNumber, device.UserID, secret.from, outcome)))
		return diags
	}
	diags.Append(diagnostics.APIError("Activate OATH token failed", err, outcome))
	return diags
}
