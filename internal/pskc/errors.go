package pskc

import (
	"errors"
	"fmt"
	"strings"
)

// ErrKey marks the errors that the key given to Decode causes or would fix: a missing key, a key
// of the wrong kind or size, and a MAC that does not match (a wrong key, or an altered file).
// Test for it with errors.Is; every other error is about the document.
var ErrKey = errors.New("the key does not open this file")

// keyError is an error in the ErrKey class, with its own message.
type keyError struct{ msg string }

func (e *keyError) Error() string        { return e.msg }
func (e *keyError) Is(target error) bool { return target == ErrKey }

func keyErrorf(format string, args ...any) error {
	return &keyError{msg: fmt.Sprintf(format, args...)}
}

// PackageError is an error in one key package. It names the package by its position in the
// file (from 1) and by its serial number and key Id, which are identifiers, never secrets.
type PackageError struct {
	Position int
	Serial   string
	KeyID    string
	Err      error
}

func (e *PackageError) Error() string {
	var ids []string
	if e.Serial != "" {
		ids = append(ids, fmt.Sprintf("serial number %q", e.Serial))
	}
	if e.KeyID != "" {
		ids = append(ids, fmt.Sprintf("key Id %q", e.KeyID))
	}
	name := fmt.Sprintf("key package %d", e.Position)
	if len(ids) > 0 {
		name += " (" + strings.Join(ids, ", ") + ")"
	}
	return name + ": " + e.Err.Error()
}

func (e *PackageError) Unwrap() error { return e.Err }
