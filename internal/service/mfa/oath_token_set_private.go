package mfa

import (
	"context"
	"encoding/json"

	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// setPrivateKey is the private-state key of what the set remembers without showing it.
const setPrivateKey = "set"

// setPrivate is what the set keeps in private state: not settings of the user's, but what the
// provider learnt from PingOne and needs next time.
type setPrivate struct {
	// IDs are the token IDs by serial number, as last read: revoke jobs take IDs, and a token
	// that comes back under another ID was revoked and made again outside Terraform.
	IDs map[string]string `json:"ids,omitempty"`
	// Paired names, by serial number, the tokens that were paired when IDs was read, with
	// their users and devices: the pairing guard of a revoke that follows the refresh needs
	// no other read (oath_token_set_guard.go).
	Paired map[string]string `json:"paired,omitempty"`
	// Adopting is true after an import: the state holds PingOne's counters, which have moved
	// on, and no secret_version, so the configured ones are adopted without replacing any token.
	Adopting bool `json:"adopting,omitempty"`
	// Import names what an import asked for, until the Read that follows fills the state.
	Import *setImport `json:"import,omitempty"`
	// Jobs are create jobs that had not ended when an operation stopped waiting for them (its
	// timeout ran out). The tokens they made are the set's: the next operation waits for them
	// and adds them, so that nothing is created twice.
	Jobs []pendingJob `json:"jobs,omitempty"`
}

// setImport is an import's request: every token of the environment, or some serial numbers.
type setImport struct {
	All     bool     `json:"all,omitempty"`
	Serials []string `json:"serials,omitempty"`
}

// pendingJob is a create job that had not ended, with the tokens it was asked to make.
type pendingJob struct {
	ID     string              `json:"id"`
	Tokens map[string]setToken `json:"tokens"`
}

type privateGetter interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
}

type privateSetter interface {
	SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
}

func readSetPrivate(ctx context.Context, private privateGetter) (setPrivate, diag.Diagnostics) {
	return readPrivate[setPrivate](ctx, private, setPrivateKey)
}

func writeSetPrivate(ctx context.Context, private privateSetter, p setPrivate) diag.Diagnostics {
	return writePrivate(ctx, private, setPrivateKey, p)
}

// readPrivate reads what a resource keeps under key in private state, as JSON. Bytes that do not
// read are no private state: losing what the provider learnt costs a lookup later, and is not
// worth failing every refresh for.
func readPrivate[T any](ctx context.Context, private privateGetter, key string) (T, diag.Diagnostics) {
	var p T
	if private == nil {
		return p, nil
	}
	raw, diags := private.GetKey(ctx, key)
	if diags.HasError() || len(raw) == 0 {
		return p, diags
	}
	if err := json.Unmarshal(raw, &p); err != nil {
		var zero T
		return zero, nil
	}
	return p, diags
}

// writePrivate keeps p under key in private state, as JSON.
func writePrivate[T any](ctx context.Context, private privateSetter, key string, p T) diag.Diagnostics {
	raw, err := json.Marshal(p)
	if err != nil {
		var diags diag.Diagnostics
		diags.AddError("Save the private state failed", err.Error())
		return diags
	}
	return private.SetKey(ctx, key, raw)
}

// setPrivateFromProto reads the set's private state from the bytes of the protocol, for the plan,
// which the provider serves without the framework (oath_token_set_planner.go). The bytes are what
// terraform-plugin-framework's private state writes: a JSON object from each key to its value's
// JSON, base64-encoded. Bytes that do not read are no private state, as in readSetPrivate.
func setPrivateFromProto(raw []byte) setPrivate {
	var p setPrivate
	if len(raw) == 0 {
		return p
	}
	var byKey map[string][]byte
	if err := json.Unmarshal(raw, &byKey); err != nil || len(byKey[setPrivateKey]) == 0 {
		return p
	}
	if err := json.Unmarshal(byKey[setPrivateKey], &p); err != nil {
		return setPrivate{}
	}
	return p
}

// setPrivateToProto writes p into the private state bytes base, for the RPCs the provider serves
// without the framework, keeping every other key (the framework's own among them) as it was.
func setPrivateToProto(base []byte, p setPrivate) ([]byte, error) {
	byKey := map[string][]byte{}
	if len(base) > 0 {
		if err := json.Unmarshal(base, &byKey); err != nil {
			byKey = map[string][]byte{}
		}
	}
	value, err := json.Marshal(p)
	if err != nil {
		return nil, err
	}
	byKey[setPrivateKey] = value
	return json.Marshal(byKey)
}
