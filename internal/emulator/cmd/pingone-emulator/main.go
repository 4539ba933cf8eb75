// Command pingone-emulator serves the local PingOne emulator over HTTPS until SIGINT or
// SIGTERM. When it is ready it prints one JSON line to stdout: the hostnames, the CA file and
// the credentials (see emulator.Info). Anything else it says goes to stderr.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/oathtokens/terraform-provider-pingone/internal/emulator"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	switch {
	case errors.Is(err, flag.ErrHelp):
	case errors.Is(err, errUsage):
		os.Exit(2)
	case err != nil:
		fmt.Fprintln(os.Stderr, "pingone-emulator:", err)
		os.Exit(1)
	}
}

// errUsage means the flags were wrong; the flag package has already said why.
var errUsage = errors.New("usage")

// run starts the emulator, prints its Info as one JSON line, and serves until ctx ends.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	opts, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	e, err := emulator.Start(opts)
	if err != nil {
		return err
	}
	if err := json.NewEncoder(stdout).Encode(e.Info()); err != nil {
		return errors.Join(fmt.Errorf("print info: %w", err), e.Close())
	}
	<-ctx.Done()
	if err := e.Close(); err != nil {
		return fmt.Errorf("stop: %w", err)
	}
	return nil
}

func parseFlags(args []string, stderr io.Writer) (emulator.Options, error) {
	var opts emulator.Options
	var caDir string
	fs := flag.NewFlagSet("pingone-emulator", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&opts.Listen, "listen", "127.0.0.1:0", "TCP address to serve HTTPS on (port 0 picks a free port)")
	fs.StringVar(&opts.StateFile, "state", "", "state file to load at start and save after each change (default: memory only)")
	fs.DurationVar(&opts.Latency, "latency", 0, "latency added to every API and auth request, e.g. 50ms")
	fs.Float64Var(&opts.RateLimit, "rate-limit", 0, "requests per second over all API and auth requests; 0 means unlimited")
	fs.DurationVar(&opts.TokenTTL, "token-ttl", 0, "access token lifetime (default 1h)")
	fs.IntVar(&opts.PageSize, "page-size", 0, "largest page of list responses (default 100)")
	fs.IntVar(&opts.UnknownEnvironmentStatus, "unknown-environment-status", 0,
		"answer for an environment that does not exist: 404, or 403 as PingOne may answer (default 404)")
	fs.Int64Var(&opts.MaxRequestBodyBytes, "max-request-body", 0, "largest API request body in bytes (default 4 MiB)")
	fs.DurationVar(&opts.JobDuration, "job-duration", 0, "how long a batch job stays IN_PROGRESS before its first row (default 100ms)")
	fs.DurationVar(&opts.JobTimePerToken, "job-time-per-token", 0, "time a batch job takes per row after that (default 50µs)")
	fs.StringVar(&caDir, "ca-dir", "", "directory to write ca.pem into (default: beside the state file, or a temporary directory)")
	fs.Usage = func() {
		_, _ = fmt.Fprintln(stderr, "Usage: pingone-emulator [flags]\n"+
			"Serves the PingOne emulator and prints one JSON line with its hostnames, CA file and credentials.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return opts, err
		}
		return opts, errUsage
	}
	if fs.NArg() > 0 {
		_, _ = fmt.Fprintf(stderr, "unexpected arguments: %v\n", fs.Args())
		fs.Usage()
		return opts, errUsage
	}
	if caDir != "" {
		if err := os.MkdirAll(caDir, 0o755); err != nil {
			return opts, fmt.Errorf("create CA directory: %w", err)
		}
		opts.CAFile = filepath.Join(caDir, "ca.pem")
	}
	opts.Log = stderr
	return opts, nil
}
