# This provider is oathtokens/pingone; without this block, Terraform would look for hashicorp/pingone.
terraform {
  required_providers {
    pingone = {
      source = "oathtokens/pingone"
    }
  }
}

variable "environment_id" {
  type = string
}

# Who holds which token: serial number => PingOne user ID (from the official provider's
# pingone_user data source, an HR export, ...). A token left out stays unpaired, on the shelf.
variable "holders" {
  type = map(string)
}

# The seeds of the tokens to activate, serial number => hexadecimal seed, from where your secrets
# live. A token without a seed is left for its user to activate at their first sign-on.
variable "seeds" {
  type      = map(string)
  sensitive = true
}

# The tokens, for example a vendor's seed file as one pingone_oath_token_set (see its example).
resource "pingone_oath_token_set" "fleet" {
  environment_id = var.environment_id
  tokens         = { for serial in nonsensitive(keys(var.seeds)) : serial => { type = "HOTP", otp_length = 6 } }
  secrets_wo     = var.seeds
}

# Every pairing in one resource. Adding a holder pairs and activates that token; removing one
# unpairs it; changing one moves the token to its new holder.
resource "pingone_oath_token_assignments" "fleet" {
  environment_id = var.environment_id
  assignments    = var.holders
  # Write-only (Terraform 1.11+, OpenTofu 1.11+): used once, when a token is paired, never stored.
  activation_secrets_wo = { for serial, seed in var.seeds : serial => seed if contains(keys(var.holders), serial) }

  # The tokens exist before they are paired, and are unpaired before they are revoked.
  depends_on = [pingone_oath_token_set.fleet]
}

output "holders" {
  description = "Serial number => status of its device: ACTIVE once activated."
  value       = { for serial, device in pingone_oath_token_assignments.fleet.devices : serial => device.status }
}
