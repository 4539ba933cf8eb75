# Import in the configuration, by ID or by serial number. An import block's id may use a variable
# from Terraform 1.6 (OpenTofu 1.6); Terraform 1.5 takes only a literal string there.
import {
  to = pingone_oath_token.hotp
  id = "${var.environment_id}/HOTP000123"
}

# A whole shipment already loaded through the admin console, one import per serial number, with
# for_each on the import block (Terraform 1.7+, OpenTofu 1.7+). The resources take their secrets
# from the seed file; the configured secret is adopted on the first apply, nothing is replaced.
locals {
  console_loaded = { for row in csvdecode(file("${path.module}/from-csv/seeds.csv")) : row.serial_number => row }
}

import {
  for_each = local.console_loaded
  to       = pingone_oath_token.console_loaded[each.key]
  id       = "${var.environment_id}/${each.key}"
}

resource "pingone_oath_token" "console_loaded" {
  for_each = local.console_loaded

  environment_id    = var.environment_id
  serial_number     = each.key
  type              = each.value.type
  otp_length        = tonumber(each.value.otp_length)
  hash_algorithm    = each.value.hash_algorithm
  secret_wo         = each.value.secret
  secret_wo_version = 1

  totp = each.value.type == "TOTP" ? { time_step = tonumber(each.value.time_step) } : null
}
