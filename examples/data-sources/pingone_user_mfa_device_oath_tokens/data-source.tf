terraform {
  required_providers {
    pingone = {
      source = "oathtokens/pingone"
    }
  }
}

# The OATH tokens one user holds.
data "pingone_user_mfa_device_oath_tokens" "alice" {
  environment_id = var.environment_id
  user_id        = var.alice_user_id
}

# A configuration can insist on who holds which token, and fail the plan otherwise.
check "alice_holds_her_token" {
  assert {
    condition     = contains(data.pingone_user_mfa_device_oath_tokens.alice.serial_numbers, "HOTP000123")
    error_message = "Alice does not hold token HOTP000123."
  }
}

output "alice_tokens" {
  value = {
    for d in data.pingone_user_mfa_device_oath_tokens.alice.devices : d.serial_number => d.status
  }
}

variable "environment_id" {
  type = string
}

variable "alice_user_id" {
  type = string
}
