# This provider is oathtokens/pingone; without this block, Terraform would look for hashicorp/pingone.
terraform {
  required_providers {
    pingone = {
      source = "oathtokens/pingone"
    }
  }
}

# A hardware HOTP token, starting at the counter the vendor shipped it with.
resource "pingone_oath_token" "hotp" {
  environment_id = var.environment_id
  serial_number  = "HOTP000123"
  type           = "HOTP"
  otp_length     = 6
  secret         = var.hotp_seed # hexadecimal, from the vendor's seed file

  hotp = {
    counter = 0
  }
}

# A TOTP token with SHA-256 and 30-second steps, its secret write-only (never in state).
resource "pingone_oath_token" "totp" {
  environment_id    = var.environment_id
  serial_number     = "TOTP000456"
  type              = "TOTP"
  otp_length        = 8
  hash_algorithm    = "HmacSHA256"
  secret_wo         = var.totp_seed
  secret_wo_version = 1

  totp = {
    time_step = 30
  }
}

variable "environment_id" {
  type = string
}

variable "hotp_seed" {
  type      = string
  sensitive = true
}

variable "totp_seed" {
  type      = string
  sensitive = true
}
