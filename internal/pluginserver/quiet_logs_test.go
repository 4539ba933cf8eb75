package pluginserver

import (
	"slices"
	"testing"
)

func TestQuietLogLevels(t *testing.T) {
	quiet := []string{envLogSDK, envLogSDKFramework, "TF_LOG_PROVIDER_PINGONE"}
	tests := []struct {
		name    string
		environ []string
		want    []string
	}{
		{"nothing set", []string{"HOME=/root", "PATH=/bin"}, quiet},
		{"set but empty counts as unset", []string{"TF_LOG=", "TF_LOG_PROVIDER="}, quiet},
		{"another provider's level", []string{"TF_LOG_PROVIDER_AWS=debug"}, quiet},
		{"engine core logs only", []string{"TF_LOG_CORE=trace"}, quiet},
		{"TF_LOG", []string{"TF_LOG=trace"}, nil},
		{"TF_LOG_PROVIDER", []string{"TF_LOG_PROVIDER=debug"}, nil},
		{"TF_LOG_SDK", []string{"TF_LOG_SDK=info"}, nil},
		{"an SDK subsystem", []string{"TF_LOG_SDK_FRAMEWORK=trace"}, nil},
		{"this provider", []string{"TF_LOG_PROVIDER_PINGONE=debug"}, nil},
		{"a subsystem of this provider", []string{"TF_LOG_PROVIDER_PINGONE_HTTP=trace"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := quietLogLevels(tt.environ, "TF_LOG_PROVIDER_PINGONE"); !slices.Equal(got, tt.want) {
				t.Errorf("quietLogLevels(%q) = %q, want %q", tt.environ, got, tt.want)
			}
		})
	}
}

func TestProviderLogLevelVariable(t *testing.T) {
	for address, want := range map[string]string{
		"registry.terraform.io/oathtokens/pingone":  "TF_LOG_PROVIDER_PINGONE",
		"registry.terraform.io/example/my-provider": "TF_LOG_PROVIDER_MY_PROVIDER",
	} {
		if got := providerLogLevelVariable(address); got != want {
			t.Errorf("providerLogLevelVariable(%q) = %q, want %q", address, got, want)
		}
	}
}
