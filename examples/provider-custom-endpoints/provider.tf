# Custom hosts, for example a proxy in front of PingOne or the local emulator. Both or neither;
# a port is allowed. PINGONE_AUTH_SERVICE_HOSTNAME and PINGONE_API_SERVICE_HOSTNAME also work.
provider "pingone" {
  service_endpoints {
    auth_hostname = "auth.pingone.internal.example.com"
    api_hostname  = "api.pingone.internal.example.com:8443"
  }
  append_user_agent = "identity-team-pipeline"
}
