# This provider is oathtokens/pingone; without this block, Terraform would look for hashicorp/pingone.
terraform {
  required_providers {
    pingone = {
      source = "oathtokens/pingone"
    }
  }
}

# Client credentials of a worker application, given in the configuration. Prefer environment
# variables (see below) so that the secret stays out of your code.
provider "pingone" {
  client_id      = var.client_id
  client_secret  = var.client_secret
  environment_id = var.admin_environment_id
  region_code    = "EU"
}
