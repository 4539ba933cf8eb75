# This provider is oathtokens/pingone; without this block, Terraform would look for hashicorp/pingone.
terraform {
  required_providers {
    pingone = {
      source = "oathtokens/pingone"
    }
  }
}

# Custom hosts, for example a proxy in front of PingOne or the local emulator. Both or neither;
# a port and a path prefix (a gateway serving PingOne under a path) are allowed; the provider adds
# /v1 itself. PINGONE_AUTH_SERVICE_HOSTNAME and PINGONE_API_SERVICE_HOSTNAME also work.
provider "pingone" {
  service_endpoints {
    auth_hostname = "gateway.internal.example.com/pingone-auth"
    api_hostname  = "api.pingone.internal.example.com:8443"
  }
  append_user_agent = "identity-team-pipeline"
}
