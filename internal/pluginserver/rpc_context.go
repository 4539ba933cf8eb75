package pluginserver

import (
	"context"
	"sync/atomic"
	"time"
)

// rpcContext is the context the framework is handed for one RPC. Until release it is the RPC's
// own context in every respect (values, deadline, cancellation); after release it holds nothing
// of it. The framework keeps a cancel function for every context it derives from this one for
// the life of the process (see releasingServer), so whatever it derives must not keep the RPC's
// loggers and request values alive.
type rpcContext struct {
	current atomic.Pointer[contextRef]
}

// contextRef boxes a context so that contexts of any concrete type can sit behind one atomic
// pointer.
type contextRef struct{ context.Context }

// finished is what a released rpcContext answers with: the RPC is over, so its context is done.
var finished = func() context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	return ctx
}()

func newRPCContext(ctx context.Context) *rpcContext {
	c := &rpcContext{}
	c.current.Store(&contextRef{ctx})
	return c
}

// release drops the RPC's context once the RPC has returned.
func (c *rpcContext) release() { c.current.Store(&contextRef{finished}) }

func (c *rpcContext) Deadline() (time.Time, bool) { return c.current.Load().Deadline() }
func (c *rpcContext) Done() <-chan struct{}       { return c.current.Load().Done() }
func (c *rpcContext) Err() error                  { return c.current.Load().Err() }
func (c *rpcContext) Value(key any) any           { return c.current.Load().Value(key) }
