// Package reliability holds the provider's reliability and security test suite: faults that
// heal and faults that do not, load against a rate limit, emulator restarts, bad input refused
// at plan time, and secrets kept out of logs, output and state. The tests drive Terraform or
// OpenTofu against the local PingOne emulator, some through terraform-plugin-testing and some
// through the real engine binary with the real provider binary, as a user would run them.
// RELIABILITY.md at the repository root lists what they prove and the figures of the last run.
package reliability
