package pskc_test

import (
	"github.com/oathtokens/terraform-provider-pingone/internal/pskc/pskctest"
)

// The keys of the generated documents. Their secrets are distinctive, so that a test can search
// for them in error messages.
var (
	presharedEncryption = pskctest.Encryption{
		Key:    []byte("0123456789abcdef"),
		MACKey: []byte("mac key of twenty b."),
	}
	passwordEncryption = pskctest.Encryption{
		Password:   "correct horse battery staple",
		Salt:       []byte("pepper and salt"),
		Iterations: 1000,
		MACKey:     []byte("another mac key....."),
	}
)
