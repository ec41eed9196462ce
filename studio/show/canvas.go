package show

import "fmt"

// DefaultCanvas is the id of the one canvas of a show file without
// [[canvas]]: its [video], [layout] and [record] describe it.
const DefaultCanvas = "main"

// maxCanvases bounds the encodes one show asks of the machine.
const maxCanvases = 4

// Canvas is one program picture ([[canvas]]): a horizontal one for YouTube
// and a vertical one for TikTok, say, fed by the same sources. Each has its
// own size, layout, framing of the sources, encode, recording and
// destinations; the frame rate is the show's, shared by all of them.
type Canvas struct {
	ID     string `toml:"id"`
	Width  int    `toml:"width"`
	Height int    `toml:"height"`
	// FPS must equal the first canvas's: the sources and the sound run on
	// one clock. Left out, it is the first canvas's (or [video] fps).
	FPS int `toml:"fps"`
	// BitrateKbps defaults to [video] bitrate_kbps; encoder and preset are
	// always [video]'s.
	BitrateKbps int    `toml:"bitrate_kbps"`
	Layout      Layout `toml:"layout"`
	Crops       []Crop `toml:"crop"`
	Record      Record `toml:"record"`
}

// Crop frames one source on one canvas, replacing the [[source]]'s own crop
// and fit there: rect = [x, y, w, h] in source pixels, and fit = "fill" to
// cover the cell by cutting the centre out (a centre crop of the wide
// camera for a 9:16 canvas is just fit = "fill").
type Crop struct {
	Source string `toml:"source"`
	Rect   []int  `toml:"rect"`
	Fit    string `toml:"fit"`
}

// Portrait says whether the canvas is taller than wide (a phone screen).
func (c Canvas) Portrait() bool { return c.Height > c.Width }

// Canvases returns the show's canvases in file order: its [[canvas]]
// entries, or the single canvas DefaultCanvas made from [video], [layout]
// and [record]. It reads [video] afresh, so a caller that changed the size
// after Parse (the window's settings) gets the size it set.
func (f *File) Canvases() []Canvas {
	if len(f.Canvas) > 0 {
		return f.Canvas
	}
	return []Canvas{{
		ID: DefaultCanvas, Width: f.Video.Width, Height: f.Video.Height, FPS: f.Video.FPS,
		BitrateKbps: f.Video.BitrateKbps, Layout: f.Layout, Record: f.Record,
	}}
}

// CanvasOf returns the id of the canvas a destination takes its picture
// from: the one it names, else the first.
func (f *File) CanvasOf(d Destination) string {
	if d.Canvas != "" {
		return d.Canvas
	}
	return f.Canvases()[0].ID
}

func (f *File) canvas(id string) (Canvas, bool) {
	for _, c := range f.Canvases() {
		if c.ID == id {
			return c, true
		}
	}
	return Canvas{}, false
}

func (f *File) canvasIDs() string {
	var ids []string
	for _, c := range f.Canvases() {
		ids = append(ids, fmt.Sprintf("%q", c.ID))
	}
	return fmt.Sprint(ids)
}

// canvasDefaults fills each [[canvas]] from [video] and the first canvas,
// then makes [video], [layout] and [record] mirror the first canvas, so code
// that knows one program picture (a test pattern's default size, the
// window's starting layout) sees the main one.
func (f *File) canvasDefaults() {
	if len(f.Canvas) == 0 {
		return
	}
	for i := range f.Canvas {
		c := &f.Canvas[i]
		if c.FPS == 0 {
			c.FPS = f.Video.FPS
			if i > 0 {
				c.FPS = f.Canvas[0].FPS
			}
		}
		if c.BitrateKbps == 0 {
			c.BitrateKbps = f.Video.BitrateKbps
		}
		f.layoutDefaults(&c.Layout)
	}
	first := f.Canvas[0]
	f.Video.Width, f.Video.Height, f.Video.FPS = first.Width, first.Height, first.FPS
	f.Layout, f.Record = first.Layout, first.Record
}

