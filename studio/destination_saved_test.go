package studio

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vitrina-live/vitrina/studio/show"
)

// What the window added, changed and removed comes back on the next run of
// the same show, in the show file's order, and no key is ever written.
func TestSavedDestinationsComeBackNextRun(t *testing.T) {
	body := smallShow + `
[[destination]]
id = "keep"
kind = "rtmp"
url = "rtmp://a.example/live"

[[destination]]
id = "edit"
kind = "rtmp"
url = "rtmp://b.example/live"
key_env = "SOME_KEY"

[[destination]]
id = "drop"
kind = "rtmp"
url = "rtmp://c.example/live"
`
	dir := t.TempDir()
	parse := func() *show.File {
		f, err := show.Parse([]byte(body), dir)
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	showPath := filepath.Join(dir, "shop.toml")
	sd := SavedDestinationsFor(filepath.Join(dir, "data"), showPath)
	f := parse()
	if ws, err := sd.Apply(f); err != nil || len(ws) != 0 || len(f.Destinations) != 3 {
		t.Fatalf("first run, nothing saved: %v %v %+v", ws, err, f.Destinations)
	}
	now := []show.Destination{
		f.Destinations[0],
		{ID: "edit", Kind: "rtmp", URL: "rtmp://b2.example/live", KeyName: "dest-edit"},
		{ID: "added", Kind: "rtmp", Service: "youtube", URL: "rtmp://a.rtmp.youtube.com/live2", KeyName: "dest-added"},
	}
	if err := sd.Save(now); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(sd.Path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(filepath.Base(sd.Path), "shop-") || strings.Contains(string(data), "SOME_KEY") {
		t.Errorf("saved file %s:\n%s", sd.Path, data)
	}
	if fi, _ := os.Stat(sd.Path); fi.Mode().Perm() != 0o600 {
		t.Errorf("saved file mode %v, want 0600", fi.Mode().Perm())
	}

	next := parse()
	again := SavedDestinationsFor(filepath.Join(dir, "data"), showPath)
	ws, err := again.Apply(next)
	if err != nil || len(ws) != 0 {
		t.Fatalf("second run: %v %v", ws, err)
	}
	var ids []string
	for _, d := range next.Destinations {
		ids = append(ids, d.ID)
	}
	if strings.Join(ids, ",") != "keep,edit,added" {
		t.Fatalf("second run's destinations: %v, want keep,edit,added", ids)
	}
	if e := next.Destinations[1]; e.URL != "rtmp://b2.example/live" || e.KeyName != "dest-edit" || e.KeyEnv != "" {
		t.Errorf("edited destination: %+v", e)
	}
	// Back to the show file's own: the saved file goes.
	if err := again.Save(parse().Destinations); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(sd.Path); !os.IsNotExist(err) {
		t.Errorf("nothing differs from the show file, but %s is still there: %v", sd.Path, err)
	}
	// Another show with the same name keeps its own.
	if other := SavedDestinationsFor(filepath.Join(dir, "data"), filepath.Join(dir, "other", "shop.toml")); other.Path == sd.Path {
		t.Errorf("two shows named shop share %s", sd.Path)
	}
}

// A saved file that no longer fits the show (a canvas it names is gone)
// is reported and left out; it never stops the show.
func TestSavedDestinationThatNoLongerFitsIsLeftOut(t *testing.T) {
	dir := t.TempDir()
	sd := SavedDestinationsFor(dir, filepath.Join(dir, "s.toml"))
	if err := os.MkdirAll(filepath.Dir(sd.Path), 0o700); err != nil {
		t.Fatal(err)
	}
	saved := "[[destination]]\nid = \"v\"\nkind = \"rtmp\"\nurl = \"rtmp://x.example/live\"\ncanvas = \"vertical\"\n"
	if err := os.WriteFile(sd.Path, []byte(saved), 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := show.Parse([]byte(smallShow), dir)
	if err != nil {
		t.Fatal(err)
	}
	ws, err := sd.Apply(f)
	if err != nil || len(ws) != 1 || !strings.Contains(ws[0], `"v"`) || len(f.Destinations) != 0 {
		t.Errorf("warnings %q, err %v, destinations %+v: want one warning naming v and none added", ws, err, f.Destinations)
	}
}
