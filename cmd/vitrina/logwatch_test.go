package main

import (
	"bufio"
	"context"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// liveShow is a running `vitrina run` whose log a test reads line by line as it
// comes, to act at the moments the user would see in it.
type liveShow struct {
	cmd  *exec.Cmd
	done chan struct{}
	err  error

	mu    sync.Mutex
	lines []logLine
	more  chan struct{} // closed and replaced at every new line
}

type logLine struct {
	at   time.Time // when the test read it
	text string
}

// startShow runs vitrina with args and env added to the test's environment;
// it is killed if still running when the test ends.
func startShow(t *testing.T, env []string, args ...string) *liveShow {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	cmd := exec.CommandContext(ctx, binary, args...)
	cmd.Env = append(append(os.Environ(), "VITRINA_DATA="+t.TempDir()), env...)
	r, w := io.Pipe()
	cmd.Stdout, cmd.Stderr = w, w
	s := &liveShow{cmd: cmd, done: make(chan struct{}), more: make(chan struct{})}
	if err := cmd.Start(); err != nil {
		cancel()
		t.Fatalf("starting vitrina: %v", err)
	}
	scanned := make(chan struct{})
	go func() {
		defer close(scanned)
		sc := bufio.NewScanner(r)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for sc.Scan() {
			s.mu.Lock()
			s.lines = append(s.lines, logLine{time.Now(), sc.Text()})
			close(s.more)
			s.more = make(chan struct{})
			s.mu.Unlock()
		}
	}()
	go func() {
		s.err = cmd.Wait()
		w.Close()
		<-scanned // every line is in s.lines before done closes
		close(s.done)
	}()
	t.Cleanup(func() { cancel(); <-s.done })
	return s
}

// waitFor waits for a log line, after line index from, containing every one
// of parts; it returns the line's index and when it came.
func (s *liveShow) waitFor(t *testing.T, from int, within time.Duration, parts ...string) (int, time.Time) {
	t.Helper()
	deadline := time.NewTimer(within)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		for i := from; i < len(s.lines); i++ {
			if containsAll(s.lines[i].text, parts) {
				l := s.lines[i]
				s.mu.Unlock()
				return i, l.at
			}
		}
		from = len(s.lines)
		more := s.more
		s.mu.Unlock()
		select {
		case <-more:
		case <-s.done:
			s.mu.Lock()
			n := len(s.lines)
			s.mu.Unlock()
			if n > from { // lines that came just before it exited
				continue
			}
			t.Fatalf("vitrina ended (%v) without logging %q:\n%s", s.err, parts, s.log())
		case <-deadline.C:
			t.Fatalf("no log line with %q within %v:\n%s", parts, within, s.log())
		}
	}
}

// wait waits for the show to end by itself and fails if it did not exit 0.
func (s *liveShow) wait(t *testing.T, within time.Duration) string {
	t.Helper()
	select {
	case <-s.done:
	case <-time.After(within):
		t.Fatalf("vitrina still running after %v:\n%s", within, s.log())
	}
	if s.err != nil {
		t.Fatalf("vitrina failed: %v\n%s", s.err, s.log())
	}
	return s.log()
}

// stop asks the show to end, as Ctrl-C would, and waits as wait does.
func (s *liveShow) stop(t *testing.T, within time.Duration) string {
	t.Helper()
	s.cmd.Process.Signal(syscall.SIGINT)
	return s.wait(t, within)
}

// lineAt is the text of log line i.
func (s *liveShow) lineAt(i int) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.lines[i].text
}

func (s *liveShow) log() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var b strings.Builder
	for _, l := range s.lines {
		b.WriteString(l.text)
		b.WriteByte('\n')
	}
	return b.String()
}

// count counts the log lines containing every one of parts.
func (s *liveShow) count(parts ...string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, l := range s.lines {
		if containsAll(l.text, parts) {
			n++
		}
	}
	return n
}

func containsAll(s string, parts []string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}
