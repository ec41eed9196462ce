package show

import (
	"strings"
	"testing"
)

// [overlays] live_badge and viewers_badge are off unless the file turns
// them on, and a value that is not a boolean is refused by name.
func TestOverlayBadges(t *testing.T) {
	const base = `
[[source]]
id = "cam"
kind = "testpattern"
`
	f, err := Parse([]byte(base), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if f.Overlays.LiveBadge || f.Overlays.ViewersBadge {
		t.Errorf("badges on by default: %+v", f.Overlays)
	}
	f, err = Parse([]byte(base+"\n[overlays]\nlive_badge = true\nviewers_badge = true\n"), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if !f.Overlays.LiveBadge || !f.Overlays.ViewersBadge {
		t.Errorf("badges turned on read as %+v", f.Overlays)
	}
	for _, key := range []string{"live_badge", "viewers_badge"} {
		_, err := Parse([]byte(base+"\n[overlays]\n"+key+" = \"yes\"\n"), t.TempDir())
		if err == nil || !strings.Contains(err.Error(), key) {
			t.Errorf("%s = \"yes\": %v, want an error naming %s", key, err, key)
		}
	}
}
