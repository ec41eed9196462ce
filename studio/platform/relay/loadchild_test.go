package relay

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/exec"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The load test's relay runs in a child process, this test binary started
// again with childEnv set to the address to serve.
const childEnv = "VITRINA_RELAY_TEST_CHILD"

func TestMain(m *testing.M) {
	if addr := os.Getenv(childEnv); addr != "" {
		os.Exit(runChild(addr))
	}
	os.Exit(m.Run())
}

// runChild is the relay of the load test, with a /debug/stats of its own
// goroutines and memory. It ends when its stdin closes (the test ended).
func runChild(addr string) int {
	s, err := New(Config{Token: testToken, Logger: slog.New(slog.DiscardHandler), ViewerRate: 1000, MaxViewers: 2000})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	mux := http.NewServeMux()
	mux.Handle("/", s)
	mux.HandleFunc("/debug/stats", func(w http.ResponseWriter, _ *http.Request) {
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		st := childStats{Goroutines: runtime.NumGoroutine(), HeapKiB: int(ms.HeapAlloc >> 10)}
		if rm, err := s.room("show"); err == nil {
			st.FanoutMS = rm.n.fanoutNanos.Load() / 1e6
			rm.mu.Lock()
			for _, f := range []*fanout{rm.video, rm.audio} {
				if f != nil {
					st.Dropped += f.dropped.Load()
				}
			}
			rm.mu.Unlock()
		}
		json.NewEncoder(w).Encode(st)
	})
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	go http.Serve(ln, mux)
	if path := os.Getenv("VITRINA_RELAY_TEST_CPUPROFILE"); path != "" {
		if f, err := os.Create(path); err == nil {
			pprof.StartCPUProfile(f)
			defer pprof.StopCPUProfile()
		}
	}
	buf := make([]byte, 1)
	os.Stdin.Read(buf)
	s.Close()
	return 0
}

type childStats struct {
	Goroutines int    `json:"goroutines"`
	HeapKiB    int    `json:"heap_kib"`
	FanoutMS   int64  `json:"fanout_ms"` // time the shards spent writing to viewers
	Dropped    uint64 `json:"dropped"`   // packets a full shard queue dropped
	RSSKiB     int    `json:"-"`
}

type child struct {
	cmd  *exec.Cmd
	base string
}

func startChild(t *testing.T) *child {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe)
	cmd.Env = append(os.Environ(), childEnv+"="+addr)
	cmd.Stderr = os.Stderr
	stdin, _ := cmd.StdinPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { stdin.Close(); cmd.Wait() })
	c := &child{cmd: cmd, base: "http://" + addr}
	eventually(t, 10*time.Second, "the relay child listens", func() bool {
		conn, err := net.Dial("tcp", addr)
		if err == nil {
			conn.Close()
		}
		return err == nil
	})
	return c
}

// selfCPU is this process's user+system CPU time so far.
func selfCPU(t *testing.T) time.Duration {
	b, err := os.ReadFile("/proc/self/stat")
	if err != nil {
		t.Fatal(err)
	}
	f := strings.Fields(string(b[strings.LastIndexByte(string(b), ')')+2:]))
	utime, _ := strconv.Atoi(f[11])
	stime, _ := strconv.Atoi(f[12])
	return time.Duration(utime+stime) * 10 * time.Millisecond
}

// cpu is the child's user+system CPU time so far.
func (c *child) cpu(t *testing.T) time.Duration {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", c.cmd.Process.Pid))
	if err != nil {
		t.Fatal(err)
	}
	f := strings.Fields(string(b[strings.LastIndexByte(string(b), ')')+2:]))
	utime, _ := strconv.Atoi(f[11]) // fields 14 and 15 of stat, in clock ticks (100 Hz)
	stime, _ := strconv.Atoi(f[12])
	return time.Duration(utime+stime) * 10 * time.Millisecond
}

func (c *child) stats(t *testing.T) childStats {
	resp, err := http.Get(c.base + "/debug/stats")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var s childStats
	json.NewDecoder(resp.Body).Decode(&s)
	b, _ := os.ReadFile(fmt.Sprintf("/proc/%d/status", c.cmd.Process.Pid))
	for _, l := range strings.Split(string(b), "\n") {
		if f := strings.Fields(l); len(f) >= 2 && f[0] == "VmRSS:" {
			s.RSSKiB, _ = strconv.Atoi(f[1])
		}
	}
	return s
}
