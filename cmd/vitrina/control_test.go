package main

import (
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// A second machine pins a product through the control API while a show
// runs: the engine pins it, and a wrong token is refused and never logged.
func TestControlAPIPinsAProduct(t *testing.T) {
	dir, data := t.TempDir(), t.TempDir()
	writeFile(t, filepath.Join(dir, "show.toml"), strings.SplitN(sellingShow, "[[cue]]", 2)[0])
	writeFile(t, filepath.Join(dir, "products.csv"), sellingCatalog)
	writeGray(t, filepath.Join(dir, "bg.png"), 1280, 720)
	s := startShow(t, []string{"VITRINA_DATA=" + data}, "run", "--headless", "--show", filepath.Join(dir, "show.toml"),
		"--for", "30s", "--record", filepath.Join(dir, "show.mkv"), "--control", "127.0.0.1:0")
	i, _ := s.waitFor(t, 0, 30*time.Second, "control API", "token_file=")
	s.mu.Lock()
	line := s.lines[i].text
	s.mu.Unlock()
	api := regexp.MustCompile(`url=(http://[0-9.:]+/api/)`).FindStringSubmatch(line)
	if api == nil {
		t.Fatalf("no URL in %q", line)
	}
	tok, err := os.ReadFile(filepath.Join(data, "control-token"))
	if err != nil {
		t.Fatal(err)
	}
	token := strings.TrimSpace(string(tok))
	if strings.Contains(line, token) {
		t.Fatal("the log shows the control token")
	}
	s.waitFor(t, 0, 30*time.Second, "program started")
	pin := func(tok string) int {
		req, _ := http.NewRequest(http.MethodPost, api[1]+"pin", strings.NewReader(`{"product":"LIN-SHIRT"}`))
		req.Header.Set("Authorization", "Bearer "+tok)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if code := pin("not-the-token-0000"); code != http.StatusUnauthorized {
		t.Errorf("a wrong token: %d, want 401", code)
	}
	if code := pin(token); code != http.StatusOK {
		t.Fatalf("pin: %d, want 200", code)
	}
	s.waitFor(t, 0, 10*time.Second, "pinned", "product=LIN-SHIRT")
}
