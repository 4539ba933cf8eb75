package pingone

import (
	"strings"
	"testing"
)

func TestParseEndpoint(t *testing.T) {
	good := map[string]Endpoint{
		"api.pingone.eu":                  {Host: "api.pingone.eu"},
		"127.0.0.1:8443":                  {Host: "127.0.0.1:8443"},
		"[::1]:8443":                      {Host: "[::1]:8443"},
		"gateway.example.com/pingone":     {Host: "gateway.example.com", PathPrefix: "/pingone"},
		"gateway.example.com:9443/a/b-c/": {Host: "gateway.example.com:9443", PathPrefix: "/a/b-c"},
		"gateway.example.com/":            {Host: "gateway.example.com"},
	}
	for in, want := range good {
		got, err := ParseEndpoint(in)
		if err != nil || got != want {
			t.Errorf("ParseEndpoint(%q) = %+v, %v; want %+v", in, got, err, want)
		}
	}
	bad := map[string]string{
		"":                            "empty",
		"https://api.pingone.eu":      "without a scheme",
		"api.pingone.eu:99999":        "port",
		"api.pingone.eu:x":            "port",
		"::1":                         "brackets",
		"user@api.pingone.eu":         "without a scheme",
		"api.pingone.eu?x=1":          "without a scheme",
		"api_pingone.eu":              "host name",
		":8443":                       "must name a host",
		"api.pingone.eu/v1":           "/v1",
		"gateway.example.com/p/V1":    "/v1",
		"gateway.example.com/a//b":    "path prefix",
		"gateway.example.com/a/../b":  "path prefix",
		"gateway.example.com/a%2Fb/c": "path prefix",
	}
	for in, want := range bad {
		_, err := ParseEndpoint(in)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseEndpoint(%q) error %v, want one mentioning %q", in, err, want)
		}
	}
}

func TestCheckProxyURL(t *testing.T) {
	for _, ok := range []string{"http://proxy:3128", "https://proxy.example.com", "socks5://127.0.0.1:1080", "socks5h://p:1"} {
		if _, err := CheckProxyURL(ok); err != nil {
			t.Errorf("CheckProxyURL(%q): %v", ok, err)
		}
	}
	for in, want := range map[string]string{"proxy:3128": "must be a URL", "ftp://proxy": `scheme "ftp"`, "http://": "must be a URL"} {
		if _, err := CheckProxyURL(in); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("CheckProxyURL(%q) error %v, want one mentioning %q", in, err, want)
		}
	}
}

func TestCanonicalIDs(t *testing.T) {
	upper := "6C796712-0F16-4062-815A-E0A92F4A2143"
	if got := CanonicalID(upper); got != strings.ToLower(upper) {
		t.Errorf("CanonicalID = %s", got)
	}
	if got := CanonicalID("SERIAL1"); got != "SERIAL1" {
		t.Errorf("a value that is not an ID changed: %s", got)
	}
	if !SameID(upper, strings.ToLower(upper)) || SameID("ABC", "abc") || SameID(upper, "6c796712-0f16-4062-815a-e0a92f4a2144") {
		t.Error("SameID compares UUIDs without case, and nothing else")
	}
}
