package mfa_test

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/oathtokens/terraform-provider-pingone/internal/acctest"
)

// TestAccOATHTokenList_GenerateConfig runs what the list resource's documentation tells users to
// do, with the engine's own CLI (terraform-plugin-testing cannot run terraform query with
// -generate-config-out): query an environment of tokens loaded through the console, generate
// configuration, give it the seeds with the documented awk script, and check the plan imports
// every token without replacing or creating any, the apply calls PingOne for nothing but reads,
// and the next plan is empty. Last, a state without identity (as an older engine writes it)
// gains one when an update runs without a refresh.
func TestAccOATHTokenList_GenerateConfig(t *testing.T) {
	acctest.NeedsOwnEnvironment(t, "generates configuration for every token of the environment, and imports them all")
	cli := acctest.NewCLI(t, "1.14.0", "terraform query")
	e := acctest.StartEmulator(t)
	env := e.Info.EnvironmentID
	tokens := createTokens(t, e, env,
		pingoneHOTP("YK0001", 0), pingoneHOTP("YK0002", 4), pingoneTOTP("TT0001"), pingoneHOTP("PAIRED1", 0))
	resyncForward(t, e, tokens[0].ID, seedSHA1)
	usedCounter := tokenBySerial(t, e, env, "YK0001").HOTP.Counter
	if _, err := e.Client(t).PairOATHToken(context.Background(), env, e.CreateUser(t, env, "alice"), "PAIRED1"); err != nil {
		t.Fatal(err)
	}
	ids := map[string]string{}
	for _, token := range tokens {
		ids[token.SerialNumber] = token.ID
	}

	cli.WriteFile("main.tf", e.ProviderConfig()+`
terraform {
  required_providers {
    pingone = { source = "oathtokens/pingone" }
  }
}

variable "environment_id" {
  type = string
}

locals {
  seeds = { for row in csvdecode(file("${path.module}/seeds.csv")) : row.serial_number => row }
}
`)
	cli.WriteFile("seeds.csv", fmt.Sprintf("serial_number,secret\nYK0001,%[1]s\nYK0002,%[1]s\nTT0001,%[2]s\n", seedSHA1, seedSHA256))
	// The documented example, and a second list block for the TOTP tokens.
	example := filepath.Join(acctest.ModuleRoot(), "examples", "list-resources", "pingone_oath_token", "list-resource.tfquery.hcl")
	raw, err := os.ReadFile(example)
	if err != nil {
		t.Fatal(err)
	}
	cli.WriteFile("tokens.tfquery.hcl", string(raw)+listBlock("totp", env, "", `type = "TOTP"`))
	vars := "-var=environment_id=" + env

	e.ResetCounters()
	cli.Run("query", vars, "-generate-config-out=tokens.tf", "-no-color")
	if got := e.APICalls(listRoute); got != 2 {
		t.Errorf("the query made %d list calls, want one per list block, 2", got)
	}
	generated := cli.ReadFile("tokens.tf")
	checkGenerated(t, generated, env, ids, usedCounter)

	addSeeds(t, cli)
	cli.Run("fmt", "tokens.tf")
	cli.Run("plan", vars, "-out=tfplan", "-no-color")
	var plan planJSON
	cli.ShowJSON(&plan, "tfplan")
	checkImportOnly(t, plan, env, ids, "YK0001", "YK0002", "TT0001")

	e.ResetCounters()
	cli.Run("apply", "-no-color", "tfplan")
	for route, n := range e.Counters().Requests {
		if strings.Contains(route, "oathTokens") && !strings.HasPrefix(route, "GET ") {
			t.Errorf("the apply sent %d requests %s: adopting the seeds must not touch PingOne", n, route)
		}
	}
	if out, code := cli.RunExit("plan", vars, "-detailed-exitcode", "-no-color"); code != 0 {
		t.Errorf("the plan after the apply is not empty (exit %d):\n%s", code, out)
	}
	var state stateJSON
	cli.ShowJSON(&state)
	for _, r := range state.Values.RootModule.Resources {
		serial, _ := r.Values["serial_number"].(string)
		want := map[string]any{"environment_id": env, "id": ids[serial]}
		if !maps.Equal(r.Identity, want) {
			t.Errorf("%s has identity %v in state, want %v", r.Address, r.Identity, want)
		}
	}
	if got, want := serialsHeld(e, env), []string{"PAIRED1", "TT0001", "YK0001", "YK0002"}; !slices.Equal(got, want) {
		t.Errorf("PingOne holds %v after the import, want %v", got, want)
	}

	// A state written by an engine without identity support has none; an update planned without
	// a refresh must give it one, or the framework fails the apply.
	dropIdentities(t, filepath.Join(cli.Dir, "terraform.tfstate"))
	cli.WriteFile("tokens.tf", strings.Replace(cli.ReadFile("tokens.tf"),
		"allow_revoke_when_paired = false", "allow_revoke_when_paired = true", 1))
	cli.Run("apply", vars, "-refresh=false", "-auto-approve", "-no-color")
	state = stateJSON{}
	cli.ShowJSON(&state)
	for _, r := range state.Values.RootModule.Resources {
		if r.Values["allow_revoke_when_paired"] == true && len(r.Identity) != 2 {
			t.Errorf("%s was updated without a refresh and has identity %v, want environment_id and id", r.Address, r.Identity)
		}
	}
}