// validateCanvasSizes checks what the encoders are built from: ids, sizes,
// the one frame rate and bit rates. It runs before [video] is checked,
// which mirrors the first canvas.
func (f *File) validateCanvasSizes() error {
	if len(f.Canvas) > maxCanvases {
		return bad("canvas: %d canvases, at most %d (each is one more video encode)", len(f.Canvas), maxCanvases)
	}
	seen := map[string]bool{}
	for i, c := range f.Canvas {
		where := fmt.Sprintf("canvas[%d]", i)
		if c.ID != "" {
			where = fmt.Sprintf("canvas %q", c.ID)
		}
		if !idPattern.MatchString(c.ID) || seen[c.ID] {
			return bad("%s: id must be unique letters, digits, '.', '_' or '-'", where)
		}
		seen[c.ID] = true
		if c.Width < 16 || c.Height < 16 || c.Width > 4096 || c.Height > 4096 || c.Width%2 != 0 || c.Height%2 != 0 {
			return bad("%s: size %dx%d is not valid (width and height are required, even numbers from 16 to 4096)", where, c.Width, c.Height)
		}
		if c.FPS < 1 || c.FPS > 120 {
			return bad("%s: fps %d is out of range (1 to 120)", where, c.FPS)
		}
		if first := f.Canvas[0]; c.FPS != first.FPS {
			return bad("%s: fps %d must equal the first canvas's (%q: %d): every canvas runs on the show's one clock", where, c.FPS, first.ID, first.FPS)
		}
		if c.BitrateKbps < 100 || c.BitrateKbps > 50000 {
			return bad("%s: bitrate_kbps %d is out of range (100 to 50000)", where, c.BitrateKbps)
		}
	}
	return nil
}

// validateCanvases checks each canvas's layout, crops and recording against
// the show's sources.
func (f *File) validateCanvases(kinds map[string]string) error {
	paths := map[string]string{}
	for _, c := range f.Canvas {
		where := fmt.Sprintf("canvas %q", c.ID)
		if err := validateLayout(where+": layout", c.Layout, kinds); err != nil {
			return err
		}
		cropped := map[string]bool{}
		for j, cr := range c.Crops {
			w := fmt.Sprintf("%s: crop[%d]", where, j)
			if !hasVideo(kinds[cr.Source]) {
				return bad("%s: source %q is not a video source of this show", w, cr.Source)
			}
			if cropped[cr.Source] {
				return bad("%s: source %q is cropped twice on this canvas", w, cr.Source)
			}
			cropped[cr.Source] = true
			if len(cr.Rect) != 0 && (len(cr.Rect) != 4 || cr.Rect[2] <= 0 || cr.Rect[3] <= 0 || cr.Rect[0] < 0 || cr.Rect[1] < 0) {
				return bad("%s: rect must be [x, y, width, height] in source pixels, with a positive width and height", w)
			}
			if err := oneOf(w+": fit", cr.Fit, fits); err != nil {
				return err
			}
		}
		if c.Record.Path == "" {
			continue
		}
		p := f.Resolve(c.Record.Path)
		if other, dup := paths[p]; dup {
			return bad("%s: record.path %q is canvas %q's recording too", where, c.Record.Path, other)
		}
		paths[p] = c.ID
		if err := checkWritable(p); err != nil {
			return bad("%s: record.path %q: %v", where, c.Record.Path, err)
		}
	}
	return nil
}

// validateCanvasRef checks a canvas a destination or cue names.
func (f *File) validateCanvasRef(where, id string) error {
	if id == "" {
		return nil
	}
	if _, ok := f.canvas(id); !ok {
		return bad("%s: canvas %q is not a canvas of this show (it has %s)", where, id, f.canvasIDs())
	}
	return nil
}

// canvasOnlyKeys are the top-level tables a show with [[canvas]] must leave
// out: each canvas says them itself.
var canvasOnlyKeys = [][]string{{"video", "width"}, {"video", "height"}, {"layout"}, {"record"}}

func canvasConflict(defined func(key ...string) bool) error {
	for _, k := range canvasOnlyKeys {
		if !defined(k...) {
			continue
		}
		name := k[0]
		if len(k) > 1 {
			name += "." + k[1]
		}
		hint := map[string]string{"video.width": "width", "video.height": "height", "layout": "[canvas.layout]", "record": "[canvas.record]"}[name]
		return bad("%s: this show has [[canvas]]: give each canvas its own %s", name, hint)
	}
	return nil
}
