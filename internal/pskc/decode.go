package pskc

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/oathtokens/terraform-provider-pingone/internal/otp"
)

// Defaults for what a key package may leave out.
const (
	// DefaultOTPLength applies when a key has no ResponseFormat Length: the six digits of RFC 4226.
	DefaultOTPLength = 6
	// DefaultTimeStep applies when a TOTP key has no TimeInterval: RFC 6238's 30 seconds.
	DefaultTimeStep = 30
)

// Token is one key package, in the form PingOne takes it.
type Token struct {
	Serial        string
	Secret        []byte
	Type          string // otp.TypeHOTP or otp.TypeTOTP.
	OTPLength     int
	HashAlgorithm otp.Algorithm
	Counter       int64 // HOTP only.
	TimeStep      int64 // TOTP only, in seconds.
}

// Decode reads a PSKC document and returns its tokens in document order. It opens encrypted
// values with k, which is used only if a value is encrypted: the zero Key does for plain text. Each token is named by its
// DeviceInfo SerialNo, or by its Key Id when the package has no serial number; two packages with
// the same name are an error, as are keys that are neither HOTP nor TOTP, except the PIN keys of
// RFC 6030 figure 5, which are skipped. Errors in a key package are *PackageError; errors the key
// causes or would fix match ErrKey.
func Decode(doc []byte, k Key) ([]Token, error) {
	c, err := parse(doc)
	if err != nil {
		return nil, err
	}
	o := newOpener(c, k)
	tokens := make([]Token, 0, len(c.Packages))
	seen := make(map[string]int, len(c.Packages))
	for i := range c.Packages {
		p := &c.Packages[i]
		t, isToken, err := o.token(p)
		if err == nil && isToken {
			if first, dup := seen[t.Serial]; dup {
				err = fmt.Errorf("has the same serial number as key package %d, and PingOne serial numbers are unique", first)
			}
		}
		if err != nil {
			return nil, packageError(i+1, p, err)
		}
		if isToken {
			seen[t.Serial] = i + 1
			tokens = append(tokens, t)
		}
	}
	return tokens, nil
}

func parse(doc []byte) (*container, error) {
	d := xml.NewDecoder(bytes.NewReader(doc))
	// The document reaches Decode as text already decoded to UTF-8 (Terraform strings are), so a
	// declared encoding such as ISO-8859-1 describes the file it came from, not these bytes.
	d.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
	var c struct {
		XMLName xml.Name `xml:"KeyContainer"`
		container
	}
	if err := d.Decode(&c); err != nil {
		var syntax *xml.SyntaxError
		if errors.As(err, &syntax) {
			return nil, fmt.Errorf("the document is not well-formed XML: line %d: %s", syntax.Line, syntaxProblem(syntax.Msg))
		}
		if errors.Is(err, io.EOF) {
			return nil, errors.New("the document holds no XML element")
		}
		return nil, fmt.Errorf("the document is not a PSKC key container: %w", err)
	}
	if len(c.Packages) == 0 {
		return nil, errors.New("the key container holds no KeyPackage")
	}
	return &c.container, nil
}

// syntaxProblem is the XML decoder's message, except where it quotes text from the document
// rather than markup: an entity reference and an illegal character could be part of a secret.
func syntaxProblem(msg string) string {
	switch {
	case strings.HasPrefix(msg, "invalid character entity"):
		return "invalid character entity"
	case strings.HasPrefix(msg, "illegal character code"):
		return "illegal character"
	}
	return msg
}

func packageError(position int, p *keyPackage, err error) error {
	e := &PackageError{Position: position, Serial: strings.TrimSpace(p.SerialNo), Err: err}
	if p.Key != nil {
		e.KeyID = strings.TrimSpace(p.Key.ID)
	}
	return e
}

// token converts one key package; isToken is false for the PIN keys that Decode skips.
func (o *opener) token(p *keyPackage) (t Token, isToken bool, err error) {
	k := p.Key
	if k == nil {
		return Token{}, false, errors.New("holds no Key")
	}
	t.Type, err = tokenType(k.Algorithm)
	if err != nil || t.Type == typePIN {
		return Token{}, false, err
	}
	if t.Serial = strings.TrimSpace(p.SerialNo); t.Serial == "" {
		t.Serial = strings.TrimSpace(k.ID)
	}
	if t.Serial == "" {
		return Token{}, false, errors.New("has neither a DeviceInfo SerialNo nor a Key Id to name the token by")
	}
	if k.Data.Secret == nil {
		return Token{}, false, errors.New("holds no Secret (a key derived from a vendor's master key by KeyReference cannot be decoded; ask the vendor for the secrets)")
	}
	if t.Secret, err = o.secret(k.Data.Secret); err != nil {
		return Token{}, false, err
	}
	if len(t.Secret) == 0 {
		return Token{}, false, errors.New("the secret is empty")
	}
	if t.OTPLength, err = otpLength(k.Response); err != nil {
		return Token{}, false, err
	}
	if t.HashAlgorithm, err = suiteAlgorithm(k.Suite); err != nil {
		return Token{}, false, err
	}
	if t.Type == otp.TypeHOTP {
		t.Counter, err = o.counter(k.Data.Counter)
	} else {
		t.TimeStep, err = o.timeStep(k.Data)
	}
	if err != nil {
		return Token{}, false, err
	}
	return t, true, nil
}

// otpLength reads the ResponseFormat: PingOne tokens show decimal digits without a check digit.
func otpLength(r *responseFormat) (int, error) {
	if r == nil {
		return DefaultOTPLength, nil
	}
	if enc := strings.ToUpper(strings.TrimSpace(r.Encoding)); enc != "" && enc != "DECIMAL" {
		return 0, fmt.Errorf("the response encoding is %s, and PingOne tokens show DECIMAL digits", enc)
	}
	if cd := strings.TrimSpace(r.CheckDigit); cd == "true" || cd == "1" {
		return 0, errors.New("the response adds a Luhn check digit, which PingOne does not verify")
	}
	if strings.TrimSpace(r.Length) == "" {
		return DefaultOTPLength, nil
	}
	n, err := parseDecimal(r.Length)
	if err != nil || n < 1 || n > 10 {
		return 0, errors.New("the ResponseFormat Length is not a whole number from 1 to 10")
	}
	return int(n), nil
}

func (o *opener) counter(v *dataValue) (int64, error) {
	if v == nil {
		return 0, nil
	}
	n, err := o.integer(v, "Counter")
	if err != nil {
		return 0, err
	}
	if n > math.MaxInt64 {
		return 0, fmt.Errorf("the Counter is above %d, the largest PingOne stores", int64(math.MaxInt64))
	}
	return int64(n), nil
}

// timeStep reads the TimeInterval, and refuses a Time (T0) other than the Unix epoch, from which
// PingOne counts time steps: such a token would never show the OTP PingOne expects.
func (o *opener) timeStep(d keyData) (int64, error) {
	if d.Time != nil {
		t0, err := o.integer(d.Time, "Time")
		if err != nil {
			return 0, err
		}
		if t0 != 0 {
			return 0, fmt.Errorf("the Time (T0) is %d, and PingOne counts time steps from the Unix epoch (T0 = 0)", t0)
		}
	}
	if d.TimeInterval == nil {
		return DefaultTimeStep, nil
	}
	n, err := o.integer(d.TimeInterval, "TimeInterval")
	if err != nil {
		return 0, err
	}
	if n < 1 || n > math.MaxInt32 {
		return 0, errors.New("the TimeInterval is not a positive number of seconds")
	}
	return int64(n), nil
}
