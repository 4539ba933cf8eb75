package emulator

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Emulator is a running PingOne emulator: one HTTPS listener serving the auth host, the API
// host and the /_emulator/ control API.
type Emulator struct {
	opts     Options
	ca       *CA
	caRecord *caRecord // The CA as the state file keeps it, encoded once.
	info     Info
	srv      *http.Server
	log      *log.Logger
	now      func() time.Time
	tempDir  string // Holds the CA file when there is no state file; removed by Close.
	api      router[handlerFunc]
	ctl      router[controlFunc]

	mu  sync.Mutex // Guards st and gen.
	st  *state
	gen uint64 // Counts changes to st, so saves can be coalesced.

	saveMu   sync.Mutex // Serializes state-file writes.
	savedGen uint64

	ctlMu     sync.Mutex // Guards the fields below: the knobs tests turn.
	set       settings
	bucket    tokenBucket
	faults    []*activeFault // The active ones, in the order they were added.
	faultLog  []*activeFault // Every fault since the last ClearFaults, for reports.
	faultSeq  int
	counters  map[string]int
	protocols map[string]int
	total     int

	// rowsFailed counts the job rows an injected JobRowFailure made fail.
	rowsFailed atomic.Int64

	inflight  atomic.Int64  // API, auth and control requests being served, for Close.
	done      chan struct{} // Closed by Close, to cut latency sleeps short.
	served    chan struct{} // Closed when Serve returns.
	closeOnce sync.Once
	closeErr  error
}

// Info is what a client needs to reach and use the emulator; the command prints it as JSON.
type Info struct {
	APIHostname        string `json:"api_hostname"`
	AuthHostname       string `json:"auth_hostname"`
	CAFile             string `json:"ca_file"`
	AdminEnvironmentID string `json:"admin_environment_id"`
	EnvironmentID      string `json:"environment_id"`
	ClientID           string `json:"client_id"`
	ClientSecret       string `json:"client_secret"`
}

// Start loads or creates the state, writes the CA file, and serves HTTPS; it returns once the
// listener accepts connections.
func Start(opts Options) (*Emulator, error) {
	if err := opts.validate(); err != nil {
		return nil, fmt.Errorf("start emulator: %w", err)
	}
	opts = opts.withDefaults()
	e := &Emulator{
		opts:      opts,
		now:       opts.now,
		log:       log.New(opts.Log, "pingone-emulator: ", log.LstdFlags),
		counters:  map[string]int{},
		protocols: map[string]int{},
		done:      make(chan struct{}),
		served:    make(chan struct{}),
		set:       initialSettings(opts),
	}
	e.bucket.reset(opts.RateLimit, e.now())
	e.routes()
	if err := e.start(); err != nil {
		e.removeTempDir()
		return nil, fmt.Errorf("start emulator: %w", err)
	}
	return e, nil
}

func (e *Emulator) start() error {
	if err := e.loadStateAndCA(); err != nil {
		return err
	}
	// Listen before writing anything, so a busy port leaves no new files behind.
	ln, err := net.Listen("tcp", e.opts.Listen)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", e.opts.Listen, err)
	}
	if err := e.serve(ln); err != nil {
		return errors.Join(err, ln.Close())
	}
	return nil
}

// loadStateAndCA loads or creates the state, and picks the CA: the one given in the options,
// else the one kept in the state file, else a new one.
func (e *Emulator) loadStateAndCA() error {
	st, storedCA, err := e.loadState()
	if err != nil {
		return err
	}
	e.st = st
	e.ca = e.opts.CA
	if e.ca == nil {
		e.ca = storedCA
	}
	if e.ca == nil {
		if e.ca, err = NewCA(); err != nil {
			return err
		}
	}
	e.caRecord, err = e.ca.record()
	return err
}

