package mfa

import (
	"context"
	"encoding/json"
	"math/big"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/oathtokens/terraform-provider-pingone/internal/pingone"
)

const (
	plannerEnv      = "6a3a0c34-2f1c-4c4e-9d43-8c1e1f0b7a11"
	plannerOtherEnv = "0b1e7c58-3d2a-4f6b-8e90-1a2b3c4d5e6f"
	plannerSetID    = "set-id-from-create"
)

// setRaw builds a value of the set's type; attributes left out are null.
func setRaw(t *testing.T, attrs map[string]tftypes.Value) tftypes.Value {
	t.Helper()
	return objectRaw(setObjectType().(tftypes.Object), attrs)
}

// objectRaw builds a value of a resource's type; attributes left out are null.
func objectRaw(typ tftypes.Object, attrs map[string]tftypes.Value) tftypes.Value {
	all := make(map[string]tftypes.Value, len(typ.AttributeTypes))
	for name, at := range typ.AttributeTypes {
		all[name] = tftypes.NewValue(at, nil)
		if v, ok := attrs[name]; ok {
			all[name] = v
		}
	}
	return tftypes.NewValue(typ, all)
}

// tokenRaw is one token of the tokens map; hash is nil for a hash_algorithm not set.
func tokenRaw(typ string, hash any) tftypes.Value {
	v := setTokenValue(setToken{Type: typ, OTPLength: 6})
	var attrs map[string]tftypes.Value
	_ = v.As(&attrs)
	attrs["hash_algorithm"] = tftypes.NewValue(tftypes.String, hash)
	if typ == "TOTP" {
		attrs["totp"] = tftypes.NewValue(setTOTPType, map[string]tftypes.Value{"time_step": tftypes.NewValue(tftypes.Number, big.NewFloat(30))})
	}
	return tftypes.NewValue(setTokenType, attrs)
}

func tfString(s any) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }

func seedsRaw(seeds map[string]string) tftypes.Value { return stringMapValue(seeds) }

func setDynamic(t *testing.T, v tftypes.Value) *tfprotov6.DynamicValue {
	t.Helper()
	return dynamicOf(t, setObjectType(), v)
}

// dynamicOf encodes a value of a resource's type for a request.
func dynamicOf(t *testing.T, typ tftypes.Type, v tftypes.Value) *tfprotov6.DynamicValue {
	t.Helper()
	d, err := tfprotov6.NewDynamicValue(typ, v)
	if err != nil {
		t.Fatal(err)
	}
	return &d
}

// runSetPlanner runs the planner, with no client, as when planning before the provider is configured.
func runSetPlanner(t *testing.T, prior, config, proposed tftypes.Value, private []byte) (*tfprotov6.PlanResourceChangeResponse, tftypes.Value) {
	t.Helper()
	notConfigured := func() (*pingone.Client, bool) { return nil, false }
	resp, err := PlanOATHTokenSet(notConfigured)(context.Background(), &tfprotov6.PlanResourceChangeRequest{
		TypeName: OATHTokenSetTypeName, PriorState: setDynamic(t, prior), Config: setDynamic(t, config),
		ProposedNewState: setDynamic(t, proposed), PriorPrivate: private,
	})
	if err != nil {
		t.Fatal(err)
	}
	planned, err := resp.PlannedState.Unmarshal(setObjectType())
	if err != nil {
		t.Fatal(err)
	}
	return resp, planned
}

func valueAt(t *testing.T, v tftypes.Value, steps ...tftypes.AttributePathStep) tftypes.Value {
	t.Helper()
	got, _, err := tftypes.WalkAttributePath(v, tftypes.NewAttributePathWithSteps(steps))
	if err != nil {
		t.Fatalf("%v at %v: %v", v, steps, err)
	}
	return got.(tftypes.Value)
}

func nullSet() tftypes.Value { return tftypes.NewValue(setObjectType(), nil) }

