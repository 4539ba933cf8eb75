// Package pskc reads Portable Symmetric Key Container files (RFC 6030), the XML in which token
// vendors deliver the seeds of their HOTP and TOTP tokens, and turns each key package into the
// values PingOne takes: the secret as bytes, the type, the OTP length, the hash algorithm and
// the counter or time step.
//
// It decrypts secrets protected with a pre-shared AES-CBC key (RFC 6030 section 6.1) or with a
// key derived from a password by PBKDF2 (section 6.2), and refuses every decrypted value whose
// MAC does not match. It has no Terraform types: internal/functions wraps it as pskc_decode.
// README.md lists every choice made where the RFC leaves room, and why. No error from this
// package ever contains a secret, a key or a password.
package pskc
