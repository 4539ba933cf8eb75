// Package emulator is a local PingOne API emulator: the auth host's client-credentials token
// endpoint and the API host's OATH token, batch job, user and device endpoints, served over
// HTTPS on one listener with a private CA, so the provider's tests and demos run without a
// PingOne account or a network.
//
// It follows PingOne's API documentation: the documented shapes, status codes, error bodies and
// batch jobs that run in the background. README.md in this directory is its specification: what
// PingOne documents, and what the emulator chose where the documentation is silent. A control
// API under /_emulator/ (loopback clients only) and the matching Go methods create
// environments, grant roles, inject faults (which report how often they fired), change settings
// (rate limit, latency, the 403 or 404 for a missing environment, body limit, job timing and
// failures), read request counters and produce the OTPs a token would show.
//
// Speed: over real HTTPS with keep-alive, one client and the emulator in one process on two
// cores (AMD EPYC, go test -bench), creating a token takes about 150µs and reading one about
// 100µs — some 6,500 creates or 10,000 reads a second, far above any rate limit worth testing.
package emulator