// serve saves the state, writes the CA file and starts serving on ln.
func (e *Emulator) serve(ln net.Listener) error {
	// Save at once: a new state file must hold the credentials before anyone is told them.
	if err := e.save(); err != nil {
		return err
	}
	caFile, err := e.caPath()
	if err != nil {
		return err
	}
	if err := e.ca.WriteFile(caFile); err != nil {
		return err
	}
	addr := ln.Addr().(*net.TCPAddr)
	var extra []net.IP
	if !addr.IP.IsUnspecified() && !addr.IP.IsLoopback() {
		extra = append(extra, addr.IP)
	}
	cert, err := e.ca.serverCertificate(extra...)
	if err != nil {
		return err
	}
	host := advertisedHost(addr)
	st := e.st
	e.info = Info{
		APIHostname: host, AuthHostname: host, CAFile: caFile,
		AdminEnvironmentID: st.adminEnvID, EnvironmentID: st.targetEnvID,
		ClientID: st.clientID, ClientSecret: st.clientSecret,
	}
	// HTTP/2 as PingOne speaks it, and HTTP/1.1 for clients that do not offer h2 in ALPN.
	protocols := new(http.Protocols)
	protocols.SetHTTP1(true)
	protocols.SetHTTP2(true)
	e.srv = &http.Server{
		Handler:           e,
		TLSConfig:         &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12},
		Protocols:         protocols,
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          e.log,
	}
	go func() {
		defer close(e.served)
		if err := e.srv.ServeTLS(ln, "", ""); err != nil && !errors.Is(err, http.ErrServerClosed) {
			e.log.Printf("serve: %v", err)
		}
	}()
	return nil
}

// advertisedHost is the host:port clients should use: a wildcard listener is reached through
// the loopback address, which the certificate names.
func advertisedHost(addr *net.TCPAddr) string {
	ip := addr.IP
	if ip.IsUnspecified() {
		ip = net.IPv4(127, 0, 0, 1)
	}
	return net.JoinHostPort(ip.String(), fmt.Sprint(addr.Port))
}

// caPath decides where the CA certificate goes; see Options.CAFile.
func (e *Emulator) caPath() (string, error) {
	path := e.opts.CAFile
	switch {
	case path != "":
	case e.opts.StateFile != "":
		sf := e.opts.StateFile
		path = strings.TrimSuffix(sf, filepath.Ext(sf)) + ".ca.pem"
	default:
		dir, err := os.MkdirTemp("", "pingone-emulator-")
		if err != nil {
			return "", fmt.Errorf("create directory for the CA file: %w", err)
		}
		e.tempDir = dir
		path = filepath.Join(dir, "ca.pem")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", fmt.Errorf("resolve CA file path: %w", err)
	}
	return abs, nil
}

// Info returns the hostnames, CA file and credentials of the running emulator.
func (e *Emulator) Info() Info { return e.info }

// URL is the base URL of the listener, e.g. "https://127.0.0.1:PORT".
func (e *Emulator) URL() string { return "https://" + e.info.APIHostname }

// CA returns the CA that signs the server certificate.
func (e *Emulator) CA() *CA { return e.ca }

// Close stops serving, saves the state a last time and removes the temporary CA file. It is
// safe to call more than once; later calls return the first result. Requests in flight get up
// to a second to finish; then every connection is cut, idle HTTP/2 ones included, which a
// graceful shutdown alone would keep for their one-second GOAWAY grace.
func (e *Emulator) Close() error {
	e.closeOnce.Do(func() {
		close(e.done)
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		shut := make(chan struct{})
		go func() {
			defer close(shut)
			_ = e.srv.Shutdown(ctx) // Stops accepting; the rest is Close's below.
		}()
		for e.inflight.Load() > 0 && ctx.Err() == nil {
			time.Sleep(5 * time.Millisecond)
		}
		// Connections still busy after a second are cut; their clients see a dropped request.
		_ = e.srv.Close()
		<-shut
		<-e.served
		e.closeErr = e.save()
		e.removeTempDir()
	})
	return e.closeErr
}

func (e *Emulator) removeTempDir() {
	if e.tempDir == "" {
		return
	}
	if err := os.RemoveAll(e.tempDir); err != nil {
		e.log.Printf("remove the temporary CA directory: %v", err)
	}
}
