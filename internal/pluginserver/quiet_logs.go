package pluginserver

import (
	"path"
	"strings"
)

// Log level variables that turn a provider's logs on. terraform-plugin-go reads them for every
// RPC; the engine passes its own environment on, so TF_LOG and TF_LOG_PROVIDER arrive here too.
const (
	envLog         = "TF_LOG"
	envLogProvider = "TF_LOG_PROVIDER"
	envLogSDK      = "TF_LOG_SDK"
	// envLogSDKFramework is the framework's own subsystem. Its level comes from this variable
	// alone, not from TF_LOG_SDK: unset, the subsystem "would log" at every level.
	envLogSDKFramework = "TF_LOG_SDK_FRAMEWORK"
)

// providerLogLevelVariable names the variable that sets the level of the provider's own logs, as
// terraform-plugin-go derives it from the registry address: TF_LOG_PROVIDER_PINGONE.
func providerLogLevelVariable(address string) string {
	return envLogProvider + "_" + strings.ToUpper(strings.ReplaceAll(path.Base(address), "-", "_"))
}

// quietLogLevels says which log levels to turn off, given the process environment and the
// provider's own level variable: the SDK's and the provider's when the user asked for no logs at
// all, none otherwise.
//
// With the levels unset, terraform-plugin-go logs at TRACE: dozens of JSON lines per resource that
// go-plugin streams to the engine, which parses and then drops them unless TF_LOG or
// TF_LOG_PROVIDER is set. That was a quarter of the provider's CPU time and a large part of the
// engine's (BENCHMARKS.md, finding 1). Any logging variable the user sets leaves everything as the
// SDK would have it, so TF_LOG=trace shows exactly what it always showed.
//
// The framework's subsystem is turned off too, for a second reason. terraform-plugin-framework
// v1.19 walks every value of a resource in every RPC (nullifying write-only attributes, marking
// computed nulls unknown) with a callback that wraps the RPC's context once more for each value it
// visits and then asks the context for the framework's logger: when the subsystem would log, each
// of those lookups walks the whole, ever deeper chain, so the RPC's cost grows with the square of
// the number of values. A token set of 5,000 tokens took 30 s of CPU per plan that way, and
// 10,000 four times as much. With the subsystem off, the lookup is skipped and the cost is linear.
func quietLogLevels(environ []string, providerLevel string) []string {
	for _, kv := range environ {
		name, value, _ := strings.Cut(kv, "=")
		if value == "" {
			continue
		}
		if name == envLog || name == envLogProvider ||
			strings.HasPrefix(name, envLogSDK) || strings.HasPrefix(name, providerLevel) {
			return nil
		}
	}
	return []string{envLogSDK, envLogSDKFramework, providerLevel}
}
