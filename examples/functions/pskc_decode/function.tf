# A vendor's PSKC seed file, password-protected, loaded into PingOne: one pingone_oath_token per
# key package, keyed by serial number. Provider functions need Terraform 1.8+ or OpenTofu 1.7+;
# secret_wo needs Terraform 1.11+ or OpenTofu 1.11+.
#
# seeds.pskc here is RFC 6030's figure 7 (password "qwerty"). A real seed file is the key to every
# token in it: keep it out of version control and shared disks, and delete it once loaded.
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

# The password (or the pre-shared key, in hexadecimal) that the vendor sent apart from the file.
# Because it is sensitive, so is everything pskc_decode returns.
variable "seed_file_password" {
  type      = string
  sensitive = true
}

locals {
  # serial number => { secret, type, otp_length, hash_algorithm, counter, time_step }
  #
  # The key may also be "" for a file in plain text (null is refused: OpenTofu 1.12 mishandles
  # null arguments to provider functions), or say its kind, so that a key of the wrong kind fails
  # clearly: { password = var.seed_file_password } or { preshared_key = var.seed_file_key }.
  seeds = provider::pingone::pskc_decode(file("${path.module}/seeds.pskc"), var.seed_file_password)
}

resource "pingone_oath_token" "hardware" {
  # Serial numbers are not secret: the map is sensitive only because the password is.
  for_each = nonsensitive(toset(keys(local.seeds)))

  environment_id    = var.environment_id
  serial_number     = each.key
  type              = local.seeds[each.key].type
  otp_length        = local.seeds[each.key].otp_length
  hash_algorithm    = local.seeds[each.key].hash_algorithm
  secret_wo         = local.seeds[each.key].secret
  secret_wo_version = 1

  hotp = local.seeds[each.key].type == "HOTP" ? { counter = local.seeds[each.key].counter } : null
  totp = local.seeds[each.key].type == "TOTP" ? { time_step = local.seeds[each.key].time_step } : null
}
