// Command profiled-provider is the provider with profiling, for the benchmark harness's
// -cpuprofile flag only: it serves exactly what the real binary serves, and when
// PINGONE_BENCH_CPUPROFILE names a directory, each process writes cpu-<pid>.pprof there when
// the engine shuts it down, and heap-<pid>.pprof whenever its live heap reaches a new high.
// Release builds never contain it.
package main

import (
	"fmt"
	"log"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"strings"
	"time"

	"github.com/oathtokens/terraform-provider-pingone/internal/pluginserver"
	"github.com/oathtokens/terraform-provider-pingone/internal/provider"
)

func main() {
	if dir := os.Getenv("PINGONE_BENCH_CPUPROFILE"); dir != "" {
		f, err := os.Create(filepath.Join(dir, fmt.Sprintf("cpu-%d.pprof", os.Getpid())))
		if err != nil {
			log.Fatal(err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			log.Fatal(err)
		}
		defer func() {
			pprof.StopCPUProfile()
			_ = f.Close()
		}()
		go watchHeap(filepath.Join(dir, fmt.Sprintf("heap-%d.pprof", os.Getpid())))
	}
	if err := pluginserver.Serve(provider.RegistryAddress, provider.New("bench"), false); err != nil {
		log.Print(err)
	}
}

// watchHeap writes a heap profile each time the live heap grows 10 % past its last high.
func watchHeap(path string) {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/gc/heap/live:bytes"}}
	trace, _ := os.Create(path + ".log")
	start := time.Now()
	var high uint64
	for range time.Tick(100 * time.Millisecond) {
		metrics.Read(sample)
		_, _ = fmt.Fprintf(trace, "%6.1fs heap objects %6.1f MB, live after last GC %6.1f MB, %d goroutines\n", time.Since(start).Seconds(),
			float64(sample[0].Value.Uint64())/1e6, float64(sample[1].Value.Uint64())/1e6, runtime.NumGoroutine())
		if v := sample[0].Value.Uint64(); v > high+high/10 {
			high = v
			if f, err := os.Create(path); err == nil {
				_ = pprof.Lookup("heap").WriteTo(f, 0)
				_ = f.Close()
			}
			if f, err := os.Create(strings.Replace(path, "heap-", "goroutine-", 1)); err == nil {
				_ = pprof.Lookup("goroutine").WriteTo(f, 1)
				_ = f.Close()
			}
		}
	}
}
