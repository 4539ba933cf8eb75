package validators

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func validate(v validator.String, value string) []string {
	resp := &validator.StringResponse{}
	v.ValidateString(context.Background(), validator.StringRequest{
		Path: path.Root("attr"), ConfigValue: types.StringValue(value),
	}, resp)
	var details []string
	for _, d := range resp.Diagnostics.Errors() {
		details = append(details, d.Detail())
	}
	return details
}

func TestHexSecret(t *testing.T) {
	v := HexSecret(8)
	for _, ok := range []string{"00", "abCD12ef", "3132"} {
		if errs := validate(v, ok); len(errs) > 0 {
			t.Errorf("%q rejected: %v", ok, errs)
		}
	}
	bad := map[string]string{
		"":            "empty",
		"abc":         "odd number",
		"zz":          "not hexadecimal",
		"0123456789a": "11 digits",
		"secret!!":    "not hexadecimal",
	}
	for value, want := range bad {
		errs := validate(v, value)
		if len(errs) != 1 || !strings.Contains(errs[0], want) {
			t.Errorf("%q: errors %v, want one mentioning %q", value, errs, want)
			continue
		}
		if value != "" && strings.Contains(errs[0], value) {
			t.Errorf("%q: the error quotes the secret: %s", value, errs[0])
		}
	}
}

func TestPingOneID(t *testing.T) {
	if errs := validate(PingOneID(), "11111111-2222-3333-4444-555555555555"); len(errs) > 0 {
		t.Errorf("valid ID rejected: %v", errs)
	}
	for _, bad := range []string{"", "prod", "11111111-2222-3333-4444-55555555555", "11111111222233334444555555555555"} {
		if errs := validate(PingOneID(), bad); len(errs) != 1 {
			t.Errorf("%q: errors %v, want one", bad, errs)
		}
	}
}

// TestServiceEndpointAndProxyValidators check that the schema applies the client's own rules,
// naming the attribute; the rules themselves are tested in internal/pingone.
func TestServiceEndpointAndProxyValidators(t *testing.T) {
	for _, ok := range []string{"api.pingone.eu", "127.0.0.1:8443", "localhost", "[::1]:443", "gateway.example.com/pingone"} {
		if errs := validate(ServiceEndpoint(), ok); len(errs) != 0 {
			t.Errorf("%q rejected: %v", ok, errs)
		}
	}
	for _, bad := range []string{"https://api.pingone.eu", "api.pingone.eu/v1", "host:0", "host:99999", "-bad", "user@host"} {
		if errs := validate(ServiceEndpoint(), bad); len(errs) != 1 {
			t.Errorf("%q: errors %v, want one", bad, errs)
		}
	}
	if errs := validate(ProxyURL(), "ftp://proxy"); len(errs) != 1 || !strings.Contains(errs[0], "ftp") {
		t.Errorf("proxy: %v", errs)
	}
	if errs := validate(ProxyURL(), "http://proxy:3128"); len(errs) != 0 {
		t.Errorf("proxy: %v", errs)
	}
}
