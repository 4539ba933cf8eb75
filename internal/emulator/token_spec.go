package emulator

import (
	"math"
	"time"

	"github.com/oathtokens/terraform-provider-pingone/internal/otp"
)

// Limits from the API reference.
const (
	maxSerialLength = 50
	maxSecretLength = 200
)

// tokenSpec is a validated create request, for one token or one item of a batch job.
type tokenSpec struct {
	serial   string
	secret   string
	key      []byte
	kind     string
	digits   int
	alg      otp.Algorithm
	counter  uint64
	timeStep int
	// rowNumber is where the token's data was in a seed file, as a client says; nil if not.
	rowNumber *int64
}

// parseTokenSpec checks every property of a token on create and reports every violation.
// Read-only properties (id, environment, totp.drift, createdAt, ...) and unknown ones are
// ignored, as PingOne ignores them, so a client may send back what it read.
func parseTokenSpec(f *fields) (tokenSpec, bool) {
	before := len(*f.details)
	var s tokenSpec
	if serial, ok := f.str("serialNumber", true); ok {
		switch {
		case len(serial) > maxSerialLength:
			f.add(invalidValue(f.target("serialNumber"), "serialNumber must be at most 50 characters."))
		case !isAlphanumeric(serial):
			f.add(invalidValue(f.target("serialNumber"), "serialNumber must contain only letters and digits."))
		default:
			s.serial = serial
		}
	}
	if secret, ok := f.str("secret", true); ok {
		// The messages never repeat the secret: error bodies end up in logs.
		switch {
		case len(secret) > maxSecretLength:
			f.add(invalidValue(f.target("secret"), "secret must be at most 200 characters."))
		case !isHex(secret):
			f.add(invalidValue(f.target("secret"), "secret must be hexadecimal."))
		case len(secret)%2 != 0:
			f.add(invalidValue(f.target("secret"), "secret must have an even number of hexadecimal digits."))
		default:
			s.secret = secret
			s.key, _ = otp.DecodeSecret(secret)
		}
	}
	s.kind, _ = f.oneOf("type", true, typeHOTP, typeTOTP)
	if n, ok := f.oneOfInts("otpLength", true, 6, 8); ok {
		s.digits = int(n)
	}
	s.alg = otp.HmacSHA1
	algs := []string{string(otp.HmacSHA1), string(otp.HmacSHA256), string(otp.HmacSHA512)}
	if alg, ok := f.oneOf("hashAlgorithm", false, algs...); ok {
		s.alg = otp.Algorithm(alg)
		if s.kind == typeHOTP && s.alg != otp.HmacSHA1 {
			f.add(notAllowed(f.target("hashAlgorithm"), string(otp.HmacSHA1)))
		}
	}
	s.parseHOTP(f)
	s.parseTOTP(f)
	if n, ok := f.integer("rowNumber", false, 0, math.MaxInt32); ok {
		s.rowNumber = &n
	}
	return s, len(*f.details) == before
}

// parseHOTP reads hotp.counter; the hotp object belongs to HOTP tokens only.
func (s *tokenSpec) parseHOTP(f *fields) {
	h, ok := f.object("hotp", false)
	if !ok {
		return
	}
	if s.kind == typeTOTP {
		f.add(invalidValue(f.target("hotp"), "hotp applies to HOTP tokens only."))
		return
	}
	if n, ok := h.integer("counter", false, 0, math.MaxInt64); ok {
		s.counter = uint64(n)
	}
}

// parseTOTP reads totp.timeStep, required for TOTP tokens; the totp object belongs to TOTP
// tokens only.
func (s *tokenSpec) parseTOTP(f *fields) {
	t, ok := f.object("totp", false)
	if s.kind == typeHOTP {
		if ok {
			f.add(invalidValue(f.target("totp"), "totp applies to TOTP tokens only."))
		}
		return
	}
	if !ok {
		if s.kind == typeTOTP && !f.present("totp") {
			f.add(required(f.target("totp.timeStep")))
		}
		return
	}
	if n, ok := t.oneOfInts("timeStep", s.kind == typeTOTP, 30, 60); ok {
		s.timeStep = int(n)
	}
}

// token makes the record for a validated spec.
func (s tokenSpec) token(id string, now time.Time) *oathToken {
	t := &oathToken{
		ID: id, SerialNumber: s.serial, Secret: s.secret, Type: s.kind, OTPLength: s.digits,
		HashAlgorithm: s.alg, CreatedAt: now, UpdatedAt: now, key: s.key,
	}
	if s.kind == typeHOTP {
		t.Counter = s.counter
	} else {
		t.TimeStep = s.timeStep
	}
	return t
}
