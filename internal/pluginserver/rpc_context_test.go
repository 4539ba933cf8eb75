package pluginserver

import (
	"context"
	"errors"
	"testing"
	"time"
)

type testKey struct{}

func TestRPCContextIsTheRPCsContextUntilReleased(t *testing.T) {
	deadline := time.Now().Add(time.Hour)
	parent, cancel := context.WithDeadline(context.WithValue(context.Background(), testKey{}, "logger"), deadline)
	defer cancel()
	rpcCtx := newRPCContext(parent)

	if got := rpcCtx.Value(testKey{}); got != "logger" {
		t.Errorf("Value = %v, want the RPC's value", got)
	}
	if got, ok := rpcCtx.Deadline(); !ok || !got.Equal(deadline) {
		t.Errorf("Deadline = %v, %v, want %v, true", got, ok, deadline)
	}
	derived, cancelDerived := context.WithCancel(rpcCtx) // as the framework derives its own
	defer cancelDerived()
	cancel() // the engine stops the RPC
	select {
	case <-derived.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("canceling the RPC's context did not reach a context derived from the rpcContext")
	}
	if !errors.Is(rpcCtx.Err(), context.Canceled) {
		t.Errorf("Err = %v, want context.Canceled", rpcCtx.Err())
	}
}

func TestReleasedRPCContextHoldsNothingOfTheRPC(t *testing.T) {
	rpcCtx := newRPCContext(context.WithValue(context.Background(), testKey{}, "logger"))
	rpcCtx.release()

	if got := rpcCtx.Value(testKey{}); got != nil {
		t.Errorf("Value after release = %v, want nil", got)
	}
	if _, ok := rpcCtx.Deadline(); ok {
		t.Error("Deadline after release reports a deadline")
	}
	select {
	case <-rpcCtx.Done():
	default:
		t.Error("Done after release is not closed: the RPC is over")
	}
	if !errors.Is(rpcCtx.Err(), context.Canceled) {
		t.Errorf("Err after release = %v, want context.Canceled", rpcCtx.Err())
	}
}
