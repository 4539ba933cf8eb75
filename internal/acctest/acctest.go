// Package acctest runs the provider's acceptance tests with a real engine (Terraform or OpenTofu,
// chosen by TF_ACC_TERRAFORM_PATH) against the local PingOne emulator, so that they need no
// PingOne account and no network, or, in external mode (mode.go), against a real PingOne
// environment named by the PINGONE_* variables.
package acctest

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/oathtokens/terraform-provider-pingone/internal/emulator"
	"github.com/oathtokens/terraform-provider-pingone/internal/pluginserver"
	"github.com/oathtokens/terraform-provider-pingone/internal/provider"
)

// ProviderFactories serves the provider in-process to the engine under test.
var ProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	provider.TypeName: pluginserver.Factory(provider.New("test")),
}

// Main prepares a test binary and runs it: a CLI config of the project's own for the engines, and
// either one CA for every emulator the tests start, trusted through SSL_CERT_FILE before anything
// reads it (Go reads it once per process), or, against a real PingOne, the check that the test
// environments hold no tokens the tests did not create, with SSL_CERT_FILE left as the user set
// it. It runs through resource.TestMain, so that a package's sweepers run with -sweep. Call it
// from TestMain.
func Main(m *testing.M) {
	flag.Parse()
	sweeping := flag.Lookup("sweep") != nil && flag.Lookup("sweep").Value.String() != ""
	if err := setUp(sweeping); err != nil {
		fmt.Fprintln(os.Stderr, "acctest:", err)
		os.Exit(1)
	}
	resource.TestMain(m)
}

var sharedCA *emulator.CA

// setUp prepares the mode the variables ask for. A sweep prepares nothing: it runs no test, finds
// PingOne through the PINGONE_* variables and trusts what SSL_CERT_FILE says as the user set it,
// and needs no check, since it exists to clean an environment up and removes only the tests' own.
func setUp(sweeping bool) error {
	if sweeping {
		return nil
	}
	if err := cliConfig(); err != nil {
		return err
	}
	x, err := externalFromEnv()
	if err != nil {
		return err
	}
	if x != nil {
		if err := checkNoForeignTokens(x); err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "acctest: testing against PingOne at %s in environment %s; this run's serial numbers start with %s%s\n",
			x.conn.apiHost, x.environmentID, Prefix, x.runID)
		target = x
		return nil
	}
	ca, err := emulator.NewCA()
	if err != nil {
		return fmt.Errorf("create the emulator CA: %w", err)
	}
	dir, err := os.MkdirTemp("", "pingone-acctest-")
	if err != nil {
		return err
	}
	caFile := filepath.Join(dir, "ca.pem")
	if err := ca.WriteFile(caFile); err != nil {
		return err
	}
	// SSL_CERT_DIR still adds the system roots; SSL_CERT_FILE only replaces the default file.
	if err := os.Setenv("SSL_CERT_FILE", caFile); err != nil {
		return err
	}
	sharedCA = ca
	return nil
}

// cliConfig gives the engines a CLI configuration of the project's own when the machine's is
// unset or names a file that does not exist, which breaks the engines' version parsing.
func cliConfig() error {
	if os.Getenv("TF_CLI_CONFIG_FILE") == "" || !exists(os.Getenv("TF_CLI_CONFIG_FILE")) {
		dir, err := os.MkdirTemp("", "pingone-acctest-")
		if err != nil {
			return err
		}
		rc := filepath.Join(dir, "terraformrc")
		if err := os.WriteFile(rc, []byte("disable_checkpoint = true\n"), 0o600); err != nil {
			return err
		}
		if err := os.Setenv("TF_CLI_CONFIG_FILE", rc); err != nil {
			return err
		}
	}
	return nil
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
