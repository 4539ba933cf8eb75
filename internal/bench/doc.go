// Package bench is the benchmark harness behind `make bench`. It builds the real provider and
// the real PingOne emulator command with `go build`, starts the emulator on 127.0.0.1, and runs
// the real engine binaries (Terraform and OpenTofu) against them through dev_overrides, in
// temporary working directories.
//
// Every number it reports is a ratio of two measurements taken side by side in one run: the
// machine is shared and noisy, so absolute times say little, while a provider run next to the
// engine's own floor, or next to the floor a slow or rate-limited PingOne imposes, says how much
// the provider adds.
package bench
