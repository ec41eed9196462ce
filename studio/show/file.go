// Package show holds what a show is made of. This file reads the show file
// (TOML), the contract that `vitrina run --show` and the tests rely on; see
// docs/configuration.md. Secrets never live in it: destinations name the
// environment variable that holds their key or token.
package show

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
)

// File is a parsed show file. Relative paths in it are resolved against the
// directory of the file itself, so a show folder can be moved as a whole.
type File struct {
	Video        Video         `toml:"video"`
	Audio        Audio         `toml:"audio"`
	Sources      []Source      `toml:"source"`
	Layout       Layout        `toml:"layout"`
	Canvas       []Canvas      `toml:"canvas"` // see Canvases
	Destinations []Destination `toml:"destination"`
	Platform     Platform      `toml:"platform"` // the relay's event socket; see platform.go
	Chat         []Chat        `toml:"chat"`     // the show's chat connections; see chat.go
	Record       Record        `toml:"record"`
	Show         Meta          `toml:"show"`
	Overlays     Overlays      `toml:"overlays"`
	Cues         []Cue         `toml:"cue"`
	Rundown      []RundownItem `toml:"rundown"` // the products in order; see rundown.go

	// Dir is the directory relative paths are resolved against.
	Dir string `toml:"-"`
	// Warnings are things worth a line in the log that do not stop the
	// show, such as a bit rate above a platform's recommendation.
	Warnings []string `toml:"-"`
}

type Video struct {
	Width       int    `toml:"width"`
	Height      int    `toml:"height"`
	FPS         int    `toml:"fps"`
	Encoder     string `toml:"encoder"`
	Preset      string `toml:"preset"`
	BitrateKbps int    `toml:"bitrate_kbps"`
}

type Audio struct {
	BitrateKbps int `toml:"bitrate_kbps"`
}

type Source struct {
	ID     string  `toml:"id"`
	Kind   string  `toml:"kind"`
	Device string  `toml:"device"`
	Path   string  `toml:"path"`
	Color  string  `toml:"color"` // testpattern background, "#rrggbb"
	Label  string  `toml:"label"` // testpattern caption; defaults to the id
	Width  int     `toml:"width"` // native size for testpattern and camera
	Height int     `toml:"height"`
	FPS    int     `toml:"fps"`
	Freq   float64 `toml:"freq"`    // tone, Hz
	GainDB float64 `toml:"gain_db"` // audio gain in the mix
	Mute   bool    `toml:"mute"`
	Crop   []int   `toml:"crop"` // [x, y, w, h] in source pixels
	Fit    string  `toml:"fit"`  // letterbox | fill
}

type Layout struct {
	Kind    string   `toml:"kind"`
	Main    string   `toml:"main"`
	Inset   string   `toml:"inset"`
	Second  string   `toml:"second"`
	Sources []string `toml:"sources"`
	Corner  string   `toml:"corner"` // pip: top-left | top-right | bottom-left | bottom-right
	Scale   float64  `toml:"scale"`  // pip: inset width as a fraction of the canvas
	// Rail is rail's bottom band as a fraction of the canvas height; left
	// out, the band fits the product card.
	Rail float64 `toml:"rail"`
}

type Destination struct {
	ID       string `toml:"id"`
	Kind     string `toml:"kind"`
	Service  string `toml:"service"`
	URL      string `toml:"url"`
	TokenEnv string `toml:"token_env"`
	KeyEnv   string `toml:"key_env"`
	// KeyName names a secret stored with `vitrina keys set NAME` (the OS
	// keyring, or a 0600 file): the stream key, or WHIP's Bearer token.
	KeyName string `toml:"key_name"`
	// Canvas is the id of the [[canvas]] it streams; the first by default.
	Canvas string `toml:"canvas"`
}

type Record struct {
	Path string `toml:"path"`
}

type Meta struct {
	Title   string `toml:"title"`
	Catalog string `toml:"catalog"`
	// Locale formats prices and the overlays' own words: en, lv, ru, zh, ar.
	Locale string `toml:"locale"`
	// Currency is the ISO 4217 code prices are in, default USD.
	Currency string `toml:"currency"`
}

// Overlays is the look of the selling overlays.
type Overlays struct {
	Accent   string  `toml:"accent"`    // #rrggbb
	Corner   string  `toml:"corner"`    // where the product card sits
	Scale    float64 `toml:"scale"`     // 1 = the default size
	SafeArea float64 `toml:"safe_area"` // fraction of each edge kept clear
	// LiveBadge puts the LIVE pill on a canvas while a destination it
	// streams is live; ViewersBadge puts the platform's viewer count on
	// every canvas once the relay has sent one. Both off by default.
	LiveBadge    bool `toml:"live_badge"`
	ViewersBadge bool `toml:"viewers_badge"`
}

