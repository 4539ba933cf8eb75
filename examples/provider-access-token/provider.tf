# This provider is oathtokens/pingone; without this block, Terraform would look for hashicorp/pingone.
terraform {
  required_providers {
    pingone = {
      source = "oathtokens/pingone"
    }
  }
}

# A ready access token instead of client credentials (PINGONE_API_ACCESS_TOKEN also works).
# It is not refreshed, so it must outlive the run.
variable "pingone_access_token" {
  type      = string
  sensitive = true
}

provider "pingone" {
  api_access_token = var.pingone_access_token
  region_code      = "NA"
}
