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

# A vendor's seed file: serial,type,digits,time_step,seed. Keep it out of version control and
# shared disks; read it from where your secrets live.
locals {
  seeds = { for row in csvdecode(file("${path.module}/seeds.csv")) : row.serial => row }
}

# Every token of the file in one resource, created and revoked with PingOne's batch jobs. The
# seeds are write-only (Terraform 1.11+, OpenTofu 1.11+): they reach PingOne, never the state.
resource "pingone_oath_token_set" "yubikeys_2026" {
  environment_id = var.environment_id

  tokens = { for serial, row in local.seeds : serial => {
    type           = row.type
    otp_length     = tonumber(row.digits)
    totp           = row.type == "TOTP" ? { time_step = tonumber(row.time_step) } : null
    secret_version = 1 # bump for one serial to replace that token with the seed now in the file
  } }
  secrets_wo = { for serial, row in local.seeds : serial => row.seed }
}
