# This provider is oathtokens/pingone; without this block, Terraform would look for hashicorp/pingone.
terraform {
  required_providers {
    pingone = {
      source = "oathtokens/pingone"
    }
  }
}

# The TOTP tokens still on the shelf: in the environment, but not paired with anyone.
data "pingone_oath_tokens" "unpaired_totp" {
  environment_id = var.environment_id
  type           = "TOTP"
  paired         = false
}

output "tokens_to_hand_out" {
  description = "Serial numbers of the TOTP tokens nobody has yet, in order."
  value       = data.pingone_oath_tokens.unpaired_totp.tokens[*].serial_number
}

# A shipment's tokens, by serial number: those missing from PingOne are simply not listed.
locals {
  shipment = ["HOTP000123", "HOTP000124", "HOTP000125"]
}

data "pingone_oath_tokens" "shipment" {
  environment_id = var.environment_id
  serial_numbers = local.shipment
}

output "shipment_missing" {
  description = "Serial numbers of the shipment that PingOne does not hold yet."
  value       = setsubtract(local.shipment, data.pingone_oath_tokens.shipment.tokens[*].serial_number)
}

variable "environment_id" {
  type = string
}
