package acctest

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/oathtokens/terraform-provider-pingone/internal/pingone"
)

// checkNoForeignTokens refuses to run the tests in environments that hold tokens whose serial
// numbers lack Prefix, unless PINGONE_ACC_ALLOW_FOREIGN_TOKENS=1 says to: an environment
// someone else uses is not a test environment. Even then the tests revoke only their own tokens.
func checkNoForeignTokens(x *external) error {
	client, err := x.conn.pingoneClient()
	if err != nil {
		return err
	}
	for _, env := range x.environments() {
		tokens, err := client.ListOATHTokens(context.Background(), env, pingone.ListOATHTokensOptions{})
		if err != nil {
			return fmt.Errorf("list the OATH tokens of environment %s before the tests: %w", env, err)
		}
		var foreign []string
		for _, tok := range tokens {
			if !IsTestSerial(tok.SerialNumber) {
				foreign = append(foreign, tok.SerialNumber)
			}
		}
		switch {
		case len(foreign) == 0:
		case x.allowForeignTokens:
			fmt.Fprintf(os.Stderr, "acctest: environment %s holds %d OATH tokens the tests did not create; %s=1, so the "+
				"tests run beside them and leave them alone\n", env, len(foreign), EnvAllowForeignTokens)
		default:
			return fmt.Errorf("environment %s holds %d OATH tokens whose serial numbers do not start with %s (%s): the "+
				"acceptance tests refuse to run beside tokens they did not create. Give the tests an environment of their "+
				"own, or set %s=1 to run anyway; the tests only ever revoke tokens whose serial numbers start with %s and "+
				"their run's ID", env, len(foreign), Prefix, abbreviate(foreign), EnvAllowForeignTokens, Prefix)
		}
	}
	return nil
}

// abbreviate lists a few serial numbers, and how many more there are.
func abbreviate(serials []string) string {
	if len(serials) <= 3 {
		return strings.Join(serials, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(serials[:3], ", "), len(serials)-3)
}
