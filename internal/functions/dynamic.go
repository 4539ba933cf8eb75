package functions

import (
	"math/big"
	"slices"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
)

// The functions whose argument is an object with optional attributes take it as a dynamic value:
// a function parameter of object type would make the caller write every attribute, null or not.
// These helpers read such a value, whether the caller wrote an object or passed a map(string).

// fields returns the attributes of an object, or the elements of a map; ok is false for any
// other value.
func fields(v attr.Value) (map[string]attr.Value, bool) {
	switch v := v.(type) {
	case basetypes.ObjectValue:
		return v.Attributes(), true
	case basetypes.MapValue:
		return v.Elements(), true
	}
	return nil, false
}

// unknownField returns the first attribute name, in sorted order, that is not in allowed, so
// that the error for several misspellings is always the same.
func unknownField(values map[string]attr.Value, allowed []string) string {
	var unknown []string
	for name := range values {
		if !slices.Contains(allowed, name) {
			unknown = append(unknown, name)
		}
	}
	if len(unknown) == 0 {
		return ""
	}
	return slices.Min(unknown)
}

// isNull reports whether an attribute is absent or null.
func isNull(v attr.Value) bool {
	return v == nil || v.IsNull()
}

// stringField reads a string attribute; ok is false when it is not a string.
func stringField(v attr.Value) (string, bool) {
	s, ok := v.(basetypes.StringValue)
	if !ok {
		return "", false
	}
	return s.ValueString(), true
}

// intField reads a whole-number attribute: a number, or the decimal string a map(string) holds.
func intField(v attr.Value) (int64, bool) {
	switch v := v.(type) {
	case basetypes.NumberValue:
		f := v.ValueBigFloat()
		if f == nil || !f.IsInt() {
			return 0, false
		}
		n, accuracy := f.Int64()
		return n, accuracy == big.Exact
	case basetypes.Int64Value:
		return v.ValueInt64(), true
	case basetypes.StringValue:
		n, err := strconv.ParseInt(strings.TrimSpace(v.ValueString()), 10, 64)
		return n, err == nil
	}
	return 0, false
}

// typeName names a value's type as a configuration author knows it.
func typeName(v attr.Value) string {
	switch v.(type) {
	case basetypes.StringValue:
		return "string"
	case basetypes.NumberValue, basetypes.Int64Value, basetypes.Float64Value:
		return "number"
	case basetypes.BoolValue:
		return "bool"
	case basetypes.ListValue:
		return "list"
	case basetypes.SetValue:
		return "set"
	case basetypes.TupleValue:
		return "tuple"
	case basetypes.ObjectValue:
		return "object"
	case basetypes.MapValue:
		return "map"
	}
	return "another type"
}
