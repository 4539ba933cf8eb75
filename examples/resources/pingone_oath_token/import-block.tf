# Terraform 1.5+ and OpenTofu: import in the configuration, by ID or by serial number.
import {
  to = pingone_oath_token.hotp
  id = "${var.environment_id}/HOTP000123"
}
