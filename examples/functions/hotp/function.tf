# A smoke test after loading a hardware HOTP token: the OTPs it shows at its first counters, to
# compare with the token's display before handing it out, or to activate a pairing, which asks
# for an OTP the token shows.
# This provider is oathtokens/pingone; without this block, Terraform would look for hashicorp/pingone.
terraform {
  required_providers {
    pingone = {
      source = "oathtokens/pingone"
    }
  }
}

variable "hotp_seed" {
  type      = string
  sensitive = true
}

output "first_otps" {
  value     = [for counter in range(3) : provider::pingone::hotp(var.hotp_seed, counter, 6)]
  sensitive = true
}

output "rfc_4226_counter_0" {
  value = provider::pingone::hotp("3132333435363738393031323334353637383930", 0, 6) # "755224"
}
