// Package viewertest drives the viewer page in Debian's headless Chromium
// for tests: scripts/browser/viewer.mjs takes one JSON command per line
// and answers each with one JSON line. The relay's and the studio's
// end-to-end tests share it.
package viewertest

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

// Page is one browser showing one page.
type Page struct {
	T   testing.TB
	cmd *exec.Cmd
	in  io.WriteCloser
	out *bufio.Scanner
}

// Open starts the driver on url. scripts is the repository's
// scripts/browser folder, where `make deps` installs playwright-core; the
// browser ends with the test.
func Open(t testing.TB, scripts, url string) *Page {
	t.Helper()
	dir, err := filepath.Abs(scripts)
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
	p := &Page{T: t, cmd: cmd, in: in, out: bufio.NewScanner(out)}
	p.out.Buffer(make([]byte, 64<<10), 1<<20)
	t.Cleanup(func() { in.Close(); cmd.Process.Kill(); cmd.Wait() })
	return p
}

// Do sends one command and fails the test if the page could not do it.
func (p *Page) Do(cmd map[string]any) map[string]any {
	p.T.Helper()
	line, _ := json.Marshal(cmd)
	if _, err := fmt.Fprintf(p.in, "%s\n", line); err != nil {
		p.T.Fatalf("browser: %v", err)
	}
	if !p.out.Scan() {
		p.T.Fatalf("browser: no answer to %s (%v)", line, p.out.Err())
	}
	var r map[string]any
	if err := json.Unmarshal(p.out.Bytes(), &r); err != nil {
		p.T.Fatalf("browser: %q: %v", p.out.Text(), err)
	}
	if r["ok"] != true {
		p.T.Fatalf("browser: %s: %v (page errors %v)", line, r["error"], r["pageErrors"])
	}
	return r
}

// Close ends the browser and returns what the page threw and what it
// logged as errors in its console.
func (p *Page) Close() (thrown, console []any) {
	p.T.Helper()
	r := p.Do(map[string]any{"cmd": "close"})
	thrown, _ = r["pageErrors"].([]any)
	console, _ = r["consoleErrors"].([]any)
	return thrown, console
}
