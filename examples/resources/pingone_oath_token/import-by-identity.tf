# Import by identity (Terraform 1.12+, OpenTofu 1.12+): the environment and the token's ID, as
# terraform query writes them into the import blocks it generates.
import {
  to = pingone_oath_token.yk0001
  identity = {
    environment_id = "11111111-2222-3333-4444-555555555555"
    id             = "66666666-7777-8888-9999-000000000000"
  }
}

resource "pingone_oath_token" "yk0001" {
  environment_id    = "11111111-2222-3333-4444-555555555555"
  serial_number     = "YK0001"
  type              = "HOTP"
  otp_length        = 6
  secret_wo         = var.yk0001_seed
  secret_wo_version = 1
}

variable "yk0001_seed" {
  type      = string
  sensitive = true
}
