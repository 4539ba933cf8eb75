# The demo: a batch of hardware OATH tokens, as a vendor ships them, declared from a CSV file.
# `make demo` runs it against the local PingOne emulator; the provider reads its credentials and
# endpoints from the PINGONE_* environment variables the demo sets. The seeds are write-only
# (Terraform 1.11+, OpenTofu 1.11+): they reach PingOne and never the state. A real seed file
# never belongs in version control; this one holds test seeds only.

terraform {
  required_providers {
    pingone = {
      source = "oathtokens/pingone"
    }
  }
}

provider "pingone" {}

variable "environment_id" {
  description = "The PingOne environment that receives the tokens."
  type        = string
}

locals {
  # One row per token: serial_number,type,otp_length,hash_algorithm,counter,time_step,secret.
  tokens = { for row in csvdecode(file("${path.module}/tokens.csv")) : row.serial_number => row }
}

resource "pingone_oath_token" "batch" {
  for_each = local.tokens

  environment_id = var.environment_id
  serial_number  = each.key
  type           = each.value.type
  otp_length     = tonumber(each.value.otp_length)
  hash_algorithm = each.value.hash_algorithm == "" ? null : each.value.hash_algorithm

  secret_wo         = each.value.secret
  secret_wo_version = 1

  hotp = each.value.type == "HOTP" ? { counter = tonumber(each.value.counter) } : null
  totp = each.value.type == "TOTP" ? { time_step = tonumber(each.value.time_step) } : null
}

output "tokens" {
  description = "Each token's PingOne ID and hash algorithm, by serial number."
  value = {
    for serial, token in pingone_oath_token.batch : serial => {
      id             = token.id
      type           = token.type
      hash_algorithm = token.hash_algorithm
    }
  }
}
