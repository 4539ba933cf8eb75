//go:build tools

// Package terraform pins the current Terraform engine used by the acceptance tests.
package terraform

import _ "github.com/hashicorp/terraform"
