// Command client-load is the benchmark harness's "client only" subject: it creates N OATH
// tokens with the provider's own PingOne client (internal/pingone, default retry policy) from
// -workers goroutines, as the engine's -parallelism would, but with no engine and no plugin
// protocol. It finds the emulator through the same PINGONE_* variables and SSL_CERT_FILE as the
// provider, and prints {"seconds": ..., "errors": ...} on one line.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/oathtokens/terraform-provider-pingone/internal/pingone"
)

func main() {
	n := flag.Int("n", 100, "tokens to create")
	workers := flag.Int("workers", 10, "concurrent requests")
	envID := flag.String("environment", "", "target environment ID")
	flag.Parse()

	c, err := pingone.New(pingone.Config{
		ClientID:      os.Getenv("PINGONE_CLIENT_ID"),
		ClientSecret:  os.Getenv("PINGONE_CLIENT_SECRET"),
		EnvironmentID: os.Getenv("PINGONE_ENVIRONMENT_ID"),
		APIHostname:   os.Getenv("PINGONE_API_SERVICE_HOSTNAME"),
		AuthHostname:  os.Getenv("PINGONE_AUTH_SERVICE_HOSTNAME"),
		UserAgent:     "pingone-bench-client-load",
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "client-load:", err)
		os.Exit(1)
	}
	jobs := make(chan int, *n)
	for i := range *n {
		jobs <- i
	}
	close(jobs)
	var failed atomic.Int64
	var wg sync.WaitGroup
	start := time.Now()
	for range *workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				_, err := c.CreateOATHToken(context.Background(), *envID, pingone.OATHTokenCreate{
					SerialNumber: fmt.Sprintf("BENCH%06d", i), Secret: "3132333435363738393031323334353637383930",
					Type: "HOTP", OTPLength: 6, HOTP: &pingone.HOTPSettings{},
				})
				if err != nil {
					failed.Add(1)
					fmt.Fprintln(os.Stderr, err)
				}
			}
		}()
	}
	wg.Wait()
	_ = json.NewEncoder(os.Stdout).Encode(map[string]any{"seconds": time.Since(start).Seconds(), "errors": failed.Load()})
}
