# Software tokens: the Key URI to render as a QR code for each user's authenticator app, from the
# same values the pingone_oath_token takes.
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

variable "alice_seed" {
  type      = string
  sensitive = true
}

resource "pingone_oath_token" "alice" {
  environment_id    = var.environment_id
  serial_number     = "SWALICE1"
  type              = "TOTP"
  otp_length        = 6
  hash_algorithm    = "HmacSHA1"
  secret_wo         = var.alice_seed
  secret_wo_version = 1

  totp = { time_step = 30 }
}

output "alice_qr_uri" {
  # otpauth://totp/Example%20Corp:alice@example.com?secret=...&issuer=Example%20Corp&algorithm=SHA1&digits=6&period=30
  value = provider::pingone::otpauth_uri({
    type           = "TOTP"
    secret         = var.alice_seed
    account        = "alice@example.com"
    issuer         = "Example Corp"
    otp_length     = 6
    hash_algorithm = "HmacSHA1"
    time_step      = 30
  })
  sensitive = true
}

# A token from pskc_decode needs only an account (and an issuer) merged in:
#   provider::pingone::otpauth_uri(merge(local.seeds["SW0002"], { account = "bob@example.com", issuer = "Example Corp" }))
