# A vendor's seed file, one token per row, loaded with csvdecode and for_each:
#
#   serial_number,type,otp_length,hash_algorithm,time_step,secret
#   YK0001,TOTP,6,HmacSHA1,30,3132333435363738393031323334353637383930
#
# A seed file is the key to every token in it: keep it out of version control (add it to
# .gitignore) and out of shared disks, read it from where your secrets live, and delete the
# vendor's copy once the tokens are loaded. secret_wo keeps the seeds out of the state
# (Terraform 1.11+, OpenTofu 1.11+); on older engines use `secret = each.value.secret` instead,
# and protect the state as you would the seed file.
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
  secret_wo_version = 1 # bump to replace every token with the seeds now in the file

  totp = each.value.type == "TOTP" ? { time_step = tonumber(each.value.time_step) } : null
}
