package main

import (
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A second machine pins a product through the control API while a show
// runs: the engine pins it, and a wrong token is refused and never logged.
func TestControlAPIPinsAProduct(t *testing.T) {
	dir := showFolder(t, strings.SplitN(sellingShow, "[[cue]]", 2)[0], sellingCatalog)
	s, api := runControlled(t, dir, t.TempDir(), nil, "--for", "30s", "--record", filepath.Join(dir, "show.mkv"))
	if strings.Contains(api.line, api.token) {
		t.Fatal("the log shows the control token")
	}
	s.waitFor(t, 0, 30*time.Second, "program started")
	pin := func(tok string) int {
		req, _ := http.NewRequest(http.MethodPost, api.url+"pin", strings.NewReader(`{"product":"LIN-SHIRT"}`))
		req.Header.Set("Authorization", "Bearer "+tok)
		return relayDo(t, req).code
	}
	if code := pin("not-the-token-0000"); code != http.StatusUnauthorized {
		t.Errorf("a wrong token: %d, want 401", code)
	}
	if code := pin(api.token); code != http.StatusOK {
		t.Fatalf("pin: %d, want 200", code)
	}
	s.waitFor(t, 0, 10*time.Second, "pinned", "product=LIN-SHIRT")
}
