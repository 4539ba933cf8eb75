# A vendor's seed file, one token per row, loaded with csvdecode and for_each:
#
#   serial_number,type,otp_length,hash_algorithm,time_step,secret
#   YK0001,TOTP,6,HmacSHA1,30,3132333435363738393031323334353637383930
variable "environment_id" {
  type = string
}

locals {
  seeds = { for row in csvdecode(file("${path.module}/seeds.csv")) : row.serial_number => row }
}

resource "pingone_oath_token" "fleet" {
  for_each = local.seeds

  environment_id = var.environment_id
  serial_number  = each.key
  type           = each.value.type
  otp_length     = tonumber(each.value.otp_length)
  hash_algorithm = each.value.hash_algorithm
  secret         = each.value.secret

  totp = each.value.type == "TOTP" ? { time_step = tonumber(each.value.time_step) } : null
}