func wantNoDiagnostics(t *testing.T, resp *tfprotov6.PlanResourceChangeResponse) {
	t.Helper()
	for _, d := range resp.Diagnostics {
		t.Errorf("diagnostic %s: %s", d.Summary, d.Detail)
	}
}

// TestPlanSetCreate checks what the framework's plan did for this schema: defaults, an ID known
// after apply, no write-only seeds in the plan, nothing to replace on a create.
func TestPlanSetCreate(t *testing.T) {
	config := setRaw(t, map[string]tftypes.Value{
		"environment_id": tfString(plannerEnv),
		"tokens": tftypes.NewValue(setTokensType, map[string]tftypes.Value{
			"HOTP1": tokenRaw("HOTP", nil), "TOTP1": tokenRaw("TOTP", "HmacSHA256"),
		}),
		"secrets_wo": seedsRaw(map[string]string{"HOTP1": "3132", "TOTP1": "3334"}),
	})
	resp, planned := runSetPlanner(t, nullSet(), config, config, nil)
	wantNoDiagnostics(t, resp)
	if id := valueAt(t, planned, tftypes.AttributeName("id")); id.IsKnown() {
		t.Errorf("id = %v, want unknown until the set is created", id)
	}
	wantEqual(t, "batch_size", valueAt(t, planned, tftypes.AttributeName("batch_size")), tftypes.NewValue(tftypes.Number, big.NewFloat(1000)))
	wantEqual(t, "allow_revoke_when_paired", valueAt(t, planned, tftypes.AttributeName("allow_revoke_when_paired")), tftypes.NewValue(tftypes.Bool, false))
	wantEqual(t, "secrets_wo", valueAt(t, planned, tftypes.AttributeName("secrets_wo")), tftypes.NewValue(tftypes.Map{ElementType: tftypes.String}, nil))
	wantEqual(t, "HOTP1's hash_algorithm", valueAt(t, planned, tftypes.AttributeName("tokens"), tftypes.ElementKeyString("HOTP1"),
		tftypes.AttributeName("hash_algorithm")), tfString("HmacSHA1"))
	wantEqual(t, "TOTP1's hash_algorithm", valueAt(t, planned, tftypes.AttributeName("tokens"), tftypes.ElementKeyString("TOTP1"),
		tftypes.AttributeName("hash_algorithm")), tfString("HmacSHA256"))
	if len(resp.RequiresReplace) > 0 {
		t.Errorf("RequiresReplace = %v on a create", resp.RequiresReplace)
	}
}

