package mfa

import (
	"context"
	"encoding/json"

	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// PingOne never returns a token's secret, and an imported token's HOTP counter is the server's,
// which has moved on since the token was made. So right after an import the configuration's
// values cannot be compared with the state's: they are adopted, without replacing the token, and
// from then on a change replaces it as usual. The secret needs no mark: an imported state has
// neither secret nor secret_wo_version, which no created token has (oath_token_secret_plan.go).

// adoptKey is the private-state key that marks values to adopt from the next plan.
const adoptKey = "adopt"

type adoptMarks struct {
	Counter bool `json:"counter"`
}

type privateState interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
}

func adoptMarksFrom(ctx context.Context, private privateState) adoptMarks {
	var marks adoptMarks
	if private == nil {
		return marks
	}
	raw, diags := private.GetKey(ctx, adoptKey)
	if diags.HasError() || len(raw) == 0 {
		return marks
	}
	_ = json.Unmarshal(raw, &marks) // An unreadable mark adopts nothing: the safe default is to replace.
	return marks
}
