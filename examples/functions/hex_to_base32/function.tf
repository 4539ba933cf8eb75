# The base32 form of a hexadecimal secret, for an authenticator app's "enter a setup key" screen
# or a Key URI (otpauth_uri writes the whole URI).
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

output "setup_key" {
  value     = provider::pingone::hex_to_base32(var.totp_seed)
  sensitive = true
}

output "rfc_4226_secret" {
  value = provider::pingone::hex_to_base32("3132333435363738393031323334353637383930") # "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
}
