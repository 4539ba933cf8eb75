package mfa

import (
	"fmt"
	"math/big"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/oathtokens/terraform-provider-pingone/internal/pingone"
)

// pingone_oath_token reads and writes its values by hand from the raw Terraform values. It runs
// for every token in every plan and apply, and the framework's reflection (Get and Set of the
// whole model, GetAttribute for each attribute) and a validator and plan modifier per attribute
// each walk the schema again: measured, they made the resource cost about twice a framework
// provider with the same attributes (BENCHMARKS.md). One pass over raw values does the same work.

// tokenAttrs are the resource's top-level attributes.
type tokenAttrs map[string]tftypes.Value

func readTokenAttrs(v tftypes.Value) (tokenAttrs, error) {
	if v.IsNull() || !v.IsKnown() {
		return tokenAttrs{}, nil
	}
	var attrs map[string]tftypes.Value
	if err := v.As(&attrs); err != nil {
		return nil, fmt.Errorf("read the OATH token's values: %w", err)
	}
	return attrs, nil
}

// str returns a string attribute; "" when it is null or unknown.
func (a tokenAttrs) str(name string) string {
	s, _, _ := stringOf(a[name])
	return s
}

// num returns a whole-number attribute, nil when it is null or unknown.
func (a tokenAttrs) num(name string) *int64 {
	n, _, _ := int64Of(a[name])
	return n
}

// flag returns a bool attribute, false when it is null or unknown.
func (a tokenAttrs) flag(name string) bool {
	var b bool
	if v := a[name]; v.IsKnown() && !v.IsNull() {
		_ = v.As(&b)
	}
	return b
}

// known reports whether the attribute is known (null counts as known).
func (a tokenAttrs) known(name string) bool {
	v, ok := a[name]
	return !ok || v.IsKnown()
}

// isNull reports whether the attribute is null (a missing attribute counts as null).
func (a tokenAttrs) isNull(name string) bool {
	v, ok := a[name]
	return !ok || v.IsNull()
}

// value rebuilds the resource's object of the given type from the attributes.
func (a tokenAttrs) value(t tftypes.Type) tftypes.Value {
	return tftypes.NewValue(t, map[string]tftypes.Value(a))
}

var (
	tokenHOTPType         = tftypes.Object{AttributeTypes: map[string]tftypes.Type{"counter": tftypes.Number}}
	tokenTOTPType         = tftypes.Object{AttributeTypes: map[string]tftypes.Type{"time_step": tftypes.Number, "drift": tftypes.Number}}
	tokenPairedDeviceType = tftypes.Object{AttributeTypes: map[string]tftypes.Type{"device_id": tftypes.String, "user_id": tftypes.String}}
	tokenPairedListType   = tftypes.List{ElementType: tokenPairedDeviceType}
)

func rawString(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }

func rawNumber(n int64) tftypes.Value {
	return tftypes.NewValue(tftypes.Number, new(big.Float).SetInt64(n))
}

func rawHOTP(counter int64) tftypes.Value {
	return tftypes.NewValue(tokenHOTPType, map[string]tftypes.Value{"counter": rawNumber(counter)})
}

func rawTOTP(step, drift int64) tftypes.Value {
	return tftypes.NewValue(tokenTOTPType, map[string]tftypes.Value{"time_step": rawNumber(step), "drift": rawNumber(drift)})
}

func rawTimestamp(t time.Time) tftypes.Value {
	if t.IsZero() {
		return tftypes.NewValue(tftypes.String, nil)
	}
	return rawString(t.UTC().Format(time.RFC3339Nano))
}

// rawPairedDevices is never null, so that "not paired" reads as an empty list in conditions.
func rawPairedDevices(devices []pingone.PairedDevice) tftypes.Value {
	elems := make([]tftypes.Value, len(devices))
	for i, d := range devices {
		elems[i] = tftypes.NewValue(tokenPairedDeviceType, map[string]tftypes.Value{
			"device_id": rawString(d.DeviceID), "user_id": rawString(d.UserID),
		})
	}
	return tftypes.NewValue(tokenPairedListType, elems)
}

// applyServerValues copies what PingOne decides into the attributes. The configured HOTP counter
// is kept when there is one: PingOne's moves forward every time the token is used, and that must
// never look like a change; only a token without one (imported) takes PingOne's. A refresh also
// takes the settings, since Read is the second half of an import, where only an ID is known.
func (a tokenAttrs) applyServerValues(t *pingone.OATHToken, refresh bool) {
	a["id"] = rawString(t.ID)
	a["serial_number"] = rawString(t.SerialNumber)
	hash := t.HashAlgorithm
	if hash == "" {
		hash = hashSHA1 // PingOne documents HmacSHA1 as the default; an answer without one means it.
	}
	a["hash_algorithm"] = rawString(hash)
	a["created_at"] = rawTimestamp(t.CreatedAt)
	a["updated_at"] = rawTimestamp(t.UpdatedAt)
	a["paired_devices"] = rawPairedDevices(t.Devices)
	a["totp"] = tftypes.NewValue(tokenTOTPType, nil)
	if t.TOTP != nil {
		a["totp"] = rawTOTP(int64(t.TOTP.TimeStep), int64(t.TOTP.Drift))
	}
	if hotp := a["hotp"]; t.HOTP != nil && (hotp.IsNull() || !hotp.IsKnown()) {
		a["hotp"] = rawHOTP(t.HOTP.Counter)
	} else if t.HOTP == nil {
		a["hotp"] = tftypes.NewValue(tokenHOTPType, nil)
	}
	if refresh {
		a["type"] = rawString(t.Type)
		a["otp_length"] = rawNumber(int64(t.OTPLength))
		if a.isNull("allow_revoke_when_paired") {
			a["allow_revoke_when_paired"] = tftypes.NewValue(tftypes.Bool, false)
		}
	}
}

// timeout reads one duration of the timeouts block, or the default when it is not set.
func (a tokenAttrs) timeout(name string, def time.Duration) (time.Duration, error) {
	block := a["timeouts"]
	if block.IsNull() || !block.IsKnown() {
		return def, nil
	}
	var attrs map[string]tftypes.Value
	if err := block.As(&attrs); err != nil {
		return def, err
	}
	s, known, err := stringOf(attrs[name])
	if err != nil || !known || s == "" {
		return def, err
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return def, fmt.Errorf("timeouts.%s %q is not a duration such as \"30s\" or \"2h45m\": %w", name, s, err)
	}
	return d, nil
}

// nullTokenAttrs is every attribute of the resource's type, null.
func nullTokenAttrs(t tftypes.Type) (tokenAttrs, error) {
	obj, ok := t.(tftypes.Object)
	if !ok {
		return nil, fmt.Errorf("the OATH token's type is %s, not an object", t)
	}
	attrs := make(tokenAttrs, len(obj.AttributeTypes))
	for name, at := range obj.AttributeTypes {
		attrs[name] = tftypes.NewValue(at, nil)
	}
	return attrs, nil
}
