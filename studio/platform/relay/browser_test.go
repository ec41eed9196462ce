package relay

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// page is scripts/browser/viewer.mjs driving a viewer page in Debian's
// headless Chromium, one command at a time.
type page struct {
	t   testing.TB
	cmd *exec.Cmd
	in  io.WriteCloser
	out *bufio.Scanner
}

func openPage(t testing.TB, url string) *page {
	t.Helper()
	dir, err := filepath.Abs("../../../scripts/browser")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "playwright-core")); err != nil {
		t.Fatalf("playwright-core is not installed in %s: run `make deps`", dir)
	}
	cmd := exec.Command("node", "viewer.mjs", url)
	cmd.Dir = dir
	cmd.Stderr = os.Stderr
	in, _ := cmd.StdinPipe()
	out, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &page{t: t, cmd: cmd, in: in, out: bufio.NewScanner(out)}
	p.out.Buffer(make([]byte, 64<<10), 1<<20)
	t.Cleanup(func() { in.Close(); cmd.Process.Kill(); cmd.Wait() })
	return p
}

// do sends one command and fails the test if the page could not do it.
func (p *page) do(cmd map[string]any) map[string]any {
	p.t.Helper()
	line, _ := json.Marshal(cmd)
	if _, err := fmt.Fprintf(p.in, "%s\n", line); err != nil {
		p.t.Fatalf("browser: %v", err)
	}
	if !p.out.Scan() {
		p.t.Fatalf("browser: no answer to %s (%v)", line, p.out.Err())
	}
	var r map[string]any
	if err := json.Unmarshal(p.out.Bytes(), &r); err != nil {
		p.t.Fatalf("browser: %q: %v", p.out.Text(), err)
	}
	if r["ok"] != true {
		p.t.Fatalf("browser: %s: %v (page errors %v)", line, r["error"], r["pageErrors"])
	}
	return r
}

// wait waits for selector (containing text) to be in the page.
func (p *page) wait(selector, text string, timeoutMS int) {
	p.t.Helper()
	p.do(map[string]any{"cmd": "wait", "selector": selector, "text": text, "timeout": timeoutMS})
}

func (p *page) text(selector string) string {
	p.t.Helper()
	s, _ := p.do(map[string]any{"cmd": "text", "selector": selector})["text"].(string)
	return s
}

// requests counts the page's requests of method to URLs containing match,
// waiting for at least atLeast of them.
func (p *page) requests(method, match string, atLeast, timeoutMS int) int {
	p.t.Helper()
	at, _ := p.do(map[string]any{"cmd": "requests", "method": method, "match": match, "atLeast": atLeast, "timeout": timeoutMS})["at"].([]any)
	return len(at)
}

// frames waits for the page to have decoded atLeast video frames, and
// returns how many it has.
func (p *page) frames(atLeast, timeoutMS int) int {
	p.t.Helper()
	n, _ := p.do(map[string]any{"cmd": "frames", "atLeast": atLeast, "timeout": timeoutMS})["framesDecoded"].(float64)
	return int(n)
}

// close ends the browser and fails the test on anything the page threw
// or logged as an error in its console.
func (p *page) close() {
	p.t.Helper()
	r := p.do(map[string]any{"cmd": "close"})
	if errs, _ := r["pageErrors"].([]any); len(errs) > 0 {
		p.t.Errorf("the page threw: %v", errs)
	}
	if errs, _ := r["consoleErrors"].([]any); len(errs) > 0 {
		p.t.Errorf("the page logged errors in its console: %v", errs)
	}
}
