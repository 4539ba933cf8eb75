package validators

import (
	"context"
	"errors"
	"fmt"
	"net"
	"regexp"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// hostLabels matches a DNS name or an IPv4 address: letters, digits, dots and hyphens.
var hostLabels = regexp.MustCompile(`^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$`)

// CheckHostname reports why s is not a bare host or host:port, or nil when it is. Schemes and
// paths are refused because the provider builds the URL itself and always uses HTTPS.
func CheckHostname(s string) error {
	if s == "" {
		return fmt.Errorf("must not be empty")
	}
	if strings.ContainsAny(s, "/?#@") {
		return errNotBareHost
	}
	host := s
	if h, port, err := net.SplitHostPort(s); err == nil {
		n, perr := strconv.Atoi(port)
		if perr != nil || n < 1 || n > 65535 {
			return fmt.Errorf("port %q must be a number from 1 to 65535", port)
		}
		host = h
	}
	if net.ParseIP(host) != nil || hostLabels.MatchString(host) {
		return nil
	}
	return errNotBareHost
}

var errNotBareHost = errors.New("must be a host name or host:port without a scheme or path, such as api.pingone.eu or 127.0.0.1:8443")

// Hostname checks that a string attribute is a bare host or host:port.
func Hostname() validator.String {
	return hostnameValidator{}
}

type hostnameValidator struct{}

func (hostnameValidator) Description(context.Context) string {
	return "value must be a host name or host:port, without a scheme or path"
}

func (v hostnameValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v hostnameValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if err := CheckHostname(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid hostname",
			fmt.Sprintf("Attribute %s %s; got %q.", req.Path, err, req.ConfigValue.ValueString()))
	}
}
