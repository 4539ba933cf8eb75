package functions

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/oathtokens/terraform-provider-pingone/internal/otp"
	"github.com/oathtokens/terraform-provider-pingone/internal/pskc"
)

// The attributes of pskc_decode's key argument in its object form.
const (
	keyPreshared = "preshared_key"
	keyPassword  = "password"
)

const keyArgument = 1

// keyForms is the part of pskc_decode's description that explains its key argument.
const keyForms = "The `key` argument says how encrypted secrets are opened, and is used only if one is:\n\n" +
	"- `\"\"` (or `{}`): no key, for a file whose secrets are in plain text.\n" +
	"- A string: the pre-shared key in hexadecimal or the password, as the file's `EncryptionKey` declares " +
	"(a `DerivedKey` with PBKDF2 takes the password; otherwise it is a pre-shared AES key).\n" +
	"- An object `{ preshared_key = \"<hex>\" }` or `{ password = \"...\" }`: the same, said explicitly, so that a " +
	"key of the wrong kind fails with a clear error instead of being tried the other way.\n\n" +
	"`null` is refused rather than read as no key: OpenTofu 1.12 passes a null argument to a provider function " +
	"without its value, and a literal `null` yields a null result without calling the function at all."

const keyDescription = "How encrypted secrets are opened: `\"\"` for a plain file, the pre-shared key (hexadecimal) " +
	"or password as a string, or `{ preshared_key = ... }` or `{ password = ... }`. Never null. See the description above."

// keyArgumentValue turns the key argument into a pskc.Key. Its errors never quote the key. The
// parameter refuses null (see keyForms), but a typed null inside a dynamic value still
// reaches here, and means no key.
func keyArgumentValue(v types.Dynamic) (pskc.Key, *function.FuncError) {
	if v.IsNull() || v.IsUnderlyingValueNull() {
		return pskc.Key{}, nil
	}
	value := v.UnderlyingValue()
	if s, ok := value.(basetypes.StringValue); ok {
		if s.ValueString() == "" {
			return pskc.Key{}, nil
		}
		return pskc.KeyAsDeclared(s.ValueString()), nil
	}
	values, ok := fields(value)
	if !ok {
		return pskc.Key{}, function.NewArgumentFuncError(keyArgument, fmt.Sprintf(
			"the key must be null, a string, or an object with %s or %s, not a %s",
			keyPreshared, keyPassword, typeName(value)))
	}
	if name := unknownField(values, []string{keyPreshared, keyPassword}); name != "" {
		return pskc.Key{}, function.NewArgumentFuncError(keyArgument, fmt.Sprintf(
			"the key has an attribute %q; it takes either %s (hexadecimal) or %s", name, keyPreshared, keyPassword))
	}
	hexKey, password := values[keyPreshared], values[keyPassword]
	switch {
	case !isNull(hexKey) && !isNull(password):
		return pskc.Key{}, function.NewArgumentFuncError(keyArgument, fmt.Sprintf("the key sets both %s and %s; a file has one or the other", keyPreshared, keyPassword))
	case !isNull(hexKey):
		s, ok := stringField(hexKey)
		if !ok {
			return pskc.Key{}, function.NewArgumentFuncError(keyArgument, keyPreshared+" must be a string of hexadecimal digits")
		}
		b, err := otp.ParseHex(s)
		if err != nil {
			return pskc.Key{}, function.NewArgumentFuncError(keyArgument, keyPreshared+" is not hexadecimal: "+err.Error()+
				"; the value is not shown because it is a key")
		}
		return pskc.PresharedKey(b), nil
	case !isNull(password):
		s, ok := stringField(password)
		if !ok || s == "" {
			return pskc.Key{}, function.NewArgumentFuncError(keyArgument, keyPassword+" must be a non-empty string")
		}
		return pskc.Password(s), nil
	}
	return pskc.Key{}, nil
}
