// Package acctest runs the provider's acceptance tests against the local PingOne emulator with a
// real engine (Terraform or OpenTofu, chosen by TF_ACC_TERRAFORM_PATH), so that they need no
// PingOne account and no network.
package acctest

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/oathtokens/terraform-provider-pingone/internal/emulator"
	"github.com/oathtokens/terraform-provider-pingone/internal/pluginserver"
	"github.com/oathtokens/terraform-provider-pingone/internal/provider"
)

// ProviderFactories serves the provider in-process to the engine under test.
var ProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	provider.TypeName: pluginserver.Factory(provider.New("test")),
}

// Main prepares a test binary: one CA for every emulator it starts, trusted through
// SSL_CERT_FILE before anything reads it (Go reads it once per process), and a CLI config of
// the project's own for the engines. Call it from TestMain.
func Main(m *testing.M) {
	if err := setUp(); err != nil {
		fmt.Fprintln(os.Stderr, "acctest:", err)
		os.Exit(1)
	}
	os.Exit(m.Run())
}

var sharedCA *emulator.CA

func setUp() error {
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
	if os.Getenv("TF_CLI_CONFIG_FILE") == "" || !exists(os.Getenv("TF_CLI_CONFIG_FILE")) {
		rc := filepath.Join(dir, "terraformrc")
		if err := os.WriteFile(rc, []byte("disable_checkpoint = true\n"), 0o600); err != nil {
			return err
		}
		if err := os.Setenv("TF_CLI_CONFIG_FILE", rc); err != nil {
			return err
		}
	}
	sharedCA = ca
	return nil
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
