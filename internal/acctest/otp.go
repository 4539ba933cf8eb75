package acctest

import (
	"context"
	"testing"
	"time"

	"github.com/oathtokens/terraform-provider-pingone/internal/otp"
)

// TokenOTP is the OTP the token shows ahead steps from now, computed here from its seed (hex) and
// what PingOne says of it through the API: for HOTP the counter, for TOTP this machine's time step
// plus the drift PingOne measured. It needs no control API, so tests that use a token the way its
// holder would (resync, activation) run against a real PingOne too; it is independent of the
// provider's own computation.
func (e *Emulator) TokenOTP(t testing.TB, envID, tokenID, seedHex string, ahead int) string {
	t.Helper()
	token, err := e.Client(t).ReadOATHToken(context.Background(), envID, tokenID)
	if err != nil {
		t.Fatalf("read OATH token %s for its OTP: %v", tokenID, err)
	}
	seed, err := otp.DecodeSecret(seedHex)
	if err != nil {
		t.Fatalf("the seed of OATH token %s: %v", tokenID, err)
	}
	alg := otp.Algorithm(token.HashAlgorithm)
	if token.HashAlgorithm == "" {
		alg = otp.HmacSHA1
	}
	var factor int64
	switch {
	case token.Type == "HOTP" && token.HOTP != nil:
		factor = token.HOTP.Counter
	case token.Type == "TOTP" && token.TOTP != nil && token.TOTP.TimeStep > 0:
		step, err := otp.TimeCounter(time.Now(), time.Duration(token.TOTP.TimeStep)*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		factor = int64(step) + int64(token.TOTP.Drift)
	default:
		t.Fatalf("OATH token %s has neither a HOTP counter nor a TOTP time step: %+v", tokenID, token)
	}
	code, err := otp.HOTP(seed, uint64(factor+int64(ahead)), token.OTPLength, alg)
	if err != nil {
		t.Fatalf("OTP of token %s: %v", tokenID, err)
	}
	return code
}