func wantEqual(t *testing.T, what string, got, want tftypes.Value) {
	t.Helper()
	if !got.Equal(want) {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}

// TestPlanSetUpdate: the ID stays; settings configured stay as configured; values not known yet
// stay unknown; an environment replaces the set unless only its letter case changed.
func TestPlanSetUpdate(t *testing.T) {
	prior := setRaw(t, map[string]tftypes.Value{
		"id": tfString(plannerSetID), "environment_id": tfString(plannerEnv),
		"tokens":     tftypes.NewValue(setTokensType, map[string]tftypes.Value{"HOTP1": tokenRaw("HOTP", "HmacSHA1")}),
		"batch_size": tftypes.NewValue(tftypes.Number, big.NewFloat(1000)), "allow_revoke_when_paired": tftypes.NewValue(tftypes.Bool, false),
	})
	for _, tc := range []struct {
		name    string
		env     tftypes.Value
		replace bool
	}{
		{"same environment", tfString(plannerEnv), false},
		{"same environment in capitals", tfString(strings.ToUpper(plannerEnv)), false},
		{"another environment", tfString(plannerOtherEnv), true},
		{"environment not known yet", tfString(tftypes.UnknownValue), true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			config := setRaw(t, map[string]tftypes.Value{
				"environment_id": tc.env,
				"tokens": tftypes.NewValue(setTokensType, map[string]tftypes.Value{
					"HOTP1": tokenRaw("HOTP", nil), "NEXT1": tftypes.NewValue(setTokenType, tftypes.UnknownValue),
				}),
				"secrets_wo": tftypes.NewValue(tftypes.Map{ElementType: tftypes.String}, tftypes.UnknownValue),
				"batch_size": tftypes.NewValue(tftypes.Number, tftypes.UnknownValue),
			})
			proposed := setRaw(t, map[string]tftypes.Value{
				"id": tfString(plannerSetID), "environment_id": tc.env,
				"tokens": tftypes.NewValue(setTokensType, map[string]tftypes.Value{
					"HOTP1": tokenRaw("HOTP", "HmacSHA1"), "NEXT1": tftypes.NewValue(setTokenType, tftypes.UnknownValue),
				}),
				"batch_size":               tftypes.NewValue(tftypes.Number, tftypes.UnknownValue),
				"allow_revoke_when_paired": tftypes.NewValue(tftypes.Bool, false),
			})
			resp, planned := runSetPlanner(t, prior, config, proposed, nil)
			wantNoDiagnostics(t, resp)
			wantEqual(t, "id", valueAt(t, planned, tftypes.AttributeName("id")), tfString(plannerSetID))
			wantEqual(t, "environment_id", valueAt(t, planned, tftypes.AttributeName("environment_id")), tc.env)
			wantEqual(t, "batch_size", valueAt(t, planned, tftypes.AttributeName("batch_size")), tftypes.NewValue(tftypes.Number, tftypes.UnknownValue))
			if next := valueAt(t, planned, tftypes.AttributeName("tokens"), tftypes.ElementKeyString("NEXT1")); next.IsKnown() {
				t.Errorf("NEXT1 = %v, want unknown, as configured", next)
			}
			wantEqual(t, "HOTP1's hash_algorithm", valueAt(t, planned, tftypes.AttributeName("tokens"), tftypes.ElementKeyString("HOTP1"),
				tftypes.AttributeName("hash_algorithm")), tfString("HmacSHA1"))
			replaces := len(resp.RequiresReplace) == 1 && resp.RequiresReplace[0].Equal(tftypes.NewAttributePath().WithAttributeName("environment_id"))
			if replaces != tc.replace || (!tc.replace && len(resp.RequiresReplace) > 0) {
				t.Errorf("RequiresReplace = %v, want the environment_id: %v", resp.RequiresReplace, tc.replace)
			}
		})
	}
}

// TestPlanSetNotKnownYet: a tokens map that another resource computes is planned as unknown, with
// nothing to check yet.
func TestPlanSetNotKnownYet(t *testing.T) {
	config := setRaw(t, map[string]tftypes.Value{
		"environment_id": tfString(plannerEnv),
		"tokens":         tftypes.NewValue(setTokensType, tftypes.UnknownValue),
		"secrets":        tftypes.NewValue(tftypes.Map{ElementType: tftypes.String}, tftypes.UnknownValue),
	})
	resp, planned := runSetPlanner(t, nullSet(), config, config, nil)
	wantNoDiagnostics(t, resp)
	if tokens := valueAt(t, planned, tftypes.AttributeName("tokens")); tokens.IsKnown() {
		t.Errorf("tokens = %v, want unknown", tokens)
	}
}

