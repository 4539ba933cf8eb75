package reliability_test

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/oathtokens/terraform-provider-pingone/internal/acctest"
)

// badInput is one invalid configuration: what is wrong with it, the configuration, the
// PINGONE_* variables it runs with, and the message it must fail with.
type badInput struct {
	kind string // "resource", "provider" or "import ID": the section of RELIABILITY.md.
	name string
	// config is the whole configuration: provider, resource and, for import IDs, an import block.
	config string
	env    map[string]string
	want   *regexp.Regexp
}

// tokenWith renders a valid HOTP token block with the attributes in set changed; an empty value
// removes the attribute. blocks goes inside the block as is.
func tokenWith(envID string, set map[string]string, blocks string) string {
	attrs := map[string]string{
		"environment_id": fmt.Sprintf("%q", envID),
		"serial_number":  `"BADINPUT1"`,
		"type":           `"HOTP"`,
		"otp_length":     "6",
		"secret":         fmt.Sprintf("%q", seedSHA1),
	}
	for k, v := range set {
		if v == "" {
			delete(attrs, k)
			continue
		}
		attrs[k] = v
	}
	keys := make([]string, 0, len(attrs))
	for k := range attrs {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var b strings.Builder
	b.WriteString("\nresource \"pingone_oath_token\" \"bad\" {\n")
	for _, k := range keys {
		fmt.Fprintf(&b, "  %s = %s\n", k, attrs[k])
	}
	b.WriteString(blocks)
	b.WriteString("}\n")
	return b.String()
}

// badInputs is the table: every attribute's rules, type mismatches, conflicting and malformed
// blocks, provider settings (in the configuration and in the environment), and import IDs.
func badInputs(e *acctest.Emulator) []badInput {
	env := e.Info.EnvironmentID
	provider := e.ProviderConfig()
	res := func(name string, set map[string]string, blocks string, want ...string) badInput {
		return badInput{kind: "resource", name: name, config: provider + tokenWith(env, set, blocks), want: wrapped(want...)}
	}
	totp := func(set map[string]string) map[string]string {
		out := map[string]string{"type": `"TOTP"`, "totp": "{ time_step = 30 }"}
		for k, v := range set {
			out[k] = v
		}
		return out
	}
	endpoints := fmt.Sprintf("  service_endpoints {\n    auth_hostname = %q\n    api_hostname  = %q\n  }\n",
		e.Info.AuthHostname, e.Info.APIHostname)
	prov := func(name, body string, env map[string]string, want ...string) badInput {
		return badInput{kind: "provider", name: name, config: "provider \"pingone\" {\n" + body + "}\n" +
			tokenWith(e.Info.EnvironmentID, nil, ""), env: env, want: wrapped(want...)}
	}
	creds := fmt.Sprintf("  client_id      = %q\n  client_secret  = \"s\"\n  environment_id = %q\n",
		e.Info.ClientID, e.Info.AdminEnvironmentID)
	imp := func(name, id string, want ...string) badInput {
		return badInput{kind: "import ID", name: name, config: provider + tokenWith(env, nil, "") +
			fmt.Sprintf("\nimport {\n  to = pingone_oath_token.bad\n  id = %q\n}\n", id), want: wrapped(want...)}
	}
	const serialRule = "Attribute serial_number must be 1 to 50 letters and digits"
	return []badInput{
		res("empty serial number", map[string]string{"serial_number": `""`}, "", serialRule),
		res("serial number with a dash", map[string]string{"serial_number": `"AB-12"`}, "", serialRule),
		res("serial number of 51 characters", map[string]string{"serial_number": `"` + strings.Repeat("A", 51) + `"`}, "",
			serialRule),
		res("unknown token type", map[string]string{"type": `"XOTP"`}, "", "Attribute type must be one of", `"HOTP" or "TOTP"`, `got "XOTP"`),
		res("token type in lower case", map[string]string{"type": `"hotp"`}, "", "Attribute type must be one of", `"HOTP" or "TOTP"`, `got "hotp"`),
		res("OTP length 7", map[string]string{"otp_length": "7"}, "", "Attribute otp_length must be one of 6 or 8, got 7"),
		res("OTP length as a word", map[string]string{"otp_length": `"six"`}, "", `attribute "otp_length": a number is required`),
		res("secret not hexadecimal", map[string]string{"secret": `"zz11"`}, "", "Invalid OATH token secret", "not hexadecimal"),
		res("secret with an odd number of digits", map[string]string{"secret": `"abc"`}, "",
			"Invalid OATH token secret", "odd number of digits"),
		res("secret of 202 digits", map[string]string{"secret": `"` + strings.Repeat("ab", 101) + `"`}, "",
			"Invalid OATH token secret", "202 digits"),
		res("no secret at all", map[string]string{"secret": ""}, "", "Secret missing", "Set exactly one of secret and secret_wo"),
		res("both secret and secret_wo", map[string]string{"secret_wo": fmt.Sprintf("%q", seedOther), "secret_wo_version": "1"}, "",
			"Secret given twice", "Set exactly one of secret and secret_wo, not both"),
		res("secret_wo_version without secret_wo", map[string]string{"secret_wo_version": "1"}, "",
			"secret_wo_version without secret_wo", "only goes with secret_wo"),
		res("unknown hash algorithm", totp(map[string]string{"hash_algorithm": `"MD5"`}), "",
			"Attribute hash_algorithm must be one of", `"HmacSHA1", "HmacSHA256" or "HmacSHA512"`, `got "MD5"`),
		res("HOTP with HmacSHA256", map[string]string{"hash_algorithm": `"HmacSHA256"`}, "", "HOTP tokens support only HmacSHA1"),
		res("HOTP with TOTP settings", map[string]string{"totp": "{ time_step = 30 }"}, "", "totp is only for TOTP tokens"),
		res("TOTP without TOTP settings", map[string]string{"type": `"TOTP"`}, "", "TOTP tokens need totp", "30 or 60"),
		res("TOTP with HOTP settings", totp(map[string]string{"hotp": "{ counter = 1 }"}), "", "hotp is only for HOTP tokens"),
		res("time step 45", totp(map[string]string{"totp": "{ time_step = 45 }"}), "", "Attribute totp.time_step must be one of 30 or 60 (seconds), got 45"),
		res("TOTP settings without a time step", totp(map[string]string{"totp": "{}"}), "", `attribute "time_step" is required`),
		res("negative HOTP counter", map[string]string{"hotp": "{ counter = -1 }"}, "", "Attribute hotp.counter must be at least 0, got -1"),
		res("HOTP counter as a word", map[string]string{"hotp": `{ counter = "ten" }`}, "", `attribute "hotp": a number is required`),
		res("environment ID not a UUID", map[string]string{"environment_id": `"prod"`}, "", "Invalid PingOne ID", "environment_id"),
		res("allow_revoke_when_paired not a boolean", map[string]string{"allow_revoke_when_paired": `"maybe"`}, "",
			`attribute "allow_revoke_when_paired": a bool is required`),
		res("unknown attribute", map[string]string{"flavor": `"blue"`}, "", "Unsupported argument", `An argument named "flavor" is not expected here`),
		res("missing token type", map[string]string{"type": ""}, "", "Missing required argument", `The argument "type" is required`),
		res("read-only id set", map[string]string{"id": `"x"`}, "", "Invalid Configuration for Read-Only Attribute", `id = "x"`),
		res("hotp written as a block", map[string]string{"hotp": ""}, "  hotp {\n    counter = 1\n  }\n",
			"Unsupported block type", `Did you mean to define argument "hotp"?`),
		res("two timeouts blocks", nil, "  timeouts {\n    create = \"1m\"\n  }\n  timeouts {\n    delete = \"1m\"\n  }\n",
			"Duplicate timeouts block", `Only one block of type "timeouts" is allowed`),
		res("timeout that is not a duration", nil, "  timeouts {\n    create = \"soon\"\n  }\n",
			"Invalid Attribute Value Time Duration", `"soon" must be a string containing a sequence of decimal numbers`),
		res("timeout for an update, which never calls PingOne", nil, "  timeouts {\n    update = \"1m\"\n  }\n",
			"Unsupported argument", `An argument named "update" is not expected here`),

		prov("no credentials", endpoints, nil, "Missing PingOne credentials"),
		prov("client ID without a secret", fmt.Sprintf("  client_id = %q\n", e.Info.ClientID)+endpoints, nil,
			"Incomplete PingOne client credentials", "client_secret"),
		prov("client credentials and an access token", creds+"  api_access_token = \"t\"\n"+endpoints, nil,
			"Conflicting PingOne credentials"),
		prov("client ID not a UUID", strings.Replace(creds, e.Info.ClientID, "not-a-uuid", 1)+endpoints, nil,
			"Invalid PingOne ID", "client_id"),
		prov("unknown region", "  api_access_token = \"t\"\n  region_code = \"MARS\"\n", nil, "region_code", "value must be one of"),
		prov("only one service hostname", fmt.Sprintf("  api_access_token = \"t\"\n  service_endpoints {\n    api_hostname = %q\n  }\n",
			e.Info.APIHostname), nil, "Incomplete PingOne service endpoints", "auth_hostname"),
		prov("hostname with a scheme", "  api_access_token = \"t\"\n  service_endpoints {\n    auth_hostname = \"https://auth.example.com\"\n"+
			"    api_hostname  = \"api.example.com\"\n  }\n", nil, "Invalid PingOne service hostname", "auth_hostname"),
		prov("proxy with an unsupported scheme", creds+endpoints+"  http_proxy = \"ftp://proxy.example.com:21\"\n", nil,
			"Invalid HTTP proxy", "http_proxy", `scheme "ftp" is not supported`),
		prov("environment ID in the environment not a UUID", endpoints, map[string]string{
			"PINGONE_CLIENT_ID": e.Info.ClientID, "PINGONE_CLIENT_SECRET": "s", "PINGONE_ENVIRONMENT_ID": "env-1",
		}, "Invalid PingOne ID", "PINGONE_ENVIRONMENT_ID"),
		prov("unknown region in the environment", "", map[string]string{
			"PINGONE_API_ACCESS_TOKEN": "t", "PINGONE_REGION_CODE": "MARS",
		}, "Unknown PingOne region", "PINGONE_REGION_CODE"),

		imp("import ID without an environment", "BADINPUT1", "Invalid import ID", "environment_id/oath_token_id"),
		imp("import ID with an environment that is not a UUID", "prod/BADINPUT1", "Invalid import ID", "not an environment ID"),
		imp("import ID with a malformed serial number", env+"/BAD-SERIAL!", "Invalid import ID", "neither an OATH token ID"),
		imp("import ID of three parts", env+"/A/B", "Invalid import ID", "environment_id/serial_number"),
	}
}

// TestAccBadInput_RefusedAtPlan plans each invalid configuration of the table: each fails with
// its own message, naming the attribute or setting and the rule, and none of them makes a
// single request to PingOne. Provider cases run one after another with exactly their own
// PINGONE_* variables (they change this process's environment, which the in-process provider
// reads, and the machine's, or external mode's, must not complete a configuration that lacks
// something); the others in parallel.
func TestAccBadInput_RefusedAtPlan(t *testing.T) {
	e := acctest.StartEmulator(t)
	cases := badInputs(e)
	if len(cases) < 30 {
		t.Fatalf("the table has %d cases, want at least 30", len(cases))
	}
	for _, tc := range cases {
		t.Run(tc.kind+"/"+tc.name, func(t *testing.T) {
			test := resource.ParallelTest
			if tc.kind == "provider" {
				test = resource.Test
				for _, name := range []string{"PINGONE_CLIENT_ID", "PINGONE_CLIENT_SECRET", "PINGONE_ENVIRONMENT_ID",
					"PINGONE_API_ACCESS_TOKEN", "PINGONE_REGION_CODE", "PINGONE_API_SERVICE_HOSTNAME",
					"PINGONE_AUTH_SERVICE_HOSTNAME"} {
					t.Setenv(name, tc.env[name])
				}
			}
			test(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: acctest.ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      tc.config,
					PlanOnly:    true,
					ExpectError: tc.want,
				}},
			})
		})
	}
	t.Cleanup(func() {
		if e.CanCheck("invalid configurations make no request to PingOne") && e.Counters().Total != 0 {
			t.Errorf("invalid configurations made %d requests to PingOne, want 0: %v", e.Counters().Total, e.Counters().Requests)
		}
		t.Logf("%d invalid configurations refused at plan time with 0 requests to PingOne", len(cases))
	})
}
