package pingone

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"regexp"
	"strconv"
	"strings"
)

// The rules for the provider's connection settings live here, once: the provider's schema
// validators, its resolution of environment variables and New all call these, so a value is
// judged the same way wherever it comes from.

// Endpoint is a custom service endpoint: a host (or host:port) and an optional path prefix under
// which a proxy serves PingOne's own paths.
type Endpoint struct {
	Host       string // host or host:port
	PathPrefix string // "" or "/segment[/segment...]", never ending in "/"
}

// hostLabels matches a DNS name or an IPv4 address: letters, digits, dots and hyphens.
var hostLabels = regexp.MustCompile(`^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$`)

// prefixSegment matches one segment of a path prefix: unreserved URL characters only, so the
// prefix needs no escaping and cannot carry a query or fragment.
var prefixSegment = regexp.MustCompile(`^[A-Za-z0-9._~-]+$`)

// EndpointRule describes what ParseEndpoint accepts, for attribute descriptions and errors.
const EndpointRule = "a host name or host:port, optionally followed by a path prefix, without a scheme, " +
	"such as api.pingone.eu, 127.0.0.1:8443 or gateway.example.com/pingone"

// ParseEndpoint checks a custom service endpoint. Schemes are refused because the client builds
// its URLs itself and always uses HTTPS; a trailing /v1 is refused because the client adds it,
// and a doubled /v1/v1 would only fail later with a puzzling 404.
func ParseEndpoint(s string) (Endpoint, error) {
	if s == "" {
		return Endpoint{}, errors.New("must not be empty")
	}
	if strings.Contains(s, "://") || strings.ContainsAny(s, "?#@ \t") {
		return Endpoint{}, errors.New("must be " + EndpointRule)
	}
	hostPort, prefix, hasPrefix := strings.Cut(s, "/")
	if err := checkHostPort(hostPort); err != nil {
		return Endpoint{}, err
	}
	e := Endpoint{Host: hostPort}
	if !hasPrefix {
		return e, nil
	}
	prefix = strings.TrimSuffix(prefix, "/")
	if prefix == "" {
		return e, nil
	}
	segments := strings.Split(prefix, "/")
	for _, seg := range segments {
		if !prefixSegment.MatchString(seg) || seg == "." || seg == ".." {
			return Endpoint{}, fmt.Errorf("path prefix %q must be segments of letters, digits, '.', '_', '~' and '-'", "/"+prefix)
		}
	}
	if strings.EqualFold(segments[len(segments)-1], "v1") {
		return Endpoint{}, errors.New("must not end in /v1: the provider adds the API version itself")
	}
	e.PathPrefix = "/" + prefix
	return e, nil
}

func checkHostPort(s string) error {
	host := s
	if strings.Contains(s, ":") {
		h, port, err := net.SplitHostPort(s)
		if err != nil {
			if net.ParseIP(s) != nil {
				return errors.New("an IPv6 address must be in brackets, such as [::1]:8443")
			}
			return errors.New("must be " + EndpointRule)
		}
		if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 {
			return fmt.Errorf("port %q must be a number from 1 to 65535", port)
		}
		host = h
	}
	if host == "" {
		return errors.New("must name a host: " + EndpointRule)
	}
	if net.ParseIP(host) != nil || hostLabels.MatchString(host) {
		return nil
	}
	return errors.New("must be " + EndpointRule)
}

// ProxyRule describes what CheckProxyURL accepts.
const ProxyRule = "a URL with an http, https, socks5 or socks5h scheme and a host, such as http://proxy.example.com:3128"

// CheckProxyURL checks an HTTP proxy setting and returns it parsed.
func CheckProxyURL(s string) (*url.URL, error) {
	u, err := url.Parse(s)
	if err != nil || u.Host == "" {
		return nil, errors.New("must be " + ProxyRule)
	}
	switch u.Scheme {
	case "http", "https", "socks5", "socks5h":
		return u, nil
	}
	return nil, fmt.Errorf("scheme %q is not supported: it must be %s", u.Scheme, ProxyRule)
}

// CheckRegion checks a region code; the empty string means the default, NA.
func CheckRegion(code string) error {
	if _, _, ok := RegionHosts(code); !ok {
		return fmt.Errorf("%q is not a PingOne region code: use one of %s", code, strings.Join(Regions(), ", "))
	}
	return nil
}
