# tokens.tfquery.hcl: the unpaired HOTP tokens an administrator loaded through the PingOne
# console. `terraform query -generate-config-out=tokens.tf` writes a resource block and an import
# block (by identity) for each of them. Query files share the module's variables: var.environment_id
# is declared in the configuration's .tf files, beside the provider block.
list "pingone_oath_token" "console_loaded" {
  provider = pingone
  # Terraform stops at 100 results unless told otherwise: allow for every token of the environment.
  limit = 100000

  config {
    environment_id = var.environment_id
    type           = "HOTP"
    paired         = false
  }
}
