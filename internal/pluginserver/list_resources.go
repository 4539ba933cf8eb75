package pluginserver

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// terraform-plugin-go v0.31 keeps the list RPCs of terraform query outside ProviderServer, in
// tfprotov6.ProviderServerWithListResource, which tf6server looks for on the server it is given.
// Embedding ProviderServer in releasingServer does not carry them, so they are forwarded here;
// without this the engine is told the provider has no list resources.
//
// They pass straight through, with the RPC's own context: Terraform makes them once per list
// block, not once per resource instance, and ListResource's results are produced after it
// returns, so its context must outlive the call.
var _ tfprotov6.ListResourceServer = releasingServer{}

func (s releasingServer) listServer() (tfprotov6.ListResourceServer, error) {
	ls, ok := s.ProviderServer.(tfprotov6.ListResourceServer)
	if !ok {
		return nil, fmt.Errorf("the provider server %T does not serve list resources", s.ProviderServer)
	}
	return ls, nil
}

func (s releasingServer) ValidateListResourceConfig(ctx context.Context, req *tfprotov6.ValidateListResourceConfigRequest) (*tfprotov6.ValidateListResourceConfigResponse, error) {
	ls, err := s.listServer()
	if err != nil {
		return nil, err
	}
	return ls.ValidateListResourceConfig(ctx, req)
}

func (s releasingServer) ListResource(ctx context.Context, req *tfprotov6.ListResourceRequest) (*tfprotov6.ListResourceServerStream, error) {
	ls, err := s.listServer()
	if err != nil {
		return nil, err
	}
	return ls.ListResource(ctx, req)
}
