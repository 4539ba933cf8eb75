# This provider is oathtokens/pingone; without this block, Terraform would look for hashicorp/pingone.
terraform {
  required_providers {
    pingone = {
      source = "oathtokens/pingone"
    }
  }
}

# A user hands in a hardware token: find it by the serial number printed on its back, and see
# whom it is paired with before revoking it.
data "pingone_oath_token" "returned" {
  environment_id = var.environment_id
  serial_number  = "HOTP000123"
}

output "returned_token_users" {
  description = "The users whose MFA device is the returned token."
  value       = data.pingone_oath_token.returned.paired_devices[*].user_id
}

# A token by its PingOne ID, as found in an audit log.
data "pingone_oath_token" "audited" {
  environment_id = var.environment_id
  oath_token_id  = var.audited_token_id
}

output "audited_token" {
  description = "The audited token's serial number and, for HOTP, PingOne's current counter."
  value = {
    serial_number = data.pingone_oath_token.audited.serial_number
    counter       = try(data.pingone_oath_token.audited.hotp.counter, null)
  }
}

variable "environment_id" {
  type = string
}

variable "audited_token_id" {
  type = string
}
