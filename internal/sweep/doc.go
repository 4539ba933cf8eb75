// Package sweep holds the acceptance tests' sweepers: run with make sweep, they remove from the
// test environments whatever OATH tokens and users interrupted test runs left there, and nothing
// else. See the README's section on running the tests against your own PingOne environment.
package sweep
