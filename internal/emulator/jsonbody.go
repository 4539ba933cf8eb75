package emulator

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"slices"
	"strconv"
)

// Content types the API accepts.
const (
	ctJSON      = "application/json"
	ctResync    = "application/vnd.pingidentity.device.resync+json"
	ctActivate  = "application/vnd.pingidentity.device.activate+json"
	ctJobCreate = "application/vnd.pingidentity.job.oathtokens.create+json"
	ctJobRevoke = "application/vnd.pingidentity.job.oathtokens.revoke+json"
	ctForm      = "application/x-www-form-urlencoded"
)

// mediaType returns the Content-Type without parameters such as charset, lower-cased.
func mediaType(header string) string {
	mt, _, err := mime.ParseMediaType(header)
	if err != nil {
		return ""
	}
	return mt
}

// requireMediaType answers 415 unless the request's Content-Type is one of want.
func requireMediaType(header string, want ...string) *apiError {
	mt := mediaType(header)
	for _, w := range want {
		if mt == w {
			return nil
		}
	}
	return unsupportedMediaType(want...)
}

// fields reads a JSON object one property at a time and collects every violation, so a
// client learns about all its mistakes in one answer. prefix names the object's place in the
// request ("hotp.", "tokens[3]."), so each detail's target is the full path.
type fields struct {
	raw     map[string]json.RawMessage
	prefix  string
	details *[]errorDetail
}

// parseObject parses a request body that must be one JSON object.
func parseObject(body []byte) (*fields, *apiError) {
	raw, err := decodeObject(body)
	if err != nil {
		return nil, invalidRequest(invalidValue("body", err.Error()))
	}
	return &fields{raw: raw, details: new([]errorDetail)}, nil
}

