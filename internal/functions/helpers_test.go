package functions_test

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// call runs a function as the framework would, with arguments already of the parameters' types.
func call(t *testing.T, f function.Function, args ...attr.Value) (attr.Value, *function.FuncError) {
	t.Helper()
	ctx := context.Background()
	var def function.DefinitionResponse
	f.Definition(ctx, function.DefinitionRequest{}, &def)
	result, funcErr := def.Definition.Return.NewResultData(ctx)
	if funcErr != nil {
		t.Fatal(funcErr)
	}
	resp := function.RunResponse{Result: result}
	f.Run(ctx, function.RunRequest{Arguments: function.NewArgumentsData(args)}, &resp)
	return resp.Result.Value(), resp.Error
}

// callString runs a function that returns a string, failing the test on an error.
func callString(t *testing.T, f function.Function, args ...attr.Value) string {
	t.Helper()
	v, funcErr := call(t, f, args...)
	if funcErr != nil {
		t.Fatalf("unexpected error: %s", funcErr)
	}
	s, ok := v.(types.String)
	if !ok {
		t.Fatalf("result is a %T, want a string", v)
	}
	return s.ValueString()
}

// wantError checks that a call fails, blaming the argument at position, with a message that
// contains text and none of the secrets.
func wantError(t *testing.T, funcErr *function.FuncError, position int64, text string, secrets ...string) {
	t.Helper()
	if funcErr == nil {
		t.Fatalf("no error, want one about argument %d containing %q", position, text)
	}
	if funcErr.FunctionArgument == nil || *funcErr.FunctionArgument != position {
		t.Errorf("the error %q blames argument %v, want %d", funcErr.Text, funcErr.FunctionArgument, position)
	}
	if !strings.Contains(funcErr.Text, text) {
		t.Errorf("the error %q does not contain %q", funcErr.Text, text)
	}
	// The engines print "Invalid value for "name" parameter: <text>." with a period of their own.
	if strings.HasSuffix(funcErr.Text, ".") {
		t.Errorf("the error %q ends with a period, and the engine adds another", funcErr.Text)
	}
	for _, s := range secrets {
		if s != "" && strings.Contains(strings.ToLower(funcErr.Text), strings.ToLower(s)) {
			t.Errorf("the error %q contains the secret %q", funcErr.Text, s)
		}
	}
}

func str(s string) attr.Value     { return types.StringValue(s) }
func num(n int64) attr.Value      { return types.Int64Value(n) }
func dyn(v attr.Value) attr.Value { return types.DynamicValue(v) }

// object builds an object value from Go values: strings, int64s and nil for a null string.
func object(t *testing.T, attrs map[string]any) attr.Value {
	t.Helper()
	typesOf := map[string]attr.Type{}
	values := map[string]attr.Value{}
	for name, v := range attrs {
		switch v := v.(type) {
		case string:
			typesOf[name], values[name] = types.StringType, types.StringValue(v)
		case int64:
			typesOf[name], values[name] = types.NumberType, types.NumberValue(bigFloat(v))
		case nil:
			typesOf[name], values[name] = types.StringType, types.StringNull()
		default:
			t.Fatalf("object: unsupported %T", v)
		}
	}
	obj, diags := types.ObjectValue(typesOf, values)
	if diags.HasError() {
		t.Fatal(diags)
	}
	return obj
}

// functionDefinition holds a definition request and response, for benchmarks that call Run
// without the test helpers' overhead.
type functionDefinition struct {
	response function.DefinitionResponse
}

func (functionDefinition) request() function.DefinitionRequest { return function.DefinitionRequest{} }

func runResponse(result function.ResultData) *function.RunResponse {
	return &function.RunResponse{Result: result}
}

func runRequest(args ...attr.Value) function.RunRequest {
	return function.RunRequest{Arguments: function.NewArgumentsData(args)}
}
