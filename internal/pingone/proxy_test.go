package pingone

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"fmt"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/oathtokens/terraform-provider-pingone/internal/emulator"
)

// TestEmulatorPagingBehindProxy lists an environment through a reverse proxy on another host name
// and a path prefix, as a user with service_endpoints pointing at a corporate gateway would.
// PingOne's next links are absolute and name its own host, which the client must neither follow
// (the bearer token would leave the configured endpoint) nor refuse (every page past the first
// would fail): it rebases them onto the configured base.
func TestEmulatorPagingBehindProxy(t *testing.T) {
	e := startEmulator(t, emulator.Options{})
	env := e.Info().EnvironmentID
	proxy := startPrefixProxy(t, e.Info().APIHostname, "/gateway/pingone")

	cfg := emuConfig(e, AuthStyleBasic)
	cfg.APIHostname = proxy.host + "/gateway/pingone"
	cfg.AuthHostname = proxy.host + "/gateway/pingone"
	c, err := newClient(cfg, proxy.roots)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for i := range 7 {
		if _, err := c.CreateOATHToken(ctx, env, hotp(fmt.Sprintf("PROXY%02d", i))); err != nil {
			t.Fatal(err)
		}
	}
	e.SetPageSize(2)
	e.ResetCounters()
	got, err := c.ListOATHTokens(ctx, env, ListOATHTokensOptions{ExpandDevices: true})
	if err != nil {
		t.Fatalf("list through the proxy: %v", err)
	}
	if len(got) != 7 {
		t.Fatalf("listed %d tokens through the proxy, want 7", len(got))
	}
	if n := count(e, routeList); n != 4 {
		t.Fatalf("the emulator served %d list pages, want 4 (7 tokens, 2 a page)", n)
	}
	paths := proxy.paths()
	lists := 0
	for _, request := range paths {
		method, target, _ := strings.Cut(request, " ")
		if !strings.HasPrefix(target, "/gateway/pingone/") {
			t.Errorf("a request reached the proxy outside its prefix: %s", request)
		}
		if path, _, _ := strings.Cut(target, "?"); method == http.MethodGet && strings.HasSuffix(path, "/oathTokens") {
			lists++
		}
	}
	if lists != 4 {
		t.Fatalf("the proxy forwarded %d list pages, want 4 (every page through the configured endpoint): %v", lists, paths)
	}
}

// prefixProxy is a reverse proxy that serves an upstream under a path prefix, on a host name the
// upstream's certificate does not name.
type prefixProxy struct {
	host  string
	roots *x509.CertPool

	mu   sync.Mutex
	seen []string
}

func (p *prefixProxy) paths() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.seen...)
}

func startPrefixProxy(t *testing.T, upstreamHost, prefix string) *prefixProxy {
	t.Helper()
	roots := x509.NewCertPool()
	if !roots.AppendCertsFromPEM(sharedCA.PEM()) {
		t.Fatal("the emulator CA did not parse")
	}
	cert, leaf := localhostCertificate(t)
	roots.AddCert(leaf)

	p := &prefixProxy{roots: roots}
	upstream := &url.URL{Scheme: "https", Host: upstreamHost}
	rp := &httputil.ReverseProxy{
		Rewrite: func(r *httputil.ProxyRequest) {
			r.SetURL(upstream)
			r.Out.URL.Path = strings.TrimPrefix(r.In.URL.Path, prefix)
			r.Out.URL.RawPath = ""
			r.Out.Host = upstreamHost
		},
		Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: roots, MinVersion: tls.VersionTLS12}},
	}
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p.mu.Lock()
		p.seen = append(p.seen, r.Method+" "+r.URL.RequestURI())
		p.mu.Unlock()
		if !strings.HasPrefix(r.URL.Path, prefix+"/") {
			http.NotFound(w, r)
			return
		}
		rp.ServeHTTP(w, r)
	}))
	srv.TLS = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
	srv.StartTLS()
	t.Cleanup(srv.Close)
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
	p.host = "localhost:" + port
	return p
}

// localhostCertificate is a self-signed certificate for the name localhost only.
func localhostCertificate(t *testing.T) (tls.Certificate, *x509.Certificate) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: "localhost"},
		DNSNames:     []string{"localhost"},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	leaf, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}, leaf
}
