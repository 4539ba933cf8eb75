package acctest

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/oathtokens/terraform-provider-pingone/internal/pingone"
)

// Against a real PingOne the tests share an environment with each other, with other runs and
// perhaps with other people's tokens. Each test therefore names what it creates in a namespace of
// its own (Prefix, the run ID, a number), looks only at what carries it, and removes it at its end.

// Serial is the serial number a test calls name: name itself with the emulator, whose
// environments are the test's alone; the test's namespace and name against a real PingOne. Every
// serial number a test creates, configures or compares must come from here. It fails the test when
// the result would pass PingOne's 50 characters.
func (e *Emulator) Serial(name string) string {
	serial := e.namespace + name
	if len(serial) > maxSerialLength {
		e.t.Helper()
		e.t.Fatalf("serial number %s is %d characters, more than PingOne's %d: shorten %q", serial, len(serial), maxSerialLength, name)
	}
	return serial
}

// UserName is the user name a test calls name: name itself with the emulator, the test's
// namespace (in lower case, as user names usually are), a hyphen and name against a real
// PingOne.
func (e *Emulator) UserName(name string) string {
	if e.namespace == "" {
		return name
	}
	return strings.ToLower(e.namespace) + "-" + name
}

// Owns reports whether a serial number is one this test may create, see and remove.
func (e *Emulator) Owns(serial string) bool { return strings.HasPrefix(serial, e.namespace) }

// TokenSerials returns the serial numbers the environment holds, sorted: every one of them with
// the emulator, this test's own against a real PingOne (listed through the API).
func (e *Emulator) TokenSerials(envID string) []string {
	if e.emu != nil {
		return e.emu.TokenSerials(envID)
	}
	e.t.Helper()
	var out []string
	for _, tok := range e.listTokens(e.t, envID) {
		if e.Owns(tok.SerialNumber) {
			out = append(out, tok.SerialNumber)
		}
	}
	slices.Sort(out)
	return out
}

// SecondEnvironment is another environment where the worker holds a role, for a test that moves
// tokens between environments (why says how): a new one from the emulator, or the one
// PINGONE_ACC_SECOND_ENVIRONMENT_ID names, shared by the tests, without which the test skips.
// Call it once per test, before creating anything.
func (e *Emulator) SecondEnvironment(t testing.TB, why string) string {
	t.Helper()
	if e.emu != nil {
		return e.emu.CreateEnvironment(true)
	}
	if target.secondEnvironment == "" {
		t.Skipf("needs a second environment, which %s names: %s", EnvSecondEnvironment, why)
	}
	e.mu.Lock()
	e.usesSecond = true
	e.mu.Unlock()
	return target.secondEnvironment
}

// listTokens lists every token of an environment through the API.
func (e *Emulator) listTokens(t testing.TB, envID string) []pingone.OATHToken {
	t.Helper()
	tokens, err := e.Client(t).ListOATHTokens(context.Background(), envID, pingone.ListOATHTokensOptions{})
	if err != nil {
		t.Fatalf("list the OATH tokens of environment %s: %v", envID, err)
	}
	return tokens
}

// removeLeftovers revokes, at the end of a test against a real PingOne, the tokens in its
// namespace that are still there (those it made through the API, or that a failed destroy left),
// and deletes the users it made. It never touches anything else. A failure is the test's: the run
// would leave objects behind for make sweep.
func (e *Emulator) removeLeftovers() {
	ctx := context.Background()
	client, err := e.conn.pingoneClient()
	if err != nil {
		e.t.Errorf("clean-up: %v", err)
		return
	}
	// Tests reach the second environment only through SecondEnvironment, so only those that
	// asked for it can have left anything there.
	envs := []string{target.environmentID}
	e.mu.Lock()
	if e.usesSecond {
		envs = append(envs, target.secondEnvironment)
	}
	e.mu.Unlock()
	var revoked []string
	for _, env := range envs {
		tokens, err := client.ListOATHTokens(ctx, env, pingone.ListOATHTokensOptions{})
		if err != nil {
			e.t.Errorf("clean-up: list the OATH tokens of environment %s: %v", env, err)
			continue
		}
		for _, tok := range tokens {
			if !e.Owns(tok.SerialNumber) {
				continue
			}
			// PingOne unpairs a paired token as it revokes it.
			if err := client.RevokeOATHToken(ctx, env, tok.ID); err != nil && !pingone.IsNotFound(err) {
				e.t.Errorf("clean-up: revoke OATH token %s (%s): %v", tok.SerialNumber, tok.ID, err)
				continue
			}
			revoked = append(revoked, tok.SerialNumber)
		}
	}
	e.mu.Lock()
	users := e.users
	e.users = nil
	e.mu.Unlock()
	for _, u := range users {
		if err := e.conn.deleteUser(u.environmentID, u.id); err != nil {
			e.t.Errorf("clean-up: delete user %s: %v", u.id, err)
		}
	}
	if len(revoked) > 0 {
		e.t.Logf("clean-up: revoked the OATH tokens this test left in PingOne: %s", strings.Join(revoked, ", "))
	}
}
