package pskc_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/oathtokens/terraform-provider-pingone/internal/pskc"
)

// FuzzDecode feeds Decode arbitrary documents and keys: it must never panic, must return either
// tokens or an error, and its errors must never quote the key it was given. The RFC's figures
// and the vendor files are the seed corpus.
func FuzzDecode(f *testing.F) {
	files, err := filepath.Glob(filepath.Join("testdata", "*", "*.xml"))
	if err != nil || len(files) == 0 {
		f.Fatalf("no seed files: %v", err)
	}
	for _, name := range files {
		doc, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(doc, figure6Key)
		f.Add(doc, figure7Password)
	}
	f.Fuzz(func(t *testing.T, doc []byte, key string) {
		tokens, err := pskc.Decode(doc, pskc.KeyAsDeclared(key))
		if err != nil {
			if tokens != nil {
				t.Fatal("tokens returned with an error")
			}
			if len(key) >= 8 && strings.Contains(err.Error(), key) {
				t.Fatalf("the error %q quotes the key", err)
			}
			return
		}
		for _, tok := range tokens {
			if tok.Serial == "" || len(tok.Secret) == 0 {
				t.Fatalf("a token without a serial number or secret: %+v", tok)
			}
		}
	})
}
