package mfa

import (
	"context"
	"encoding/json"
	"runtime/debug"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/oathtokens/terraform-provider-pingone/internal/pingone"
)

// TestSetPrivateToProtoKeepsOtherKeys writes the set's private state into the protocol's bytes
// without losing the keys the framework or anything else put there.
func TestSetPrivateToProtoKeepsOtherKeys(t *testing.T) {
	base, err := json.Marshal(map[string][]byte{".frameworkKey": []byte(`{"a":1}`), setPrivateKey: []byte(`{"adopting":true}`)})
	if err != nil {
		t.Fatal(err)
	}
	want := setPrivate{IDs: map[string]string{"HOTP1": "id-1"}, Paired: map[string]string{"HOTP1": "user u (device d)"}}
	got, err := setPrivateToProto(base, want)
	if err != nil {
		t.Fatal(err)
	}
	var byKey map[string][]byte
	if err := json.Unmarshal(got, &byKey); err != nil {
		t.Fatal(err)
	}
	if string(byKey[".frameworkKey"]) != `{"a":1}` {
		t.Errorf("the framework's key became %q", byKey[".frameworkKey"])
	}
	back := setPrivateFromProto(got)
	if back.Adopting || back.IDs["HOTP1"] != "id-1" || back.Paired["HOTP1"] != want.Paired["HOTP1"] {
		t.Errorf("read back %+v, want %+v", back, want)
	}
	if fresh, err := setPrivateToProto([]byte("not json"), want); err != nil || setPrivateFromProto(fresh).IDs["HOTP1"] != "id-1" {
		t.Errorf("over unreadable bytes: %q, %v", fresh, err)
	}
}

// TestSetOutcomeToProto: the seeds of secrets_wo never reach the state, a removed set is null,
// and an outcome without a state leaves the state and private state as they were.
func TestSetOutcomeToProto(t *testing.T) {
	current := setDynamic(t, setRaw(t, map[string]tftypes.Value{"id": tfString(plannerSetID)}))
	private := []byte(`{"set":"e30="}`)

	var out setOutcome
	out.keep(setRaw(t, map[string]tftypes.Value{
		"id": tfString(plannerSetID), "secrets_wo": seedsRaw(map[string]string{"HOTP1": "3132"}),
	}), setPrivate{IDs: map[string]string{"HOTP1": "id-1"}})
	state, gotPrivate, err := out.toProto(current, private)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := state.Unmarshal(setObjectType())
	if err != nil {
		t.Fatal(err)
	}
	if !valueAt(t, raw, tftypes.AttributeName("secrets_wo")).IsNull() {
		t.Error("the write-only seeds are in the new state")
	}
	if setPrivateFromProto(gotPrivate).IDs["HOTP1"] != "id-1" {
		t.Errorf("private state %q lacks the IDs", gotPrivate)
	}

	state, gotPrivate, err = setOutcome{removed: true}.toProto(current, private)
	if raw, _ := state.Unmarshal(setObjectType()); err != nil || !raw.IsNull() || gotPrivate != nil {
		t.Errorf("removed: state %v, private %q, %v; want null and none", raw, gotPrivate, err)
	}
	state, _, err = setOutcome{}.toProto(nil, private)
	if raw, _ := state.Unmarshal(setObjectType()); err != nil || !raw.IsNull() {
		t.Errorf("no outcome and no state before: state %v, %v; want null", raw, err)
	}
	state, gotPrivate, err = setOutcome{}.toProto(current, private)
	if err != nil || state != current || string(gotPrivate) != string(private) {
		t.Errorf("no outcome: state %v, private %q, %v; want them as they were", state, gotPrivate, err)
	}
}

// TestSetServerWithoutClient: the set's read and apply, served without the framework, refuse to
// run without a client and change nothing, and wait, as the framework does, while the provider's
// configuration is deferred.
func TestSetServerWithoutClient(t *testing.T) {
	ctx := context.Background()
	notConfigured := func() (*pingone.Client, bool) { return nil, false }
	deferred := func() (*pingone.Client, bool) { return nil, true }
	state := setDynamic(t, setRaw(t, map[string]tftypes.Value{"id": tfString(plannerSetID), "environment_id": tfString(plannerEnv)}))

	read, err := ReadOATHTokenSet(notConfigured)(ctx, &tfprotov6.ReadResourceRequest{TypeName: OATHTokenSetTypeName, CurrentState: state})
	if err != nil || read.NewState != state || !hasError(read.Diagnostics, "PingOne provider not configured") {
		t.Errorf("read without a client: %+v, %v", read, err)
	}
	read, err = ReadOATHTokenSet(deferred)(ctx, &tfprotov6.ReadResourceRequest{TypeName: OATHTokenSetTypeName, CurrentState: state})
	if err != nil || read.Deferred == nil || read.NewState != state || len(read.Diagnostics) > 0 {
		t.Errorf("read while deferred: %+v, %v", read, err)
	}

	planned := setDynamic(t, setRaw(t, map[string]tftypes.Value{"environment_id": tfString(plannerEnv)}))
	null := setDynamic(t, nullSet())
	apply, err := ApplyOATHTokenSet(notConfigured)(ctx, &tfprotov6.ApplyResourceChangeRequest{
		TypeName: OATHTokenSetTypeName, PriorState: null, PlannedState: planned, Config: planned,
	})
	if err != nil || apply.NewState != null || !hasError(apply.Diagnostics, "PingOne provider not configured") {
		t.Errorf("create without a client: %+v, %v", apply, err)
	}
	apply, err = ApplyOATHTokenSet(notConfigured)(ctx, &tfprotov6.ApplyResourceChangeRequest{
		TypeName: OATHTokenSetTypeName, PriorState: state, PlannedState: null, Config: null, PlannedPrivate: []byte(`{"set":"e30="}`),
	})
	if err != nil || apply.NewState != state || string(apply.Private) != `{"set":"e30="}` || !hasError(apply.Diagnostics, "PingOne provider not configured") {
		t.Errorf("destroy without a client: %+v, %v; want the state kept", apply, err)
	}
}

func hasError(diags []*tfprotov6.Diagnostic, summary string) bool {
	for _, d := range diags {
		if d.Severity == tfprotov6.DiagnosticSeverityError && d.Summary == summary {
			return true
		}
	}
	return false
}

// TestTightenGCForLargeSets: a large set's RPCs run the collector at GOGC 50, overlapping ones
// restore the user's setting when the last ends, and small values change nothing.
func TestTightenGCForLargeSets(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	large := &tfprotov6.DynamicValue{MsgPack: make([]byte, largeSetBytes)}
	small := &tfprotov6.DynamicValue{MsgPack: make([]byte, 100)}

	tightenGCFor(small, nil)()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("a small set changed GOGC to %d", got)
	}
	first := tightenGCFor(small, large)
	second := tightenGCFor(large)
	first()
	if got := debug.SetGCPercent(largeSetGCPercent); got != largeSetGCPercent {
		t.Errorf("while a large set's RPC runs GOGC is %d, want %d", got, largeSetGCPercent)
	}
	second()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("after the last large RPC GOGC is %d, want the user's 100 back", got)
	}

	debug.SetGCPercent(20)
	tightenGCFor(large)()
	if got := debug.SetGCPercent(100); got != 20 {
		t.Errorf("a GOGC of 20 the user chose became %d", got)
	}
}
