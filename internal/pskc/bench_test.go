package pskc_test

import (
	"bytes"
	"math"
	"testing"
	"time"

	"github.com/oathtokens/terraform-provider-pingone/internal/otp"
	"github.com/oathtokens/terraform-provider-pingone/internal/pskc"
	"github.com/oathtokens/terraform-provider-pingone/internal/pskc/pskctest"
)

// The issue asks that a file of 10,000 keys decode in under a second. These benchmarks measure
// it for a plain file, a file under a pre-shared key and a file under a password, with
// "go test -run '^$' -bench Decode10000 ./internal/pskc/".
const benchKeys = 10_000

func BenchmarkDecode10000Plain(b *testing.B) {
	benchmarkDecode(b, pskctest.Write(pskctest.Tokens(benchKeys), nil), pskc.Key{})
}

func BenchmarkDecode10000PresharedKey(b *testing.B) {
	benchmarkDecode(b, pskctest.Write(pskctest.Tokens(benchKeys), &presharedEncryption), pskc.PresharedKey(presharedEncryption.Key))
}

func BenchmarkDecode10000Password(b *testing.B) {
	benchmarkDecode(b, pskctest.Write(pskctest.Tokens(benchKeys), &passwordEncryption), pskc.Password(passwordEncryption.Password))
}

func benchmarkDecode(b *testing.B, doc []byte, key pskc.Key) {
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		tokens, err := pskc.Decode(doc, key)
		if err != nil {
			b.Fatal(err)
		}
		if len(tokens) != benchKeys {
			b.Fatalf("decoded %d tokens, want %d", len(tokens), benchKeys)
		}
	}
}

// TestDecode10000Keys decodes a password-protected file of 10,000 keys, checks every token, and
// checks the bound of one second on the best of three runs, so that a moment of load on a
// shared machine does not fail it. The race detector's slowdown makes the bound meaningless
// there, so it is checked only without it; BenchmarkDecode10000* give the precise figures.
func TestDecode10000Keys(t *testing.T) {
	if testing.Short() {
		t.Skip("decodes 10,000 keys")
	}
	want := pskctest.Tokens(benchKeys)
	doc := pskctest.Write(want, &passwordEncryption)
	best := time.Duration(math.MaxInt64)
	for range 3 {
		start := time.Now()
		tokens, err := pskc.Decode(doc, pskc.Password(passwordEncryption.Password))
		best = min(best, time.Since(start))
		if err != nil {
			t.Fatal(err)
		}
		if len(tokens) != benchKeys {
			t.Fatalf("decoded %d tokens, want %d", len(tokens), benchKeys)
		}
		for i, tok := range tokens {
			w := want[i]
			if tok.Serial != w.Serial || !bytes.Equal(tok.Secret, w.Secret) || (tok.Type == otp.TypeTOTP) != w.TOTP {
				t.Fatalf("token %d: got %s %x %s, want %s %x", i, tok.Serial, tok.Secret, tok.Type, w.Serial, w.Secret)
			}
			if !w.TOTP && tok.Counter != w.Counter || w.TOTP && tok.TimeStep != 30 {
				t.Fatalf("token %d: counter %d, time step %d", i, tok.Counter, tok.TimeStep)
			}
		}
	}
	t.Logf("%d keys (%d bytes, password-protected) decoded in %s at best", benchKeys, len(doc), best)
	if !raceEnabled && best > time.Second {
		t.Errorf("decoding %d keys took %s at best, over the one second the issue allows", benchKeys, best)
	}
}
