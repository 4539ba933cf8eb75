package mfa_test

import (
	"fmt"
	"testing"

	"github.com/google/uuid"
	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/oathtokens/terraform-provider-pingone/internal/acctest"
)

// TestAccOATHTokenDataSource_BySerial reads a used, paired HOTP token by its serial number: every
// attribute comes back, the counter is PingOne's current one rather than the one the token was
// created with, and the whole read is one API call.
func TestAccOATHTokenDataSource_BySerial(t *testing.T) {
	e := acctest.StartEmulator(t)
	env := e.Info.EnvironmentID
	serial := e.Serial("DSSERIAL1")
	token := createTokens(t, e, env, pingoneHOTP(serial, 3), pingoneHOTP(e.Serial("DSSERIAL2"), 0))[0]
	resyncForward(t, e, token.ID, seedSHA1)
	userID, deviceID := e.PairToken(t, env, token.ID, serial, seedSHA1)
	counter := tokenBySerial(t, e, env, serial).HOTP.Counter
	if counter == 3 {
		t.Fatal("using the token did not move PingOne's counter; the test would prove nothing")
	}

	resource.ParallelTest(t, dataSourceCase(t, resource.TestStep{
		PreConfig: e.ResetCounters,
		Config:    tokenDataConfig(e, env, fmt.Sprintf("serial_number = %q", serial)),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue(tokenDataAddr, tfjsonpath.New("id"), knownvalue.StringExact(token.ID)),
			statecheck.ExpectKnownValue(tokenDataAddr, tfjsonpath.New("oath_token_id"), knownvalue.StringExact(token.ID)),
			statecheck.ExpectKnownValue(tokenDataAddr, tfjsonpath.New("environment_id"), knownvalue.StringExact(env)),
			statecheck.ExpectKnownValue(tokenDataAddr, tfjsonpath.New("serial_number"), knownvalue.StringExact(serial)),
			statecheck.ExpectKnownValue(tokenDataAddr, tfjsonpath.New("type"), knownvalue.StringExact("HOTP")),
			statecheck.ExpectKnownValue(tokenDataAddr, tfjsonpath.New("otp_length"), knownvalue.Int64Exact(6)),
			statecheck.ExpectKnownValue(tokenDataAddr, tfjsonpath.New("hash_algorithm"), knownvalue.StringExact("HmacSHA1")),
			statecheck.ExpectKnownValue(tokenDataAddr, tfjsonpath.New("hotp"), knownvalue.ObjectExact(map[string]knownvalue.Check{
				"counter": knownvalue.Int64Exact(counter),
			})),
			statecheck.ExpectKnownValue(tokenDataAddr, tfjsonpath.New("totp"), knownvalue.Null()),
			statecheck.ExpectKnownValue(tokenDataAddr, tfjsonpath.New("created_at"), knownvalue.StringRegexp(timestampPattern)),
			statecheck.ExpectKnownValue(tokenDataAddr, tfjsonpath.New("updated_at"), knownvalue.StringRegexp(timestampPattern)),
			statecheck.ExpectKnownValue(tokenDataAddr, tfjsonpath.New("paired_devices"), knownvalue.ListExact([]knownvalue.Check{
				knownvalue.ObjectExact(map[string]knownvalue.Check{
					"device_id": knownvalue.StringExact(deviceID),
					"user_id":   knownvalue.StringExact(userID),
				}),
			})),
		},
		Check: func(*terraform.State) error {
			if err := expectCalls(e, routeListTokens, 1); err != nil {
				return err
			}
			return expectCalls(e, routeReadToken, 0)
		},
	}))
}

// TestAccOATHTokenDataSource_ByID reads a TOTP token by its ID, with its paired devices, in one
// read.
func TestAccOATHTokenDataSource_ByID(t *testing.T) {
	e := acctest.StartEmulator(t)
	env := e.Info.EnvironmentID
	token := createTokens(t, e, env, pingoneHOTP(e.Serial("DSID0"), 0), pingoneTOTP(e.Serial("DSID1")))[1]

	resource.ParallelTest(t, dataSourceCase(t, resource.TestStep{
		PreConfig: e.ResetCounters,
		Config:    tokenDataConfig(e, env, fmt.Sprintf("oath_token_id = %q", token.ID)),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue(tokenDataAddr, tfjsonpath.New("id"), knownvalue.StringExact(token.ID)),
			statecheck.ExpectKnownValue(tokenDataAddr, tfjsonpath.New("oath_token_id"), knownvalue.StringExact(token.ID)),
			statecheck.ExpectKnownValue(tokenDataAddr, tfjsonpath.New("serial_number"), knownvalue.StringExact(e.Serial("DSID1"))),
			statecheck.ExpectKnownValue(tokenDataAddr, tfjsonpath.New("type"), knownvalue.StringExact("TOTP")),
			statecheck.ExpectKnownValue(tokenDataAddr, tfjsonpath.New("otp_length"), knownvalue.Int64Exact(8)),
			statecheck.ExpectKnownValue(tokenDataAddr, tfjsonpath.New("hash_algorithm"), knownvalue.StringExact("HmacSHA256")),
			statecheck.ExpectKnownValue(tokenDataAddr, tfjsonpath.New("hotp"), knownvalue.Null()),
			statecheck.ExpectKnownValue(tokenDataAddr, tfjsonpath.New("totp"), knownvalue.ObjectExact(map[string]knownvalue.Check{
				"time_step": knownvalue.Int64Exact(60),
				"drift":     knownvalue.Int64Exact(0),
			})),
			statecheck.ExpectKnownValue(tokenDataAddr, tfjsonpath.New("created_at"), knownvalue.StringRegexp(timestampPattern)),
			statecheck.ExpectKnownValue(tokenDataAddr, tfjsonpath.New("paired_devices"), knownvalue.ListSizeExact(0)),
		},
		Check: func(*terraform.State) error {
			if err := expectCalls(e, routeReadToken, 1); err != nil {
				return err
			}
			return expectCalls(e, routeListTokens, 0)
		},
	}))
}

