# This provider is oathtokens/pingone; without this block, Terraform would look for hashicorp/pingone.
terraform {
  required_providers {
    pingone = {
      source = "oathtokens/pingone"
    }
  }
}

# A hardware token from the vendor's seed file, its seed write-only (never in state).
resource "pingone_oath_token" "alice" {
  environment_id    = var.environment_id
  serial_number     = "HOTP000123"
  type              = "HOTP"
  otp_length        = 6
  secret_wo         = var.alice_seed
  secret_wo_version = 1
}

# Paired with Alice and activated: the provider computes the one-time password the token would
# show next from the same seed. Referencing the token's serial number makes Terraform create the
# token first and, on destroy, unpair before it revokes.
resource "pingone_user_mfa_device_oath_token" "alice" {
  environment_id       = var.environment_id
  user_id              = var.alice_user_id
  serial_number        = pingone_oath_token.alice.serial_number
  activation_secret_wo = var.alice_seed

  # Replacing the token (a new seed, say) gives it a new ID, which replaces the pairing with it: the
  # old token is unpaired before it is revoked, and the new one paired and activated. The ID, not
  # the whole resource, so that an in-place update of the token never unpairs anyone.
  lifecycle {
    replace_triggered_by = [pingone_oath_token.alice.id]
  }
}

# Paired with Bob, who activates it himself at his first sign-on: no secret, so the device stays
# ACTIVATION_REQUIRED until then.
resource "pingone_user_mfa_device_oath_token" "bob" {
  environment_id = var.environment_id
  user_id        = var.bob_user_id
  serial_number  = "TOTP000456" # a token loaded earlier, for example through the admin console
}

variable "environment_id" {
  type = string
}

variable "alice_user_id" {
  type = string
}

variable "bob_user_id" {
  type = string
}

variable "alice_seed" {
  type      = string
  sensitive = true
}
