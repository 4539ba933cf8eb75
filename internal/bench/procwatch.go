package bench

import (
	"bufio"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// procStats describes the provider processes an engine command started.
type procStats struct {
	// Count is how many provider processes the engine started.
	Count int
	// PeakRSSKB is the highest VmHWM (peak resident set) of any of them, in KiB.
	PeakRSSKB int64
	// CPU is their user and system time together, as last seen before each exited.
	CPU time.Duration
}

// procWatcher polls /proc for the children of one process that run a given binary and keeps
// their peak resident set size. VmHWM is itself a peak, so polling only has to see each
// process once near its end; the poll interval bounds what can be missed in the last moments.
type procWatcher struct {
	parent int
	exe    string
	stopCh chan struct{}
	done   chan struct{}

	mu    sync.Mutex
	peaks map[int]int64         // pid -> VmHWM KiB
	cpu   map[int]time.Duration // pid -> CPU time
	other map[int]bool          // pids seen that are not the provider
}

func watchChildren(parent int, exe string, every time.Duration) *procWatcher {
	w := &procWatcher{parent: parent, exe: exe, stopCh: make(chan struct{}), done: make(chan struct{}),
		peaks: map[int]int64{}, cpu: map[int]time.Duration{}, other: map[int]bool{}}
	go func() {
		defer close(w.done)
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			w.poll()
			select {
			case <-w.stopCh:
				return
			case <-t.C:
			}
		}
	}()
	return w
}

// stop ends the polling and returns what it saw.
func (w *procWatcher) stop() procStats {
	close(w.stopCh)
	<-w.done
	w.mu.Lock()
	defer w.mu.Unlock()
	s := procStats{Count: len(w.peaks)}
	for _, kb := range w.peaks {
		s.PeakRSSKB = max(s.PeakRSSKB, kb)
	}
	for _, d := range w.cpu {
		s.CPU += d
	}
	return s
}

func (w *procWatcher) poll() {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil || w.other[pid] {
			continue
		}
		if _, known := w.peaks[pid]; !known {
			provider, final := w.classify(pid)
			if !provider {
				w.other[pid] = final
				continue
			}
			w.peaks[pid] = 0
		}
		if kb, ok := readVmHWM(pid); ok && kb > w.peaks[pid] {
			w.peaks[pid] = kb
		}
		w.cpu[pid] = max(w.cpu[pid], processCPU(pid))
	}
}

// classify reports whether pid is a child of the watched parent running the provider binary,
// and whether that answer is final: a child of the parent may not have exec'd the provider yet.
func (w *procWatcher) classify(pid int) (provider, final bool) {
	stat, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "stat"))
	if err != nil {
		return false, false
	}
	ppid, ok := parentPID(stat)
	if !ok || ppid != w.parent {
		return false, true
	}
	exe, err := os.Readlink(filepath.Join("/proc", strconv.Itoa(pid), "exe"))
	return err == nil && exe == w.exe, false
}

// parentPID reads the fourth field of /proc/PID/stat. The second field, the command name in
// parentheses, may itself hold spaces and parentheses, so the fields are counted after the last
// closing parenthesis.
func parentPID(stat []byte) (int, bool) {
	i := bytes.LastIndexByte(stat, ')')
	if i < 0 {
		return 0, false
	}
	fields := strings.Fields(string(stat[i+1:]))
	if len(fields) < 2 {
		return 0, false
	}
	ppid, err := strconv.Atoi(fields[1])
	return ppid, err == nil
}

func readVmHWM(pid int) (int64, bool) {
	f, err := os.Open(filepath.Join("/proc", strconv.Itoa(pid), "status"))
	if err != nil {
		return 0, false
	}
	defer func() { _ = f.Close() }()
	return parseVmHWM(f)
}

// parseVmHWM reads "VmHWM:   12345 kB" from a /proc/PID/status file.
func parseVmHWM(r io.Reader) (int64, bool) {
	s := bufio.NewScanner(r)
	for s.Scan() {
		line := s.Text()
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			fields := strings.Fields(rest)
			if len(fields) == 0 {
				return 0, false
			}
			kb, err := strconv.ParseInt(fields[0], 10, 64)
			return kb, err == nil
		}
	}
	return 0, false
}

// processCPU is the user and system time a running process has used so far, from
// /proc/PID/stat (fields 14 and 15, in clock ticks of 1/100 s on Linux).
func processCPU(pid int) time.Duration {
	stat, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "stat"))
	if err != nil {
		return 0
	}
	i := bytes.LastIndexByte(stat, ')')
	if i < 0 {
		return 0
	}
	f := strings.Fields(string(stat[i+1:]))
	if len(f) < 13 {
		return 0
	}
	utime, err1 := strconv.ParseInt(f[11], 10, 64)
	stime, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0
	}
	return time.Duration(utime+stime) * 10 * time.Millisecond
}