// TestAccOATHTokenDataSource_WithResource reads a token the same configuration creates, by a
// reference to its ID (unknown until apply) and by serial number after depends_on: both agree
// with the resource.
func TestAccOATHTokenDataSource_WithResource(t *testing.T) {
	e := acctest.StartEmulator(t)
	config := hotpConfig(e, e.Serial("DSRES1"), "") + fmt.Sprintf(`
data "pingone_oath_token" "by_id" {
  environment_id = pingone_oath_token.test.environment_id
  oath_token_id  = pingone_oath_token.test.id
}

data "pingone_oath_token" "by_serial" {
  environment_id = %q
  serial_number  = %q

  depends_on = [pingone_oath_token.test]
}
`, e.Info.EnvironmentID, e.Serial("DSRES1"))
	checks := []statecheck.StateCheck{}
	for _, addr := range []string{"data.pingone_oath_token.by_id", "data.pingone_oath_token.by_serial"} {
		for _, attr := range []string{"id", "serial_number", "type", "otp_length", "hash_algorithm", "hotp", "totp", "created_at", "paired_devices"} {
			checks = append(checks, statecheck.CompareValuePairs(tokenAddr, tfjsonpath.New(attr), addr, tfjsonpath.New(attr), compare.ValuesSame()))
		}
	}
	resource.ParallelTest(t, testCase(t, e, resource.TestStep{Config: config, ConfigStateChecks: checks}))
}

// TestAccOATHTokenDataSource_NotFound looks up tokens that do not exist, including one that
// exists in another environment: each is an error that says what was looked for, and where.
func TestAccOATHTokenDataSource_NotFound(t *testing.T) {
	e := acctest.StartEmulator(t)
	env := e.Info.EnvironmentID
	other := e.SecondEnvironment(t, "it looks for a token that is in another environment")
	elsewhere := createTokens(t, e, other, pingoneHOTP(e.Serial("DSELSEWHERE1"), 0))[0]
	missingID := uuid.NewString()

	resource.ParallelTest(t, dataSourceCase(t,
		resource.TestStep{
			Config:      tokenDataConfig(e, env, fmt.Sprintf("serial_number = %q", e.Serial("DSNOSUCH1"))),
			ExpectError: wrapped("OATH token not found", "no OATH token with serial number "+e.Serial("DSNOSUCH1")+" in environment "+env),
		},
		resource.TestStep{
			Config:      tokenDataConfig(e, env, fmt.Sprintf("oath_token_id = %q", missingID)),
			ExpectError: wrapped("OATH token not found", "no OATH token with ID "+missingID+" in environment "+env),
		},
		resource.TestStep{
			Config:      tokenDataConfig(e, env, fmt.Sprintf("oath_token_id = %q", elsewhere.ID)),
			ExpectError: wrapped("OATH token not found", "no OATH token with ID "+elsewhere.ID+" in environment "+env),
		},
		resource.TestStep{
			Config:      tokenDataConfig(e, env, fmt.Sprintf("serial_number = %q", e.Serial("DSELSEWHERE1"))),
			ExpectError: wrapped("OATH token not found", "serial number "+e.Serial("DSELSEWHERE1")+" in environment "+env),
		},
	))
}

// TestAccOATHTokenDataSource_NoRole reads from an environment where the worker has no role: the
// error names the environment and what to grant, by serial number and by ID alike.
func TestAccOATHTokenDataSource_NoRole(t *testing.T) {
	acctest.NeedsControlAPI(t, "reads from an environment where the worker holds no role, which the control API makes")
	e := acctest.StartEmulator(t)
	env := e.CreateEnvironment(false)
	resource.ParallelTest(t, dataSourceCase(t,
		resource.TestStep{
			Config:      tokenDataConfig(e, env, `serial_number = "DSNOROLE1"`),
			ExpectError: wrapped("Read OATH token failed", "HTTP 403", "no role in environment "+env),
		},
		resource.TestStep{
			Config:      tokenDataConfig(e, env, fmt.Sprintf("oath_token_id = %q", uuid.NewString())),
			ExpectError: wrapped("Read OATH token failed", "HTTP 403", "no role in environment "+env),
		},
	))
}
