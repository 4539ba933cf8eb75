package provider

import (
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/oathtokens/terraform-provider-pingone/internal/validators"
)

type credentials struct {
	clientID, clientSecret, environmentID, accessToken setting
}

// resolveCredentials chooses between client credentials and an access token. The configuration
// decides the mode when it names any credential, so a stray variable in the environment (say a
// PINGONE_API_ACCESS_TOKEN left from another job) cannot turn a clear configuration into a
// conflict; only when the configuration names none do the environment variables decide.
func resolveCredentials(m providerModel, getenv func(string) string, diags *diag.Diagnostics) credentials {
	c := credentials{
		clientID:      pick(path.Root("client_id"), m.ClientID, envClientID, getenv),
		clientSecret:  pick(path.Root("client_secret"), m.ClientSecret, envClientSecret, getenv),
		environmentID: pick(path.Root("environment_id"), m.EnvironmentID, envEnvironmentID, getenv),
		accessToken:   pick(path.Root("api_access_token"), m.APIAccessToken, envAccessToken, getenv),
	}
	clientParts := []*setting{&c.clientID, &c.clientSecret, &c.environmentID}

	configuredClient := c.clientID.fromIn || c.clientSecret.fromIn || c.environmentID.fromIn
	switch {
	case configuredClient && c.accessToken.fromIn:
		diags.AddAttributeError(path.Root("api_access_token"), "Conflicting PingOne credentials",
			"The provider configuration sets both \"api_access_token\" and client credentials (\"client_id\", "+
				"\"client_secret\", \"environment_id\"). Use one or the other.")
		return c
	case configuredClient:
		c.accessToken = setting{attr: c.accessToken.attr, env: c.accessToken.env}
	case c.accessToken.fromIn:
		for _, part := range clientParts {
			*part = setting{attr: part.attr, env: part.env}
		}
	case c.accessToken.set() && anySet(clientParts):
		diags.AddError("Conflicting PingOne credentials",
			fmt.Sprintf("The environment sets both %s and client credentials (%s). Unset one or the other, or "+
				"configure the provider explicitly.", envAccessToken, setNames(clientParts)))
		return c
	}

	if c.accessToken.set() {
		return c
	}
	if !anySet(clientParts) {
		diags.AddError("Missing PingOne credentials",
			fmt.Sprintf("The provider needs either client credentials (\"client_id\", \"client_secret\" and \"environment_id\", "+
				"or %s, %s and %s) or an access token (\"api_access_token\" or %s).",
				envClientID, envClientSecret, envEnvironmentID, envAccessToken))
		return c
	}
	for _, part := range clientParts {
		if !part.set() {
			diags.AddAttributeError(part.attr, "Incomplete PingOne client credentials",
				fmt.Sprintf("Client credentials need client_id, client_secret and environment_id, but %s is not set.", part.source()))
		}
	}
	for _, id := range []setting{c.clientID, c.environmentID} {
		if id.set() && !validators.IsPingOneID(id.value) {
			diags.AddAttributeError(id.attr, "Invalid PingOne ID",
				fmt.Sprintf("The value of %s must be a PingOne ID (a UUID such as 11111111-2222-3333-4444-555555555555).", id.source()))
		}
	}
	return c
}

func anySet(settings []*setting) bool {
	for _, s := range settings {
		if s.set() {
			return true
		}
	}
	return false
}

func setNames(settings []*setting) string {
	var names []string
	for _, s := range settings {
		if s.set() {
			names = append(names, s.env)
		}
	}
	return strings.Join(names, ", ")
}
