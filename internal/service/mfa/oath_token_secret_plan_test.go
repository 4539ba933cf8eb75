package mfa

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestPlanSecretChange(t *testing.T) {
	const seed, other = "0a1b2c3d", "ffeeddcc"
	str, unknownStr, nullStr := types.StringValue, types.StringUnknown(), types.StringNull()
	num, unknownNum, nullNum := types.Int64Value, types.Int64Unknown(), types.Int64Null()
	inState := func(secret types.String, version types.Int64) secretValues {
		return secretValues{Secret: secret, SecretWO: nullStr, WOVersion: version}
	}
	cases := []struct {
		name        string
		state, plan secretValues
		replace     *path.Path
		warns       bool
	}{
		{"unchanged", inState(str(seed), nullNum), secretValues{str(seed), nullStr, nullNum}, nil, false},
		{"only the case of the hex digits", inState(str(seed), nullNum), secretValues{str("0A1B2C3D"), nullStr, nullNum}, nil, false},
		{"another seed", inState(str(seed), nullNum), secretValues{str(other), nullStr, nullNum}, &pathSecret, false},
		{"a seed not known yet", inState(str(seed), nullNum), secretValues{unknownStr, nullStr, nullNum}, &pathSecret, false},
		{"to secret_wo, same seed", inState(str(seed), nullNum), secretValues{nullStr, str(seed), num(1)}, nil, false},
		{"to secret_wo, another seed", inState(str(seed), nullNum), secretValues{nullStr, str(other), num(1)}, &pathSecret, false},
		{"to secret_wo, not known yet", inState(str(seed), nullNum), secretValues{nullStr, unknownStr, num(1)}, &pathSecret, false},
		{"write-only, version unchanged", inState(nullStr, num(1)), secretValues{nullStr, str(other), num(1)}, nil, false},
		{"write-only, version bumped", inState(nullStr, num(1)), secretValues{nullStr, str(seed), num(2)}, &pathSecretWOVersion, false},
		{"write-only, version not known yet", inState(nullStr, num(1)), secretValues{nullStr, str(seed), unknownNum}, &pathSecretWOVersion, false},
		{"back to secret", inState(nullStr, num(1)), secretValues{str(seed), nullStr, nullNum}, nil, true},
		{"after an import, secret adopted", inState(nullStr, nullNum), secretValues{str(seed), nullStr, nullNum}, nil, false},
		{"after an import, write-only adopted", inState(nullStr, nullNum), secretValues{nullStr, str(seed), num(4)}, nil, false},
		{"after an import, unknown adopted", inState(nullStr, nullNum), secretValues{unknownStr, nullStr, nullNum}, nil, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := planSecretChange(tc.state, tc.plan)
			switch {
			case tc.replace == nil && got.Replace != nil:
				t.Errorf("replaces for %s, want no replacement", got.Replace)
			case tc.replace != nil && (got.Replace == nil || !got.Replace.Equal(*tc.replace)):
				t.Errorf("replaces for %v, want %s", got.Replace, tc.replace)
			}
			if (got.Warning != "") != tc.warns {
				t.Errorf("warning %q, want one: %v", got.Warning, tc.warns)
			}
		})
	}
}
