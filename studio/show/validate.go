package show

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"
)

var (
	sourceKinds  = []string{"camera", "mic", "testpattern", "file", "image", "tone", "silence"}
	layoutKinds  = []string{"single", "pip", "side-by-side", "grid", "stack", "rail"}
	encoders     = []string{"auto", "x264", "nvenc", "vaapi", "videotoolbox"}
	presets      = []string{"ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow", "slower", "veryslow"}
	destKinds    = []string{"rtmp", "rtmps", "whip"}
	corners      = []string{"", "top-left", "top-right", "bottom-left", "bottom-right"}
	fits         = []string{"", "letterbox", "fill"}
	transitions  = []string{"", "cut", "fade"}
	cueKinds     = []string{"pin", "unpin", "flash_sale", "stock", "promo", "coupon", "layout", "main", "lower_third", "giveaway"}
	idPattern    = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$`)
	colorPattern = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)
	envPattern   = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
)

func bad(format string, a ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrBadShow}, a...)...)
}

func oneOf(field, v string, allowed []string) error {
	if slices.Contains(allowed, v) {
		return nil
	}
	shown := slices.DeleteFunc(slices.Clone(allowed), func(s string) bool { return s == "" })
	return bad("%s: unknown value %q (want %s)", field, v, strings.Join(shown, ", "))
}

func hasVideo(kind string) bool {
	return kind == "camera" || kind == "testpattern" || kind == "file" || kind == "image"
}

// Validate checks everything that can be checked before the show starts:
// sizes, names, references between sections, that media files exist, and
// that the recording path can be written.
func (f *File) Validate() error {
	if err := f.validateCanvasSizes(); err != nil {
		return err
	}
	if err := f.validateVideo(); err != nil {
		return err
	}
	if f.Audio.BitrateKbps < 32 || f.Audio.BitrateKbps > 512 {
		return bad("audio.bitrate_kbps: %d is out of range (32 to 512)", f.Audio.BitrateKbps)
	}
	kinds := map[string]string{}
	for i, s := range f.Sources {
		if err := f.validateSource(i, s, kinds); err != nil {
			return err
		}
		kinds[s.ID] = s.Kind
	}
	if len(f.Sources) == 0 {
		return bad("no [[source]]: a show needs at least one video source")
	}
	if len(f.Canvas) > 0 {
		// [layout] and [record] mirror the first canvas: its errors name it.
		if err := f.validateCanvases(kinds); err != nil {
			return err
		}
	} else if err := validateLayout("layout", f.Layout, kinds); err != nil {
		return err
	}
	ids := map[string]bool{}
	for i := range f.Destinations {
		if err := f.validateCanvasRef(fmt.Sprintf("destination %q", f.Destinations[i].ID), f.Destinations[i].Canvas); err != nil {
			return err
		}
		if err := f.applyService(i); err != nil {
			return err
		}
		if err := validateDestination(i, f.Destinations[i], ids); err != nil {
			return err
		}
	}
	if err := f.validateChat(); err != nil {
		return err
	}
	if err := f.validatePlatform(); err != nil {
		return err
	}
	if f.Record.Path != "" && len(f.Canvas) == 0 {
		if err := checkWritable(f.Resolve(f.Record.Path)); err != nil {
			return bad("record.path %q: %v", f.Record.Path, err)
		}
	}
	if err := f.validateOverlays(); err != nil {
		return err
	}
	for i := range f.Cues {
		if err := f.validateCue(i, &f.Cues[i], kinds); err != nil {
			return err
		}
	}
	return f.validateRundown()
}

func (f *File) validateVideo() error {
	v := f.Video
	for _, d := range []struct {
		name string
		val  int
	}{{"video.width", v.Width}, {"video.height", v.Height}} {
		if d.val < 16 || d.val > 4096 || d.val%2 != 0 {
			return bad("%s: %d is not a valid size (an even number from 16 to 4096)", d.name, d.val)
		}
	}
	if v.FPS < 1 || v.FPS > 120 {
		return bad("video.fps: %d is out of range (1 to 120)", v.FPS)
	}
	if err := oneOf("video.encoder", v.Encoder, encoders); err != nil {
		return err
	}
	if err := oneOf("video.preset", v.Preset, presets); err != nil {
		return err
	}
	if v.BitrateKbps < 100 || v.BitrateKbps > 50000 {
		return bad("video.bitrate_kbps: %d is out of range (100 to 50000)", v.BitrateKbps)
	}
	return nil
}

func (f *File) validateSource(i int, s Source, seen map[string]string) error {
	where := fmt.Sprintf("source[%d]", i)
	if s.ID != "" {
		where = fmt.Sprintf("source %q", s.ID)
	}
	if !idPattern.MatchString(s.ID) {
		return bad("%s: id %q must be letters, digits, '.', '_' or '-'", where, s.ID)
	}
	if _, dup := seen[s.ID]; dup {
		return bad("%s: id is used twice", where)
	}
	if err := oneOf(where+": kind", s.Kind, sourceKinds); err != nil {
		return err
	}
	if s.Kind == "file" || s.Kind == "image" {
		if s.Path == "" {
			return bad("%s: path is required for kind %q", where, s.Kind)
		}
		st, err := os.Stat(f.Resolve(s.Path))
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return bad("%s: path %q: no such file", where, s.Path)
			}
			return bad("%s: path %q: %v", where, s.Path, err)
		}
		if st.IsDir() {
			return bad("%s: path %q is a directory, not a media file", where, s.Path)
		}
	}
	if s.Width != 0 || s.Height != 0 {
		if s.Width < 16 || s.Height < 16 || s.Width > 4096 || s.Height > 4096 || s.Width%2 != 0 || s.Height%2 != 0 {
			return bad("%s: size %dx%d is not valid (even numbers from 16 to 4096)", where, s.Width, s.Height)
		}
	}
	if s.FPS < 0 || s.FPS > 120 {
		return bad("%s: fps %d is out of range (1 to 120)", where, s.FPS)
	}
	if s.Color != "" && !colorPattern.MatchString(s.Color) {
		return bad("%s: color %q is not #rrggbb", where, s.Color)
	}
	if len(s.Crop) != 0 && (len(s.Crop) != 4 || s.Crop[2] <= 0 || s.Crop[3] <= 0 || s.Crop[0] < 0 || s.Crop[1] < 0) {
		return bad("%s: crop must be [x, y, width, height] with a positive width and height", where)
	}
	if err := oneOf(where+": fit", s.Fit, fits); err != nil {
		return err
	}
	if s.Freq < 0 || s.Freq > 20000 {
		return bad("%s: freq %g Hz is out of range (20 to 20000)", where, s.Freq)
	}
	return nil
}

func validateDestination(i int, d Destination, seen map[string]bool) error {
	where := fmt.Sprintf("destination[%d]", i)
	if d.ID != "" {
		where = fmt.Sprintf("destination %q", d.ID)
	}
	if !idPattern.MatchString(d.ID) || seen[d.ID] {
		return bad("%s: id must be unique letters, digits, '.', '_' or '-'", where)
	}
	seen[d.ID] = true
	if err := oneOf(where+": kind", d.Kind, destKinds); err != nil {
		return err
	}
	u, err := url.Parse(d.URL)
	if err != nil || u.Host == "" {
		return bad("%s: url is not a valid URL", where)
	}
	want := map[string][]string{"rtmp": {"rtmp"}, "rtmps": {"rtmps"}, "whip": {"http", "https"}}[d.Kind]
	if !slices.Contains(want, u.Scheme) {
		return bad("%s: url scheme %q does not fit kind %q (want %s://)", where, u.Scheme, d.Kind, want[0])
	}
	for field, v := range map[string]string{"key_env": d.KeyEnv, "token_env": d.TokenEnv} {
		if v != "" && !envPattern.MatchString(v) {
			return bad("%s: %s %q is not an environment variable name", where, field, v)
		}
	}
	if d.KeyName != "" {
		if !keyNamePattern.MatchString(d.KeyName) {
			return bad("%s: key_name %q: use letters, digits, '.', '_' or '-' (at most 64)", where, d.KeyName)
		}
		if d.KeyEnv != "" || d.TokenEnv != "" {
			return bad("%s: give key_name or key_env/token_env, not both", where)
		}
	}
	return nil
}

var keyNamePattern = regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)

func (f *File) validateCue(i int, c *Cue, kinds map[string]string) error {
	where := fmt.Sprintf("cue[%d]", i)
	at, err := time.ParseDuration(c.At)
	if err != nil || at < 0 {
		return bad("%s: at %q is not a duration such as \"2s\" or \"1m30s\"", where, c.At)
	}
	c.AtDur = at
	if err := oneOf(where+": do", c.Do, cueKinds); err != nil {
		return err
	}
	if err := oneOf(where+": transition", c.Transition, transitions); err != nil {
		return err
	}
	if c.Canvas != "" && c.Do != "layout" && c.Do != "main" {
		return bad("%s: canvas: only layout and main cues take one; %s reaches every canvas", where, c.Do)
	}
	if err := f.validateCanvasRef(where, c.Canvas); err != nil {
		return err
	}
	switch c.Do {
	case "layout":
		return validateLayout(where, c.Layout(), kinds)
	case "main":
		if !hasVideo(kinds[c.Source]) {
			return bad("%s: source %q is not a video source of this show", where, c.Source)
		}
		return nil
	default:
		return f.validateSellingCue(where, c)
	}
}

// checkWritable makes sure a recording can be created at p before the show
// starts, creating its folder if needed, and leaves no file behind.
func checkWritable(p string) error {
	if st, err := os.Stat(p); err == nil && st.IsDir() {
		return errors.New("is a directory")
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return fmt.Errorf("cannot create its folder: %w", unwrapPath(err))
	}
	_, statErr := os.Stat(p)
	fh, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE, 0o644)
	if err != nil {
		return fmt.Errorf("cannot write: %w", unwrapPath(err))
	}
	fh.Close()
	if errors.Is(statErr, fs.ErrNotExist) {
		os.Remove(p)
	}
	return nil
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