// Cue is one scripted command at a time offset from the start of the show.
type Cue struct {
	At         string `toml:"at"`
	Do         string `toml:"do"`
	Transition string `toml:"transition"` // cut | fade (layout, main)

	// layout: the same keys as [layout]
	Kind    string   `toml:"kind"`
	Main    string   `toml:"main"`
	Inset   string   `toml:"inset"`
	Second  string   `toml:"second"`
	Sources []string `toml:"sources"`
	Corner  string   `toml:"corner"`
	Scale   float64  `toml:"scale"`
	Rail    float64  `toml:"rail"`
	// layout and main: the one canvas to change; every canvas when empty
	Canvas string `toml:"canvas"`
	// main
	Source string `toml:"source"`
	// selling cues (pin, flash_sale, stock, promo, lower_third, giveaway)
	Product  string   `toml:"product"`
	Price    float64  `toml:"price"`
	Stock    int      `toml:"stock"`
	Duration string   `toml:"duration"`
	Code     string   `toml:"code"`
	Discount string   `toml:"discount"`
	Window   []string `toml:"window"`
	ShowFor  string   `toml:"show_for"`
	Valid    string   `toml:"valid"` // promo: how long the code works, shown as "valid 10 min"
	Limit    int      `toml:"limit"` // promo: how many claims may use the code (0: no limit)
	Text     string   `toml:"text"`
	Name     string   `toml:"name"`   // lower_third
	Title    string   `toml:"title"`  // lower_third
	Winner   string   `toml:"winner"` // giveaway
	// coupon: the code is revealed to a viewer who has watched for
	// watch_minutes (0: at once)
	WatchMinutes float64 `toml:"watch_minutes"`

	// Parsed by Validate.
	AtDur       time.Duration    `toml:"-"`
	DurationDur time.Duration    `toml:"-"`
	ShowForDur  time.Duration    `toml:"-"`
	ValidDur    time.Duration    `toml:"-"`
	WindowDur   [2]time.Duration `toml:"-"`
	WatchDur    time.Duration    `toml:"-"` // coupon: watch_minutes
}

// Load reads, defaults and validates a show file. Every error names the file
// and the offending field, and wraps ErrBadShow.
func Load(path string) (*File, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadShow, err)
	}
	abs, _ := filepath.Abs(path)
	f, err := Parse(data, filepath.Dir(abs))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return f, nil
}

// Parse decodes a show file held in memory; dir resolves relative paths.
func Parse(data []byte, dir string) (*File, error) {
	f := &File{Dir: dir}
	md, err := toml.Decode(string(data), f)
	if err != nil {
		var perr toml.ParseError
		if errors.As(err, &perr) {
			return nil, fmt.Errorf("%w: line %d: %s", ErrBadShow, perr.Position.Line, perr.Message)
		}
		return nil, fmt.Errorf("%w: %v", ErrBadShow, err)
	}
	if und := md.Undecoded(); len(und) > 0 {
		keys := make([]string, len(und))
		for i, k := range und {
			keys[i] = k.String()
		}
		sort.Strings(keys)
		return nil, fmt.Errorf("%w: unknown key %s", ErrBadShow, strings.Join(keys, ", "))
	}
	// A key written as 0 is a mistake to report, not a gap to fill.
	for _, k := range []struct {
		section, key string
		val          int
	}{
		{"video", "width", f.Video.Width}, {"video", "height", f.Video.Height}, {"video", "fps", f.Video.FPS},
		{"video", "bitrate_kbps", f.Video.BitrateKbps}, {"audio", "bitrate_kbps", f.Audio.BitrateKbps},
	} {
		if k.val == 0 && md.IsDefined(k.section, k.key) {
			return nil, bad("%s.%s: 0 is not valid (leave the key out for the default)", k.section, k.key)
		}
	}
	if len(f.Canvas) > 0 {
		if err := canvasConflict(md.IsDefined); err != nil {
			return nil, err
		}
	}
	f.applyDefaults()
	if err := f.Validate(); err != nil {
		return nil, err
	}
	return f, nil
}

// Resolve turns a path from the file into an absolute one.
func (f *File) Resolve(p string) string {
	if p == "" || filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(f.Dir, p)
}

func (f *File) applyDefaults() {
	v := &f.Video
	if v.Width == 0 && v.Height == 0 {
		v.Width, v.Height = 1280, 720
	}
	if v.FPS == 0 {
		v.FPS = 30
	}
	if v.Encoder == "" {
		v.Encoder = "auto"
	}
	if v.Preset == "" {
		v.Preset = "veryfast"
	}
	if v.BitrateKbps == 0 {
		v.BitrateKbps = 3500
	}
	if f.Audio.BitrateKbps == 0 {
		f.Audio.BitrateKbps = 128
	}
	f.layoutDefaults(&f.Layout)
	f.canvasDefaults()
}

// layoutDefaults makes a layout left out a single of the first video source.
func (f *File) layoutDefaults(l *Layout) {
	if l.Kind == "" {
		l.Kind = "single"
	}
	if l.Main == "" && len(l.Sources) == 0 {
		for _, s := range f.Sources {
			if hasVideo(s.Kind) {
				l.Main = s.ID
				break
			}
		}
	}
}
