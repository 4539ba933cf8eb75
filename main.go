// Command terraform-provider-pingone serves the PingOne OATH token provider to Terraform and
// OpenTofu over plugin protocol 6.
package main

import (
	"flag"
	"log"

	"github.com/oathtokens/terraform-provider-pingone/internal/pluginserver"
	"github.com/oathtokens/terraform-provider-pingone/internal/provider"
)

// version is stamped at release time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run the provider with support for debuggers like delve")
	flag.Parse()

	if err := pluginserver.Serve(provider.RegistryAddress, provider.New(version), debug); err != nil {
		log.Fatal(err.Error())
	}
}
