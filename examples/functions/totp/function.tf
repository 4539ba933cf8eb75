# The OTP a TOTP token shows at a given time. A function returns the same result for the same
# arguments, so the time is an argument: TF_VAR_now=$(date +%s) terraform plan, or the unix
# attribute of a time_static resource.
# This provider is oathtokens/pingone; without this block, Terraform would look for hashicorp/pingone.
terraform {
  required_providers {
    pingone = {
      source = "oathtokens/pingone"
    }
  }
}

variable "totp_seed" {
  type      = string
  sensitive = true
}

variable "now" {
  type        = number
  description = "Seconds since the Unix epoch."
}

output "current_otp" {
  value     = provider::pingone::totp(var.totp_seed, var.now, 30, 6, "HmacSHA1")
  sensitive = true
}

output "rfc_6238_at_59" {
  value = provider::pingone::totp("3132333435363738393031323334353637383930", 59, 30, 8, "HmacSHA1") # "94287082"
}
