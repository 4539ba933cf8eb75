// Package pluginserver serves a terraform-plugin-framework provider to Terraform and OpenTofu over
// plugin protocol 6, as providerserver.Serve would, with three changes measured in BENCHMARKS.md
// (logs that nobody asked for are not produced, the framework no longer keeps every RPC's
// context until the process exits, and resource types the framework plans too slowly are planned
// by the provider itself) and one for secrets: no diagnostic points the engine at the
// configuration line of a secret.
package pluginserver

import (
	"fmt"
	"os"

	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"
)

// Factory serves newProvider in-process, for terraform-plugin-testing's ProtoV6ProviderFactories:
// the same server the engines get from Serve.
func Factory(newProvider func() provider.Provider) func() (tfprotov6.ProviderServer, error) {
	return func() (tfprotov6.ProviderServer, error) { return newServer(newProvider), nil }
}

func newServer(newProvider func() provider.Provider) tfprotov6.ProviderServer {
	p := newProvider()
	framework := providerserver.NewProtocol6(p)()
	server := releasingServer{ProviderServer: framework, rpcs: resourceRPCsOf(p)}
	return secretSafeServer{releasingServer: server, secrets: newSecretAttributes(framework)}
}

// Serve serves newProvider under its registry address until the engine stops it. debug runs it
// in managed debug mode for delve, printing the TF_REATTACH_PROVIDERS value to use.
func Serve(address string, newProvider func() provider.Provider, debug bool) error {
	var opts []tf6server.ServeOpt
	if debug {
		// A provider in debug mode runs in the developer's terminal, not under the engine, and
		// does not see the engine's TF_LOG: its logs go straight to the person debugging.
		opts = append(opts, tf6server.WithManagedDebug())
	} else {
		for _, name := range quietLogLevels(os.Environ(), providerLogLevelVariable(address)) {
			if err := os.Setenv(name, "off"); err != nil {
				return fmt.Errorf("set %s: %w", name, err)
			}
		}
	}
	return tf6server.Serve(address, func() tfprotov6.ProviderServer { return newServer(newProvider) }, opts...)
}
