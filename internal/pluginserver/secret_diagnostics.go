package pluginserver

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Terraform and OpenTofu print, under a diagnostic that points at an attribute, the lines of the
// configuration that set it. For a sensitive or write-only attribute those lines may hold the
// secret itself (secret = "3132…"), and the output of a plan goes to CI logs. So every diagnostic
// that points at such an attribute, the provider's own, a validator's or the framework's, is
// detached from it here, in one place, and names the attribute in its detail instead; the engine
// then shows the resource's first line.

// secretAttributes knows, from the provider's schemas, which attributes hold secrets.
type secretAttributes struct {
	server tfprotov6.ProviderServer
	once   sync.Once
	// byBlock maps "provider", "resource <type>" or "data <type>" to the secret attributes'
	// names, nested ones as "block.attribute".
	byBlock map[string]map[string]bool
}

func newSecretAttributes(server tfprotov6.ProviderServer) *secretAttributes {
	return &secretAttributes{server: server}
}

func (s *secretAttributes) load(ctx context.Context) {
	s.once.Do(func() {
		s.byBlock = map[string]map[string]bool{}
		resp, err := s.server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
		if err != nil || resp == nil {
			return // No schema, no secrets known: every diagnostic passes unchanged.
		}
		if resp.Provider != nil {
			s.byBlock["provider"] = secretNames(resp.Provider.Block, "")
		}
		for name, schema := range resp.ResourceSchemas {
			s.byBlock["resource "+name] = secretNames(schema.Block, "")
		}
		for name, schema := range resp.DataSourceSchemas {
			s.byBlock["data "+name] = secretNames(schema.Block, "")
		}
	})
}

// secretNames lists a block's sensitive and write-only attributes, and those of its blocks.
func secretNames(block *tfprotov6.SchemaBlock, prefix string) map[string]bool {
	names := map[string]bool{}
	if block == nil {
		return names
	}
	for _, a := range block.Attributes {
		if a.Sensitive || a.WriteOnly {
			names[prefix+a.Name] = true
		}
	}
	for _, b := range block.BlockTypes {
		for name := range secretNames(b.Block, prefix+b.TypeName+".") {
			names[name] = true
		}
	}
	return names
}

// detach returns diags with every diagnostic about a secret attribute of the given block
// ("provider", "resource <type>" or "data <type>") no longer pointing at it.
func (s *secretAttributes) detach(ctx context.Context, block string, diags []*tfprotov6.Diagnostic) []*tfprotov6.Diagnostic {
	if len(diags) == 0 {
		return diags
	}
	s.load(ctx)
	secrets := s.byBlock[block]
	for _, d := range diags {
		if d == nil || d.Attribute == nil || !aboutSecret(d.Attribute, secrets) {
			continue
		}
		at := attributePathText(d.Attribute)
		d.Attribute = nil
		d.Detail = strings.TrimSpace(fmt.Sprintf("%s\n\nAttribute: %s. Its configuration is not shown: it may hold the secret.", d.Detail, at))
	}
	return diags
}

// aboutSecret reports whether the path is, or is inside, one of the secret attributes.
func aboutSecret(at *tftypes.AttributePath, secrets map[string]bool) bool {
	var names []string
	for _, step := range at.Steps() {
		name, ok := step.(tftypes.AttributeName)
		if !ok {
			continue // Map keys and list indexes are not part of an attribute's name.
		}
		names = append(names, string(name))
		if secrets[strings.Join(names, ".")] {
			return true
		}
	}
	return false
}

// attributePathText writes a path as it reads in a configuration: tokens["YK1"].secret_version.
func attributePathText(at *tftypes.AttributePath) string {
	var b strings.Builder
	for _, step := range at.Steps() {
		switch s := step.(type) {
		case tftypes.AttributeName:
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(string(s))
		case tftypes.ElementKeyString:
			fmt.Fprintf(&b, "[%q]", string(s))
		case tftypes.ElementKeyInt:
			fmt.Fprintf(&b, "[%d]", int64(s))
		default:
			b.WriteString("[…]")
		}
	}
	return b.String()
}
