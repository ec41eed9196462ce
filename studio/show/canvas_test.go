package show

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

const twoCanvases = `
[video]
preset = "superfast"
bitrate_kbps = 3000

[[source]]
id = "wide"
kind = "testpattern"

[[source]]
id = "closeup"
kind = "testpattern"
color = "#228b22"

[[canvas]]
id = "horizontal"
width = 1280
height = 720
[canvas.layout]
kind = "pip"
main = "wide"
inset = "closeup"
[canvas.record]
path = "horizontal.mkv"

[[canvas]]
id = "vertical"
width = 720
height = 1280
bitrate_kbps = 2500
[canvas.layout]
kind = "stack"
main = "closeup"
second = "wide"
[[canvas.crop]]
source = "wide"
fit = "fill"
[[canvas.crop]]
source = "closeup"
rect = [320, 0, 640, 720]

[[destination]]
id = "tiktok"
kind = "rtmp"
url = "rtmp://127.0.0.1:1935/live"
canvas = "vertical"

[[destination]]
id = "youtube"
kind = "rtmp"
url = "rtmp://127.0.0.1:1935/yt"

[[cue]]
at = "2s"
do = "layout"
canvas = "vertical"
kind = "rail"
main = "wide"
`

func TestCanvasesParseWithDefaults(t *testing.T) {
	f, err := Parse([]byte(twoCanvases), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	cs := f.Canvases()
	if len(cs) != 2 || cs[0].ID != "horizontal" || cs[1].ID != "vertical" {
		t.Fatalf("canvases %+v", cs)
	}
	h, v := cs[0], cs[1]
	if h.FPS != 30 || v.FPS != 30 || h.BitrateKbps != 3000 || v.BitrateKbps != 2500 {
		t.Errorf("fps %d/%d, bit rates %d/%d: want 30 for both, 3000 from [video] and 2500 as given", h.FPS, v.FPS, h.BitrateKbps, v.BitrateKbps)
	}
	if !v.Portrait() || h.Portrait() {
		t.Error("the 720x1280 canvas is the portrait one")
	}
	if got := strings.Join(v.Layout.IDs(), ","); v.Layout.Kind != "stack" || got != "closeup,wide" {
		t.Errorf("vertical layout %s %s, want stack closeup,wide", v.Layout.Kind, got)
	}
	if len(v.Crops) != 2 || v.Crops[0].Fit != "fill" || len(v.Crops[1].Rect) != 4 {
		t.Errorf("vertical crops %+v", v.Crops)
	}
	// [video], [layout] and [record] mirror the first canvas for code that
	// knows one picture.
	if f.Video.Width != 1280 || f.Video.Height != 720 || f.Layout.Kind != "pip" || f.Record.Path != "horizontal.mkv" {
		t.Errorf("video %dx%d, layout %s, record %q: want the first canvas's", f.Video.Width, f.Video.Height, f.Layout.Kind, f.Record.Path)
	}
	if f.CanvasOf(f.Destinations[0]) != "vertical" || f.CanvasOf(f.Destinations[1]) != "horizontal" {
		t.Error("a destination goes to the canvas it names, else to the first")
	}
	if c := f.Cues[0]; c.Canvas != "vertical" || c.Layout().Kind != "rail" {
		t.Errorf("cue %+v", c)
	}
}

// A file without [[canvas]] has one canvas, "main", made of [video],
// [layout] and [record]: every show file written before canvases means
// what it meant.
func TestNoCanvasMeansOneMainCanvas(t *testing.T) {
	f, err := Load(writeShow(t, goodShow))
	if err != nil {
		t.Fatal(err)
	}
	cs := f.Canvases()
	if len(cs) != 1 {
		t.Fatalf("%d canvases, want 1", len(cs))
	}
	c := cs[0]
	if c.ID != DefaultCanvas || c.Width != 1280 || c.Height != 720 || c.FPS != 30 || c.BitrateKbps != 3500 ||
		c.Layout.Kind != "pip" || c.Record.Path != "out/show.mkv" {
		t.Errorf("default canvas %+v", c)
	}
	if f.CanvasOf(f.Destinations[0]) != DefaultCanvas {
		t.Error("destinations go to the main canvas")
	}
	// The window's settings change [video] after loading: the canvas follows.
	f.Video.Width, f.Video.Height = 1920, 1080
	if c := f.Canvases()[0]; c.Width != 1920 || c.Height != 1080 {
		t.Errorf("canvas %dx%d after [video] changed, want 1920x1080", c.Width, c.Height)
	}
}

func TestCanvasErrorsNameTheField(t *testing.T) {
	cases := []struct {
		name, from, to, want string
	}{
		{"fps differs", "bitrate_kbps = 2500", "bitrate_kbps = 2500\nfps = 25", `canvas "vertical": fps 25 must equal the first canvas's ("horizontal": 30)`},
		{"size with canvases", "[video]\n", "[video]\nwidth = 1920\n", "video.width: this show has [[canvas]]"},
		{"layout with canvases", "[[destination]]", "[layout]\nkind = \"single\"\n\n[[destination]]", "layout: this show has [[canvas]]: give each canvas its own [canvas.layout]"},
		{"record with canvases", "[[destination]]", "[record]\npath = \"x.mkv\"\n\n[[destination]]", "record: this show has [[canvas]]"},
		{"duplicate id", `id = "vertical"`, `id = "horizontal"`, `canvas "horizontal": id must be unique`},
		{"odd size", "width = 720", "width = 721", `canvas "vertical": size 721x1280 is not valid`},
		{"missing size", "width = 720\n", "", `canvas "vertical": size 0x1280`},
		{"unknown destination canvas", `canvas = "vertical"` + "\n\n[[destination]]", `canvas = "square"` + "\n\n[[destination]]",
			`destination "tiktok": canvas "square" is not a canvas of this show (it has ["horizontal" "vertical"])`},
		{"unknown cue canvas", `canvas = "vertical"` + "\nkind", `canvas = "tv"` + "\nkind", `cue[0]: canvas "tv" is not a canvas`},
		{"selling cue with a canvas", "do = \"layout\"\ncanvas = \"vertical\"\nkind = \"rail\"\nmain = \"wide\"", "do = \"pin\"\ncanvas = \"vertical\"\nproduct = \"x\"",
			"cue[0]: canvas: only layout and main cues take one; pin reaches every canvas"},
		{"crop of an unknown source", `source = "wide"`, `source = "drone"`, `canvas "vertical": crop[0]: source "drone" is not a video source`},
		{"crop twice", `source = "closeup"` + "\nrect", `source = "wide"` + "\nrect", `canvas "vertical": crop[1]: source "wide" is cropped twice`},
		{"bad rect", "rect = [320, 0, 640, 720]", "rect = [320, 0, 640]", `canvas "vertical": crop[1]: rect must be [x, y, width, height]`},
		{"bad fit", `fit = "fill"`, `fit = "zoom"`, `canvas "vertical": crop[0]: fit: unknown value "zoom"`},
		{"stack needs a second", "second = \"wide\"\n", "", `canvas "vertical": layout: kind "stack" needs main (the top) and second`},
		{"same recording twice", "second = \"wide\"\n", "second = \"wide\"\n[canvas.record]\npath = \"horizontal.mkv\"\n", `canvas "vertical": record.path "horizontal.mkv" is canvas "horizontal"'s recording too`},
		{"rail too tall", "kind = \"rail\"", "kind = \"rail\"\nrail = 0.9", "cue[0].rail: 0.9 is out of range"},
		{"unknown key", "bitrate_kbps = 2500", "bitrate = 2500", "unknown key canvas.bitrate"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			body := strings.Replace(twoCanvases, c.from, c.to, 1)
			if body == twoCanvases {
				t.Fatalf("test case did not change the show")
			}
			_, err := Parse([]byte(body), t.TempDir())
			if err == nil {
				t.Fatalf("Parse accepted a show with %s", c.name)
			}
			if !errors.Is(err, ErrBadShow) {
				t.Errorf("error %v does not wrap ErrBadShow", err)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q does not contain %q", err, c.want)
			}
		})
	}
}

func TestTooManyCanvases(t *testing.T) {
	body := twoCanvases
	for i := range 3 {
		body += "\n[[canvas]]\nid = \"extra" + string(rune('a'+i)) + "\"\nwidth = 640\nheight = 360\n"
	}
	_, err := Parse([]byte(body), t.TempDir())
	if err == nil || !strings.Contains(err.Error(), "5 canvases, at most 4") {
		t.Errorf("five canvases: %v", err)
	}
}

func TestCanvasRecordingResolvesNextToTheFile(t *testing.T) {
	dir := t.TempDir()
	f, err := Parse([]byte(twoCanvases), dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := f.Resolve(f.Canvases()[0].Record.Path); got != filepath.Join(dir, "horizontal.mkv") {
		t.Errorf("recording at %q", got)
	}
}
