//go:build tools

// Package tofu pins the OpenTofu engine used by the acceptance tests.
package tofu

import _ "github.com/opentofu/opentofu/cmd/tofu"