// TestPlanSetSeedChange: the checks of checkSetPlan reach the engine, at the attribute they name.
func TestPlanSetSeedChange(t *testing.T) {
	tokens := tftypes.NewValue(setTokensType, map[string]tftypes.Value{"HOTP1": tokenRaw("HOTP", "HmacSHA1")})
	prior := setRaw(t, map[string]tftypes.Value{
		"id": tfString(plannerSetID), "environment_id": tfString(plannerEnv), "tokens": tokens,
		"secrets":    seedsRaw(map[string]string{"HOTP1": "3132"}),
		"batch_size": tftypes.NewValue(tftypes.Number, big.NewFloat(1000)), "allow_revoke_when_paired": tftypes.NewValue(tftypes.Bool, false),
	})
	config := setRaw(t, map[string]tftypes.Value{
		"environment_id": tfString(plannerEnv), "tokens": tokens, "secrets": seedsRaw(map[string]string{"HOTP1": "3334"}),
	})
	resp, _ := runSetPlanner(t, prior, config, config, nil)
	at := tftypes.NewAttributePath().WithAttributeName("tokens").WithElementKeyString("HOTP1").WithAttributeName("secret_version")
	if len(resp.Diagnostics) != 1 || resp.Diagnostics[0].Severity != tfprotov6.DiagnosticSeverityError ||
		resp.Diagnostics[0].Summary != "Seed changed without a new secret_version" || !resp.Diagnostics[0].Attribute.Equal(at) {
		t.Fatalf("diagnostics = %+v, want one error at %v", resp.Diagnostics, at)
	}
	if strings.Contains(resp.Diagnostics[0].Detail, "3334") || strings.Contains(resp.Diagnostics[0].Detail, "3132") {
		t.Errorf("the error quotes a seed: %s", resp.Diagnostics[0].Detail)
	}
}

// TestPlanSetDestroyAndDeferred: a destroy plans null, keeping the private state; a provider
// whose settings are not known yet defers.
func TestPlanSetDestroyAndDeferred(t *testing.T) {
	prior := setRaw(t, map[string]tftypes.Value{"id": tfString(plannerSetID), "environment_id": tfString(plannerEnv)})
	private := []byte(`{"set":"e30="}`)
	resp, planned := runSetPlanner(t, prior, nullSet(), nullSet(), private)
	wantNoDiagnostics(t, resp)
	if !planned.IsNull() || string(resp.PlannedPrivate) != string(private) {
		t.Errorf("destroy planned %v with private %q, want null with %q", planned, resp.PlannedPrivate, private)
	}

	deferred := func() (*pingone.Client, bool) { return nil, true }
	proposed := setDynamic(t, setRaw(t, map[string]tftypes.Value{"environment_id": tfString(plannerEnv)}))
	resp, err := PlanOATHTokenSet(deferred)(context.Background(), &tfprotov6.PlanResourceChangeRequest{
		TypeName: OATHTokenSetTypeName, ProposedNewState: proposed, Config: proposed,
	})
	if err != nil {
		t.Fatal(err)
	}
	if resp.Deferred == nil || resp.Deferred.Reason != tfprotov6.DeferredReasonProviderConfigUnknown || resp.PlannedState != proposed {
		t.Errorf("deferred provider: %+v, want the proposed state, deferred for its configuration", resp)
	}
}

// TestSetPrivateFromProto reads the private state as terraform-plugin-framework writes it: each
// key's JSON, base64-encoded in a JSON object.
func TestSetPrivateFromProto(t *testing.T) {
	want := setPrivate{IDs: map[string]string{"HOTP1": "id-1"}, Jobs: []pendingJob{{ID: "job-1", Tokens: map[string]setToken{"HOTP2": {Type: "HOTP"}}}}}
	inner, err := json.Marshal(want)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := json.Marshal(map[string][]byte{setPrivateKey: inner, ".frameworkKey": []byte(`{}`)})
	if err != nil {
		t.Fatal(err)
	}
	got := setPrivateFromProto(raw)
	if got.IDs["HOTP1"] != "id-1" || len(got.Jobs) != 1 || got.Jobs[0].ID != "job-1" || got.Jobs[0].Tokens["HOTP2"].Type != "HOTP" {
		t.Errorf("setPrivateFromProto = %+v, want %+v", got, want)
	}
	for _, bad := range []string{"", "not json", `{"set":"bm90IGpzb24="}`} {
		if got := setPrivateFromProto([]byte(bad)); got.IDs != nil || got.Jobs != nil {
			t.Errorf("setPrivateFromProto(%q) = %+v, want nothing", bad, got)
		}
	}
}
