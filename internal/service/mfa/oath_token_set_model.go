package mfa

import (
	"fmt"
	"math/big"
	"slices"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// The set reads and writes its values by hand from the raw Terraform values, not through the
// framework's reflection: a set holds up to 100,000 tokens, and reflection over a map of that
// many objects costs seconds of CPU on every plan.

// setToken is one token of the set, as configured, planned or in state.
type setToken struct {
	Type          string
	OTPLength     int64
	HashAlgorithm string
	Counter       *int64 // the hotp block's counter; nil when there is no hotp block
	TimeStep      *int64 // the totp block's time step; nil when there is no totp block
	SecretVersion *int64
	// Unknown is true when a value of the token is not known yet (it comes from another
	// resource); the known fields are then incomplete.
	Unknown bool
}

// sameSettings reports whether two tokens have the same PingOne settings, the HOTP counter
// included unless ignoreCounter.
func (t setToken) sameSettings(o setToken, ignoreCounter bool) bool {
	return t.Type == o.Type && t.OTPLength == o.OTPLength && t.HashAlgorithm == o.HashAlgorithm &&
		equalInt(t.TimeStep, o.TimeStep) && (ignoreCounter || equalInt(counterOrZero(t.Counter), counterOrZero(o.Counter)))
}

func counterOrZero(c *int64) *int64 {
	if c == nil {
		zero := int64(0)
		return &zero
	}
	return c
}

func equalInt(a, b *int64) bool {
	return (a == nil) == (b == nil) && (a == nil || *a == *b)
}

var (
	setHOTPType  = tftypes.Object{AttributeTypes: map[string]tftypes.Type{"counter": tftypes.Number}}
	setTOTPType  = tftypes.Object{AttributeTypes: map[string]tftypes.Type{"time_step": tftypes.Number}}
	setTokenType = tftypes.Object{AttributeTypes: map[string]tftypes.Type{
		"type":           tftypes.String,
		"otp_length":     tftypes.Number,
		"hash_algorithm": tftypes.String,
		"hotp":           setHOTPType,
		"totp":           setTOTPType,
		"secret_version": tftypes.Number,
	}}
	setTokensType = tftypes.Map{ElementType: setTokenType}
)

// setTokens reads the tokens map. known is false when the map itself is not known yet; a null
// map reads as an empty one.
func setTokens(v tftypes.Value) (tokens map[string]setToken, known bool, err error) {
	if !v.IsKnown() {
		return nil, false, nil
	}
	if v.IsNull() {
		return map[string]setToken{}, true, nil
	}
	var elems map[string]tftypes.Value
	if err := v.As(&elems); err != nil {
		return nil, true, fmt.Errorf("read tokens: %w", err)
	}
	tokens = make(map[string]setToken, len(elems))
	for serial, e := range elems {
		t, err := readSetToken(e)
		if err != nil {
			return nil, true, fmt.Errorf("read tokens[%q]: %w", serial, err)
		}
		tokens[serial] = t
	}
	return tokens, true, nil
}

func readSetToken(v tftypes.Value) (setToken, error) {
	var t setToken
	if !v.IsKnown() {
		return setToken{Unknown: true}, nil
	}
	var attrs map[string]tftypes.Value
	if err := v.As(&attrs); err != nil {
		return t, err
	}
	var known bool
	var err error
	t.Type, known, err = stringOf(attrs["type"])
	t.Unknown = t.Unknown || !known
	if err != nil {
		return t, err
	}
	t.HashAlgorithm, known, err = stringOf(attrs["hash_algorithm"])
	t.Unknown = t.Unknown || !known
	if err != nil {
		return t, err
	}
	var length *int64
	length, known, err = int64Of(attrs["otp_length"])
	t.Unknown = t.Unknown || !known
	if err != nil {
		return t, err
	}
	if length != nil {
		t.OTPLength = *length
	}
	t.SecretVersion, known, err = int64Of(attrs["secret_version"])
	t.Unknown = t.Unknown || !known
	if err != nil {
		return t, err
	}
	t.Counter, known, err = nestedInt64(attrs["hotp"], "counter")
	t.Unknown = t.Unknown || !known
	if err != nil {
		return t, err
	}
	t.TimeStep, known, err = nestedInt64(attrs["totp"], "time_step")
	t.Unknown = t.Unknown || !known
	return t, err
}

func stringOf(v tftypes.Value) (s string, known bool, err error) {
	if !v.IsKnown() {
		return "", false, nil
	}
	if v.IsNull() {
		return "", true, nil
	}
	err = v.As(&s)
	return s, true, err
}

func int64Of(v tftypes.Value) (n *int64, known bool, err error) {
	if !v.IsKnown() {
		return nil, false, nil
	}
	if v.IsNull() {
		return nil, true, nil
	}
	var f big.Float
	if err := v.As(&f); err != nil {
		return nil, true, err
	}
	i, acc := f.Int64()
	if acc != big.Exact {
		return nil, true, fmt.Errorf("%s is not a whole number in range", f.String())
	}
	return &i, true, nil
}

// nestedInt64 reads one number of a nested object; a null object reads as nil.
func nestedInt64(v tftypes.Value, name string) (*int64, bool, error) {
	if !v.IsKnown() {
		return nil, false, nil
	}
	if v.IsNull() {
		return nil, true, nil
	}
	var attrs map[string]tftypes.Value
	if err := v.As(&attrs); err != nil {
		return nil, true, err
	}
	n, known, err := int64Of(attrs[name])
	if err == nil && known && n == nil {
		return nil, true, fmt.Errorf("%s is null", name)
	}
	return n, known, err
}

// setTokensValue writes the tokens map; every value is known.
func setTokensValue(tokens map[string]setToken) tftypes.Value {
	elems := make(map[string]tftypes.Value, len(tokens))
	for serial, t := range tokens {
		elems[serial] = setTokenValue(t)
	}
	return tftypes.NewValue(setTokensType, elems)
}

func setTokenValue(t setToken) tftypes.Value {
	hotp := tftypes.NewValue(setHOTPType, nil)
	if t.Counter != nil {
		hotp = tftypes.NewValue(setHOTPType, map[string]tftypes.Value{"counter": numberValue(t.Counter)})
	}
	totp := tftypes.NewValue(setTOTPType, nil)
	if t.TimeStep != nil {
		totp = tftypes.NewValue(setTOTPType, map[string]tftypes.Value{"time_step": numberValue(t.TimeStep)})
	}
	return tftypes.NewValue(setTokenType, map[string]tftypes.Value{
		"type":           tftypes.NewValue(tftypes.String, t.Type),
		"otp_length":     numberValue(&t.OTPLength),
		"hash_algorithm": tftypes.NewValue(tftypes.String, t.HashAlgorithm),
		"hotp":           hotp,
		"totp":           totp,
		"secret_version": numberValue(t.SecretVersion),
	})
}

func numberValue(n *int64) tftypes.Value {
	if n == nil {
		return tftypes.NewValue(tftypes.Number, nil)
	}
	return tftypes.NewValue(tftypes.Number, new(big.Float).SetInt64(*n))
}

// stringMapOf reads a map of strings (the set's seeds, the assignments' users and seeds); name is
// the attribute, for errors. known is false when the map is not known yet; unknown elements of a
// known map are left out of m and listed in unknown, and null ones are left out.
func stringMapOf(v tftypes.Value, name string) (m map[string]string, unknown []string, known bool, err error) {
	if !v.IsKnown() {
		return nil, nil, false, nil
	}
	m = map[string]string{}
	if v.IsNull() {
		return m, nil, true, nil
	}
	var elems map[string]tftypes.Value
	if err := v.As(&elems); err != nil {
		return nil, nil, true, fmt.Errorf("read %s: %w", name, err)
	}
	for key, e := range elems {
		s, k, err := stringOf(e)
		if err != nil {
			return nil, nil, true, fmt.Errorf("read %s[%q]: %w", name, key, err)
		}
		if !k {
			unknown = append(unknown, key)
			continue
		}
		if !e.IsNull() {
			m[key] = s
		}
	}
	slices.Sort(unknown)
	return m, unknown, true, nil
}

// objectAttrs reads the top-level attributes of a resource's raw value.
func objectAttrs(v tftypes.Value) (map[string]tftypes.Value, error) {
	var attrs map[string]tftypes.Value
	if err := v.As(&attrs); err != nil {
		return nil, err
	}
	return attrs, nil
}

// withAttrs returns v with some top-level attributes replaced.
func withAttrs(v tftypes.Value, replace map[string]tftypes.Value) (tftypes.Value, error) {
	attrs, err := objectAttrs(v)
	if err != nil {
		return v, err
	}
	for name, value := range replace {
		attrs[name] = value
	}
	return tftypes.NewValue(v.Type(), attrs), nil
}

// sortedSerials returns the map's keys in order, so that jobs, errors and logs are stable.
func sortedSerials[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// stringMapValue writes a map of strings.
func stringMapValue(m map[string]string) tftypes.Value {
	elems := make(map[string]tftypes.Value, len(m))
	for k, v := range m {
		elems[k] = tftypes.NewValue(tftypes.String, v)
	}
	return tftypes.NewValue(tftypes.Map{ElementType: tftypes.String}, elems)
}