// decodeObject tells a syntax error (with its offset) from valid JSON that is not an object.
func decodeObject(body []byte) (map[string]json.RawMessage, error) {
	var v json.RawMessage
	if err := json.Unmarshal(body, &v); err != nil {
		var syn *json.SyntaxError
		if errors.As(err, &syn) {
			return nil, fmt.Errorf("the body is not valid JSON (offset %d): %s", syn.Offset, syn.Error())
		}
		return nil, fmt.Errorf("the body is not valid JSON: %s", err.Error())
	}
	if kindOf(v) != "object" {
		return nil, errors.New("the body must be a JSON object")
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(v, &raw); err != nil {
		return nil, fmt.Errorf("the body must be a JSON object: %s", err.Error())
	}
	return raw, nil
}

func (f *fields) add(d errorDetail) { *f.details = append(*f.details, d) }

func (f *fields) failed() bool { return len(*f.details) > 0 }

func (f *fields) target(name string) string { return f.prefix + name }

// present reports whether name is set to something other than null.
func (f *fields) present(name string) bool {
	v, ok := f.raw[name]
	return ok && kindOf(v) != "null"
}

// kindOf names the JSON type of a raw value from its first byte.
func kindOf(v json.RawMessage) string {
	v = bytes.TrimSpace(v)
	if len(v) == 0 {
		return ""
	}
	switch v[0] {
	case '{':
		return "object"
	case '[':
		return "array"
	case '"':
		return "string"
	case 't', 'f':
		return "boolean"
	case 'n':
		return "null"
	}
	return "number"
}

// str reads a string property; ok is false when it is absent (reported if required) or not a string.
func (f *fields) str(name string, req bool) (string, bool) {
	if !f.present(name) {
		if req {
			f.add(required(f.target(name)))
		}
		return "", false
	}
	var s string
	if kindOf(f.raw[name]) != "string" || json.Unmarshal(f.raw[name], &s) != nil {
		f.add(invalidValue(f.target(name), f.target(name)+" must be a string."))
		return "", false
	}
	if s == "" && req {
		f.add(required(f.target(name)))
		return "", false
	}
	return s, true
}

// integer reads an integer property within lo..hi.
func (f *fields) integer(name string, req bool, lo, hi int64) (int64, bool) {
	if !f.present(name) {
		if req {
			f.add(required(f.target(name)))
		}
		return 0, false
	}
	raw := f.raw[name]
	if kindOf(raw) != "number" {
		f.add(invalidValue(f.target(name), f.target(name)+" must be an integer."))
		return 0, false
	}
	n, err := strconv.ParseInt(string(bytes.TrimSpace(raw)), 10, 64)
	if errors.Is(err, strconv.ErrRange) {
		f.add(outOfRange(f.target(name), lo, hi))
		return 0, false
	}
	if err != nil {
		f.add(invalidValue(f.target(name), f.target(name)+" must be an integer."))
		return 0, false
	}
	if n < lo || n > hi {
		f.add(outOfRange(f.target(name), lo, hi))
		return 0, false
	}
	return n, true
}

// oneOfInts reads an integer property that must be one of allowed; a number that is not an
// integer is simply not one of the allowed values.
func (f *fields) oneOfInts(name string, req bool, allowed ...int64) (int64, bool) {
	if !f.present(name) {
		if req {
			f.add(required(f.target(name)))
		}
		return 0, false
	}
	raw := f.raw[name]
	if kindOf(raw) != "number" {
		f.add(invalidValue(f.target(name), f.target(name)+" must be an integer."))
		return 0, false
	}
	n, err := strconv.ParseInt(string(bytes.TrimSpace(raw)), 10, 64)
	if err == nil && slices.Contains(allowed, n) {
		return n, true
	}
	f.add(notAllowed(f.target(name), intStrings(allowed)...))
	return 0, false
}

// oneOf reads a string property that must be one of allowed (case-sensitive, as PingOne).
func (f *fields) oneOf(name string, req bool, allowed ...string) (string, bool) {
	s, ok := f.str(name, req)
	if !ok {
		return "", false
	}
	for _, a := range allowed {
		if s == a {
			return s, true
		}
	}
	f.add(notAllowed(f.target(name), allowed...))
	return "", false
}

// boolean reads an optional boolean property.
func (f *fields) boolean(name string, def bool) bool {
	if !f.present(name) {
		return def
	}
	var b bool
	if kindOf(f.raw[name]) != "boolean" || json.Unmarshal(f.raw[name], &b) != nil {
		f.add(invalidValue(f.target(name), f.target(name)+" must be a boolean."))
		return def
	}
	return b
}

// flag reads an optional boolean that may also come as the string "true" or "false": PingOne
// documents the revoke job's async as a String and shows it as a boolean.
func (f *fields) flag(name string, def bool) bool {
	if !f.present(name) {
		return def
	}
	var s string
	if kindOf(f.raw[name]) == "string" && json.Unmarshal(f.raw[name], &s) == nil && (s == "true" || s == "false") {
		return s == "true"
	}
	return f.boolean(name, def)
}

// object reads a nested object; its violations go into the same list with a longer prefix.
func (f *fields) object(name string, req bool) (*fields, bool) {
	if !f.present(name) {
		if req {
			f.add(required(f.target(name)))
		}
		return nil, false
	}
	var raw map[string]json.RawMessage
	if kindOf(f.raw[name]) != "object" || json.Unmarshal(f.raw[name], &raw) != nil {
		f.add(invalidValue(f.target(name), f.target(name)+" must be an object."))
		return nil, false
	}
	return &fields{raw: raw, prefix: f.target(name) + ".", details: f.details}, true
}

// array reads an array property as its raw elements.
func (f *fields) array(name string, req bool) ([]json.RawMessage, bool) {
	if !f.present(name) {
		if req {
			f.add(required(f.target(name)))
		}
		return nil, false
	}
	var items []json.RawMessage
	if kindOf(f.raw[name]) != "array" || json.Unmarshal(f.raw[name], &items) != nil {
		f.add(invalidValue(f.target(name), f.target(name)+" must be an array."))
		return nil, false
	}
	return items, true
}

// element wraps the i-th element of an array property as an object, or reports why it is not one.
func (f *fields) element(name string, i int, raw json.RawMessage) (*fields, bool) {
	target := fmt.Sprintf("%s[%d]", f.target(name), i)
	var obj map[string]json.RawMessage
	if kindOf(raw) != "object" || json.Unmarshal(raw, &obj) != nil {
		f.add(invalidValue(target, target+" must be an object."))
		return nil, false
	}
	return &fields{raw: obj, prefix: target + ".", details: f.details}, true
}

// stringList reads an array of strings.
func (f *fields) stringList(name string, req bool) ([]string, bool) {
	items, ok := f.array(name, req)
	if !ok {
		return nil, false
	}
	out := make([]string, len(items))
	for i, it := range items {
		if kindOf(it) != "string" || json.Unmarshal(it, &out[i]) != nil {
			f.add(invalidValue(fmt.Sprintf("%s[%d]", f.target(name), i), f.target(name)+" must hold only strings."))
			return nil, false
		}
	}
	return out, true
}

// err returns the 400 for everything collected so far, or nil.
func (f *fields) err() *apiError {
	if !f.failed() {
		return nil
	}
	return invalidData(*f.details...)
}

func intStrings(ns []int64) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = strconv.FormatInt(n, 10)
	}
	return out
}

// isAlphanumeric reports whether s holds only ASCII letters and digits.
func isAlphanumeric(s string) bool {
	return allRunes(s, func(r rune) bool {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	})
}

// isHex reports whether s holds only hexadecimal digits, either case.
func isHex(s string) bool {
	return allRunes(s, func(r rune) bool {
		return 'a' <= r && r <= 'f' || 'A' <= r && r <= 'F' || '0' <= r && r <= '9'
	})
}

func allRunes(s string, ok func(rune) bool) bool {
	for _, r := range s {
		if !ok(r) {
			return false
		}
	}
	return true
}
