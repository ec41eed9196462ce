package show

import (
	"path/filepath"
	"testing"
)

// Every show file we ship must load: a user copies these first.
func TestShippedExamplesLoad(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "..", "examples", "*.toml"))
	if err != nil || len(files) < 2 {
		t.Fatalf("found %d examples (%v), want at least two", len(files), err)
	}
	for _, f := range files {
		if _, err := Load(f); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
}
