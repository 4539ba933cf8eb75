//go:build !race

package pskc_test

// raceEnabled is true when the tests run under the race detector, which slows decoding tenfold.
const raceEnabled = false
