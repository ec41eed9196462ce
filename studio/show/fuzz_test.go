package show

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// FuzzParse feeds arbitrary bytes to Parse, the show file's reader. What a
// user relies on:
//   - it never panics, whatever the file;
//   - every error wraps ErrBadShow, so `vitrina run` exits 2 ("your file")
//     and never 1 ("vitrina failed");
//   - a file it accepts is one the engine can run: a source, sizes and a
//     frame rate in range, cue times not negative;
//   - the same file is accepted or refused the same way every time, and an
//     accepted file always parses to the same File.
//
// The error's words may differ between two parses of one file: with two
// mistyped tables (found-two-mistyped-tables in the corpus) the TOML
// library reports whichever its map iteration meets first. Both name a
// real mistake, so that is not checked here.
//
// The seed corpus is testdata/fuzz/FuzzParse (the shipped examples and the
// files of the tests) plus examples/*.toml as they are now. Run it as
//
//	go test -run '^$' -fuzz FuzzParse -fuzztime 60s ./studio/show/
func FuzzParse(f *testing.F) {
	examples, _ := filepath.Glob(filepath.Join("..", "..", "examples", "*.toml"))
	for _, p := range examples {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(goodShow))

	// Parse checks that media files exist and that recordings can be
	// written, creating their folders. It runs in a sandbox laid out like
	// the repository (examples/ beside assets/media/demo.mp4), so the
	// examples' relative paths hold and nothing is written outside it.
	root := f.TempDir()
	dir := filepath.Join(root, "examples")
	media := filepath.Join(root, "assets", "media")
	demo, err := os.ReadFile(filepath.Join("..", "..", "assets", "media", "demo.mp4"))
	if err != nil {
		f.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		f.Fatal(err)
	}
	if err := os.MkdirAll(media, 0o755); err != nil {
		f.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(media, "demo.mp4"), demo, 0o444); err != nil {
		f.Fatal(err)
	}

	f.Fuzz(func(t *testing.T, data []byte) {
		if !recordsInside(data, dir, root) {
			t.Skip("a recording path outside the sandbox: Parse would create folders there")
		}
		sf, err := Parse(data, dir)
		if err != nil {
			if !errors.Is(err, ErrBadShow) {
				t.Fatalf("an error that is not ErrBadShow: %v", err)
			}
			if sf != nil {
				t.Fatalf("a file and an error: %v", err)
			}
		} else {
			checkRunnable(t, sf)
		}
		again, err2 := Parse(data, dir)
		if (err == nil) != (err2 == nil) || !reflect.DeepEqual(sf, again) {
			t.Fatalf("two parses of one file differ: %v / %v", err, err2)
		}
	})
}

// recordsInside tells whether every recording path the file names resolves
// inside root. A file whose [record] or [[canvas]] paths do not decode is
// refused by Parse before it touches the disk, so it is inside too.
func recordsInside(data []byte, dir, root string) bool {
	var paths struct {
		Record struct {
			Path string `toml:"path"`
		} `toml:"record"`
		Canvas []struct {
			Record struct {
				Path string `toml:"path"`
			} `toml:"record"`
		} `toml:"canvas"`
	}
	if _, err := toml.Decode(string(data), &paths); err != nil {
		return true
	}
	all := []string{paths.Record.Path}
	for _, c := range paths.Canvas {
		all = append(all, c.Record.Path)
	}
	for _, p := range all {
		if p == "" {
			continue
		}
		if !filepath.IsAbs(p) {
			p = filepath.Join(dir, p)
		}
		rel, err := filepath.Rel(root, filepath.Clean(p))
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return false
		}
	}
	return true
}

// checkRunnable checks what the engine takes for granted of a parsed file.
func checkRunnable(t *testing.T, sf *File) {
	t.Helper()
	v := sf.Video
	if v.Width < 16 || v.Height < 16 || v.Width > 4096 || v.Height > 4096 || v.Width%2 != 0 || v.Height%2 != 0 {
		t.Fatalf("accepted video size %dx%d", v.Width, v.Height)
	}
	if v.FPS < 1 || v.FPS > 120 {
		t.Fatalf("accepted fps %d", v.FPS)
	}
	if len(sf.Sources) == 0 {
		t.Fatal("accepted a show without sources")
	}
	ids := map[string]bool{}
	for _, s := range sf.Sources {
		if ids[s.ID] {
			t.Fatalf("accepted source id %q twice", s.ID)
		}
		ids[s.ID] = true
	}
	for i, c := range sf.Cues {
		if c.AtDur < 0 {
			t.Fatalf("accepted cue %d at %v", i, c.AtDur)
		}
	}
}