// checkGenerated checks the generated file: a resource and an identity import block per unpaired
// token, with PingOne's counter of the used token, and no seed.
func checkGenerated(t *testing.T, generated, env string, ids map[string]string, usedCounter int64) {
	t.Helper()
	if n := strings.Count(generated, `resource "pingone_oath_token"`); n != 3 {
		t.Errorf("generated %d resource blocks, want 3 (YK0001, YK0002, TT0001; PAIRED1 is paired):\n%s", n, generated)
	}
	for _, serial := range []string{"YK0001", "YK0002", "TT0001"} {
		resource := regexp.MustCompile(fmt.Sprintf(`serial_number\s+= %q`, serial))
		identity := regexp.MustCompile(fmt.Sprintf(`(?s)identity = \{\s*environment_id = %q\s*id\s*= %q\s*\}`, env, ids[serial]))
		if !resource.MatchString(generated) || !identity.MatchString(generated) {
			t.Errorf("generated no resource with import block for %s (%s):\n%s", serial, ids[serial], generated)
		}
	}
	for _, want := range []string{
		fmt.Sprintf(`counter = %d\s`, usedCounter), `counter = 4\s`, `time_step = 60\s`, `hash_algorithm\s+= "HmacSHA256"`,
		`allow_revoke_when_paired = false`, `secret_wo\s+= null`,
	} {
		if !regexp.MustCompile(want).MatchString(generated) {
			t.Errorf("generated configuration lacks %q:\n%s", want, generated)
		}
	}
	if strings.Contains(generated, seedSHA1) || strings.Contains(generated, "PAIRED1") {
		t.Errorf("generated configuration holds a seed or the paired token:\n%s", generated)
	}
}

// addSeeds runs the documented awk script on the generated file.
func addSeeds(t *testing.T, cli *acctest.CLI) {
	t.Helper()
	script := filepath.Join(acctest.ModuleRoot(), "examples", "list-resources", "pingone_oath_token", "add-seeds.awk")
	cmd := exec.Command("awk", "-f", script, "tokens.tf")
	cmd.Dir = cli.Dir
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("awk -f add-seeds.awk: %v", err)
	}
	if n := strings.Count(string(out), "secret_wo         = local.seeds["); n != 3 {
		t.Fatalf("add-seeds.awk gave %d tokens a seed, want 3:\n%s", n, out)
	}
	cli.WriteFile("tokens.tf", string(out))
}

// checkImportOnly checks that the plan imports each token by its identity and changes nothing
// but the adopted secret_wo_version: no create, no replacement.
func checkImportOnly(t *testing.T, plan planJSON, env string, ids map[string]string, serials ...string) {
	t.Helper()
	if len(plan.ResourceChanges) != len(serials) {
		t.Errorf("the plan has %d resource changes, want %d", len(plan.ResourceChanges), len(serials))
	}
	imported := map[string]bool{}
	for _, rc := range plan.ResourceChanges {
		c := rc.Change
		serial, _ := c.After["serial_number"].(string)
		switch {
		case c.Importing == nil:
			t.Errorf("%s is not imported: %v", rc.Address, c.Actions)
		case !maps.Equal(c.Importing.Identity, map[string]any{"environment_id": env, "id": ids[serial]}):
			t.Errorf("%s is imported by identity %v, want token %s", rc.Address, c.Importing.Identity, ids[serial])
		case !slices.Equal(c.Actions, []string{"update"}):
			t.Errorf("%s plans %v, want only the update that adopts secret_wo_version", rc.Address, c.Actions)
		}
		for name, before := range c.Before {
			if after := c.After[name]; name != "secret_wo_version" && fmt.Sprint(after) != fmt.Sprint(before) {
				t.Errorf("%s plans %s from %v to %v: the generated configuration differs from PingOne", rc.Address, name, before, after)
			}
		}
		if c.After["secret_wo_version"] != float64(1) {
			t.Errorf("%s plans secret_wo_version %v, want 1", rc.Address, c.After["secret_wo_version"])
		}
		imported[serial] = true
	}
	for _, serial := range serials {
		if !imported[serial] {
			t.Errorf("the plan does not import %s", serial)
		}
	}
}

// dropIdentities removes every instance's identity from a state file.
func dropIdentities(t *testing.T, stateFile string) {
	t.Helper()
	raw, err := os.ReadFile(stateFile)
	if err != nil {
		t.Fatal(err)
	}
	var state map[string]any
	if err := json.Unmarshal(raw, &state); err != nil {
		t.Fatal(err)
	}
	dropped := 0
	for _, r := range state["resources"].([]any) {
		for _, inst := range r.(map[string]any)["instances"].([]any) {
			instance := inst.(map[string]any)
			if _, ok := instance["identity"]; ok {
				dropped++
			}
			delete(instance, "identity")
			delete(instance, "identity_schema_version")
		}
	}
	if dropped == 0 {
		t.Fatal("the state holds no identity to drop")
	}
	if raw, err = json.Marshal(state); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(stateFile, raw, 0o600); err != nil {
		t.Fatal(err)
	}
}

// planJSON is the part of show -json of a plan these tests read.
type planJSON struct {
	ResourceChanges []struct {
		Address string `json:"address"`
		Change  struct {
			Actions   []string       `json:"actions"`
			Before    map[string]any `json:"before"`
			After     map[string]any `json:"after"`
			Importing *struct {
				Identity map[string]any `json:"identity"`
			} `json:"importing"`
		} `json:"change"`
	} `json:"resource_changes"`
}

// stateJSON is the part of show -json of the state these tests read.
type stateJSON struct {
	Values struct {
		RootModule struct {
			Resources []struct {
				Address  string         `json:"address"`
				Values   map[string]any `json:"values"`
				Identity map[string]any `json:"identity"`
			} `json:"resources"`
		} `json:"root_module"`
	} `json:"values"`
}
