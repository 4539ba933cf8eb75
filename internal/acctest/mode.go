package acctest

import (
	"crypto/rand"
	"fmt"
	"math/big"
	"os"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/oathtokens/terraform-provider-pingone/internal/emulator"
)

// The acceptance tests run against one of two PingOnes, chosen here and nowhere else: an emulator
// that each test starts in this process (the default, and what CI runs), or a real PingOne
// environment named by the PINGONE_* variables the provider itself reads (external mode), so that
// the emulator's answers can be checked against PingOne's own.

// Variables of external mode, beside the provider's own PINGONE_CLIENT_ID, PINGONE_CLIENT_SECRET,
// PINGONE_ENVIRONMENT_ID (the worker application's), PINGONE_REGION_CODE and the service
// hostnames.
const (
	// EnvTestEnvironment names the environment the tests create their tokens in. Setting it, with
	// TF_ACC, is what switches the tests from the emulator to a real PingOne.
	EnvTestEnvironment = "PINGONE_ACC_ENVIRONMENT_ID"
	// EnvSecondEnvironment names a second environment, for the tests that move tokens between
	// environments; without it those tests skip.
	EnvSecondEnvironment = "PINGONE_ACC_SECOND_ENVIRONMENT_ID"
	// EnvAllowForeignTokens, set to 1, lets the tests run in environments that hold tokens they
	// did not create. They still only ever revoke their own.
	EnvAllowForeignTokens = "PINGONE_ACC_ALLOW_FOREIGN_TOKENS"
)

// Prefix starts the serial number of every token, and the name of every user, that the tests
// create against a real PingOne: the sweepers remove exactly what carries it, and nothing else.
const Prefix = "TFACC"

// runIDLength and namespaceSeqLength make a test's namespace: Prefix, the run ID, then a number
// per test, 13 characters that leave 37 of a serial number's 50 to the test.
const (
	runIDLength        = 5
	namespaceSeqLength = 3
)

// maxSerialLength is PingOne's limit on serial numbers.
const maxSerialLength = 50

// external is the real PingOne the tests run against, read once from the environment.
type external struct {
	conn                             *connection
	environmentID, secondEnvironment string
	allowForeignTokens               bool
	runID                            string
	namespaces                       atomic.Int64
	// connectionVariables are the PINGONE_* variables (and SSL_CERT_FILE) as the user set them,
	// for the engines and provider binaries that tests start.
	connectionVariables map[string]string
}

// target is the real PingOne of this test binary, nil when the tests use emulators. Main sets it
// before any test runs and nothing changes it afterwards.
var target *external

// External reports whether the tests run against a real PingOne rather than emulators.
func External() bool { return target != nil }

// externalFromEnv reads external mode's settings: nil without TF_ACC or without
// PINGONE_ACC_ENVIRONMENT_ID (unit runs always use the emulator, whatever the machine's
// variables), an error when the test environment is named but the worker is not.
func externalFromEnv() (*external, error) {
	if os.Getenv("TF_ACC") == "" || os.Getenv(EnvTestEnvironment) == "" {
		return nil, nil
	}
	conn, err := connectionFromEnv()
	if err != nil {
		return nil, fmt.Errorf("%s names a PingOne environment to test in: %w", EnvTestEnvironment, err)
	}
	x := &external{
		conn:              conn,
		environmentID:     strings.ToLower(os.Getenv(EnvTestEnvironment)),
		secondEnvironment: strings.ToLower(os.Getenv(EnvSecondEnvironment)),
	}
	if x.secondEnvironment == x.environmentID {
		return nil, fmt.Errorf("%s must name another environment than %s", EnvSecondEnvironment, EnvTestEnvironment)
	}
	switch v := os.Getenv(EnvAllowForeignTokens); v {
	case "", "0":
	case "1":
		x.allowForeignTokens = true
	default:
		return nil, fmt.Errorf("%s must be 1 or unset, not %q", EnvAllowForeignTokens, v)
	}
	x.connectionVariables = map[string]string{}
	for _, name := range []string{"PINGONE_CLIENT_ID", "PINGONE_CLIENT_SECRET", "PINGONE_ENVIRONMENT_ID", "PINGONE_REGION_CODE",
		"PINGONE_API_SERVICE_HOSTNAME", "PINGONE_AUTH_SERVICE_HOSTNAME", "SSL_CERT_FILE"} {
		if v := os.Getenv(name); v != "" {
			x.connectionVariables[name] = v
		}
	}
	if x.runID, err = newRunID(); err != nil {
		return nil, err
	}
	return x, nil
}

// info is what an emulator's Info says, for the real PingOne.
func (x *external) info() emulator.Info {
	return emulator.Info{
		APIHostname: x.conn.apiHost, AuthHostname: x.conn.authHost, CAFile: os.Getenv("SSL_CERT_FILE"),
		AdminEnvironmentID: x.conn.adminEnvironmentID, EnvironmentID: x.environmentID,
		ClientID: x.conn.clientID, ClientSecret: x.conn.clientSecret,
	}
}

// environments are the environments the tests may create tokens in.
func (x *external) environments() []string {
	if x.secondEnvironment == "" {
		return []string{x.environmentID}
	}
	return []string{x.environmentID, x.secondEnvironment}
}

// nextNamespace is Prefix, the run ID and this test's number: what starts the serial numbers and
// user names of one test, so that tests running side by side in one environment, and other runs,
// never meet each other's tokens.
func (x *external) nextNamespace() string {
	n := x.namespaces.Add(1)
	seq := strings.ToUpper(strconv.FormatInt(n, 36))
	if len(seq) > namespaceSeqLength {
		panic(fmt.Sprintf("acctest: more tests in one run than %d base-36 digits can number", namespaceSeqLength))
	}
	return Prefix + x.runID + strings.Repeat("0", namespaceSeqLength-len(seq)) + seq
}

// runAlphabet is what serial numbers allow (letters and digits), in upper case.
const runAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

// newRunID draws a run ID, different for every test binary of every run.
func newRunID() (string, error) {
	var b strings.Builder
	for range runIDLength {
		n, err := rand.Int(rand.Reader, big.NewInt(int64(len(runAlphabet))))
		if err != nil {
			return "", fmt.Errorf("draw a run ID: %w", err)
		}
		b.WriteByte(runAlphabet[n.Int64()])
	}
	return b.String(), nil
}
