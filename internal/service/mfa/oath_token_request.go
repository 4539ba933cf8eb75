package mfa

import (
	"github.com/oathtokens/terraform-provider-pingone/internal/pingone"
)

// createRequest maps the plan (and the write-only secret, which only the configuration holds)
// onto PingOne's create call.
func createRequest(plan, config tokenAttrs) pingone.OATHTokenCreate {
	in := pingone.OATHTokenCreate{
		SerialNumber:  plan.str("serial_number"),
		Secret:        plan.str("secret"),
		Type:          plan.str("type"),
		HashAlgorithm: plan.str("hash_algorithm"),
	}
	if n := plan.num("otp_length"); n != nil {
		in.OTPLength = int(*n)
	}
	if plan.isNull("secret") {
		in.Secret = config.str("secret_wo")
	}
	switch in.Type {
	case tokenTypeHOTP:
		if counter, _, _ := nestedInt64(plan["hotp"], "counter"); counter != nil {
			in.HOTP = &pingone.HOTPSettings{Counter: *counter}
		}
	case tokenTypeTOTP:
		if step, _, _ := nestedInt64(plan["totp"], "time_step"); step != nil {
			in.TOTP = &pingone.TOTPSettings{TimeStep: int(*step)}
		}
	}
	return in
}
