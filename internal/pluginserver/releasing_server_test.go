package pluginserver

import (
	"context"
	"runtime"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/oathtokens/terraform-provider-pingone/internal/provider"
)

// payloadKey carries a stand-in for what terraform-plugin-go attaches to each RPC's context
// (loggers and their fields), large enough that keeping it shows in the heap.
type payloadKey struct{}

const (
	rpcs        = 2000
	payloadSize = 16 << 10
)

// retainedAfterRPCs serves rpcs ValidateResourceConfig calls, each with its own payload in the
// context, and returns how much more live heap there is afterwards.
func retainedAfterRPCs(t *testing.T, server tfprotov6.ProviderServer) uint64 {
	t.Helper()
	validate := func() {
		ctx := context.WithValue(context.Background(), payloadKey{}, make([]byte, payloadSize))
		if _, err := server.ValidateResourceConfig(ctx, &tfprotov6.ValidateResourceConfigRequest{TypeName: "pingone_oath_token"}); err != nil {
			t.Fatal(err)
		}
	}
	validate() // the framework caches the schemas on the first call
	before := liveHeap()
	for range rpcs {
		validate()
	}
	after := liveHeap()
	runtime.KeepAlive(server)
	if after < before {
		return 0
	}
	return after - before
}

func liveHeap() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

func TestTheFrameworkAloneKeepsEveryRPCContext(t *testing.T) {
	// The control: if the framework stops leaking, this fails, and releasingServer can go.
	server := providerserver.NewProtocol6(provider.New("test")())()
	if retained, leaked := retainedAfterRPCs(t, server), uint64(rpcs*payloadSize*9/10); retained < leaked {
		t.Errorf("the framework kept %d KB after %d RPCs, less than the %d KB of their contexts: has the upstream leak been fixed?",
			retained>>10, rpcs, leaked>>10)
	}
}

func TestReleasingServerLetsRPCContextsGo(t *testing.T) {
	server := newServer(provider.New("test"))
	if retained, allowed := retainedAfterRPCs(t, server), uint64(rpcs*payloadSize/10); retained > allowed {
		t.Errorf("the server kept %d KB after %d RPCs, more than %d KB: RPC contexts are being kept", retained>>10, rpcs, allowed>>10)
	}
}
