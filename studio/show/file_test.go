package show

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const goodShow = `
[video]
width = 1280
height = 720

[[source]]
id = "wide"
kind = "testpattern"

[[source]]
id = "closeup"
kind = "testpattern"
color = "#228b22"

[[source]]
id = "clip"
kind = "file"
path = "clip.mp4"

[layout]
kind = "pip"
main = "wide"
inset = "closeup"

[[destination]]
id = "yt"
kind = "rtmp"
url = "rtmp://127.0.0.1:1935/live"
key_env = "YT_KEY"

[record]
path = "out/show.mkv"

[[cue]]
at = "5s"
do = "layout"
kind = "grid"
sources = ["wide", "closeup", "clip"]
transition = "fade"
`

func writeShow(t *testing.T, body string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "clip.mp4"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "show.toml")
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLoadGoodShowAppliesDefaults(t *testing.T) {
	p := writeShow(t, goodShow)
	f, err := Load(p)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if f.Video.FPS != 30 || f.Video.Preset != "veryfast" || f.Video.BitrateKbps != 3500 || f.Video.Encoder != "auto" {
		t.Errorf("video defaults not applied: %+v", f.Video)
	}
	if got := f.Resolve(f.Record.Path); got != filepath.Join(filepath.Dir(p), "out", "show.mkv") {
		t.Errorf("record path resolved to %q, want it next to the show file", got)
	}
	if f.Cues[0].AtDur.Seconds() != 5 {
		t.Errorf("cue at parsed as %v", f.Cues[0].AtDur)
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(p), "out", "show.mkv")); err == nil {
		t.Errorf("the writability check left a recording file behind")
	}
}

// Each bad input must be rejected with an error that names the offending
// field, so the user knows what to fix.
func TestLoadRejectsBadInputNamingTheField(t *testing.T) {
	cases := []struct {
		name, from, to, want string
	}{
		{"unknown source kind", `kind = "file"`, `kind = "webcam"`, `source "clip": kind: unknown value "webcam"`},
		{"missing media file", `path = "clip.mp4"`, `path = "missing.mp4"`, `source "clip": path "missing.mp4": no such file`},
		{"odd width", "width = 1280", "width = 1281", "video.width: 1281"},
		{"zero height", "height = 720", "height = 0", "video.height: 0"},
		{"bad fps", "[video]\n", "[video]\nfps = 500\n", "video.fps: 500"},
		{"unwritable record path", `path = "out/show.mkv"`, `path = "/proc/vitrina/show.mkv"`, `record.path "/proc/vitrina/show.mkv"`},
		{"record path is a folder", `path = "out/show.mkv"`, `path = "/tmp"`, `record.path "/tmp": is a directory`},
		{"typo in key", `main = "wide"`, `mian = "wide"`, "unknown key layout.mian"},
		{"layout names unknown source", `inset = "closeup"`, `inset = "model"`, `layout: "model" is not a video source`},
		{"url scheme mismatch", `url = "rtmp://127.0.0.1:1935/live"`, `url = "http://127.0.0.1/live"`, `destination "yt": url scheme "http"`},
		{"bad cue time", `at = "5s"`, `at = "soon"`, `cue[0]: at "soon"`},
		{"grid too big", `sources = ["wide", "closeup", "clip"]`, `sources = ["wide", "closeup", "clip", "wide", "wide"]`, "cue[0].sources: a grid takes 1 to 4"},
		{"toml syntax", `[layout]`, `[layout`, "line "},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			body := strings.Replace(goodShow, c.from, c.to, 1)
			if body == goodShow {
				t.Fatalf("test case did not change the show")
			}
			_, err := Load(writeShow(t, body))
			if err == nil {
				t.Fatalf("Load accepted a show with %s", c.name)
			}
			if !errors.Is(err, ErrBadShow) {
				t.Errorf("error %v does not wrap ErrBadShow", err)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q does not contain %q", err, c.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error spans several lines: %q", err)
			}
		})
	}
}

func TestLayoutIDsFollowTheKind(t *testing.T) {
	cases := map[string]Layout{
		"wide":         {Kind: "single", Main: "wide"},
		"wide,closeup": {Kind: "pip", Main: "wide", Inset: "closeup"},
		"wide,model":   {Kind: "side-by-side", Main: "wide", Second: "model"},
		"a,b,c,d":      {Kind: "grid", Sources: []string{"a", "b", "c", "d"}},
	}
	for want, l := range cases {
		if got := strings.Join(l.IDs(), ","); got != want {
			t.Errorf("%s: IDs() = %q, want %q", l.Kind, got, want)
		}
	}
}
