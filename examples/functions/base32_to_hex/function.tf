# A vendor CSV with base32 seeds, as many software-token and some hardware-token vendors ship
# them, loaded into PingOne, which takes hexadecimal:
#
#   serial_number,otp_length,secret_base32
#   SW0001,6,GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ
#
# Case, "=" padding and the spaces or hyphens between groups do not matter.
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

locals {
  rows = { for row in csvdecode(file("${path.module}/seeds.csv")) : row.serial_number => row }
}

resource "pingone_oath_token" "software" {
  for_each = local.rows

  environment_id    = var.environment_id
  serial_number     = each.key
  type              = "TOTP"
  otp_length        = tonumber(each.value.otp_length)
  secret_wo         = provider::pingone::base32_to_hex(each.value.secret_base32)
  secret_wo_version = 1

  totp = { time_step = 30 }
}

output "rfc_4226_secret" {
  value = provider::pingone::base32_to_hex("gezd-gnbv-gy3t-qojq-gezd-gnbv-gy3t-qojq") # "3132333435363738393031323334353637383930"
}
