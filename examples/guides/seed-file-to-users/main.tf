# A vendor's seed file loaded into PingOne, and each token paired with the user who holds it and
# activated from its seed. Only this provider is used here: the user IDs come in as a variable.
# The guide "From a seed file to users' tokens" looks them up by username with the official
# provider's pingone_user data source instead.
#
# secret_wo and activation_secret_wo keep the seeds out of the state (Terraform 1.11+, OpenTofu
# 1.11+). A seed file is the key to every token in it: keep it out of version control.
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

variable "holders" {
  description = "Who holds which token: serial number => PingOne user ID. Tokens left out stay unpaired, on the shelf."
  type        = map(string)
}

locals {
  seeds = { for row in csvdecode(file("${path.module}/seeds.csv")) : row.serial_number => row }
}

resource "pingone_oath_token" "fleet" {
  for_each = local.seeds

  environment_id    = var.environment_id
  serial_number     = each.key
  type              = each.value.type
  otp_length        = tonumber(each.value.otp_length)
  hash_algorithm    = each.value.hash_algorithm
  secret_wo         = each.value.secret
  secret_wo_version = 1

  totp = each.value.type == "TOTP" ? { time_step = tonumber(each.value.time_step) } : null
}

resource "pingone_user_mfa_device_oath_token" "fleet" {
  for_each = var.holders

  environment_id       = var.environment_id
  user_id              = each.value
  serial_number        = pingone_oath_token.fleet[each.key].serial_number
  activation_secret_wo = local.seeds[each.key].secret

  # A token replaced with a new seed is paired and activated again, the old one unpaired first.
  lifecycle {
    replace_triggered_by = [pingone_oath_token.fleet[each.key].id]
  }
}

output "paired" {
  description = "Serial number => status of its device: ACTIVE once activated."
  value       = { for serial, p in pingone_user_mfa_device_oath_token.fleet : serial => p.status }
}
