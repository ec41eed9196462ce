package ui

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/vitrina-live/vitrina/studio/show"
)

// Settings are the studio's own preferences, kept in the user's config
// folder (settings.json under $XDG_CONFIG_HOME/vitrina on Linux). They
// apply when the studio starts: the running show is not rebuilt.
type Settings struct {
	Language string `json:"language,omitempty"` // "" follows the OS; see Languages
	// Video of the default show; a show file keeps its own.
	Width   int    `json:"width,omitempty"`
	Height  int    `json:"height,omitempty"`
	FPS     int    `json:"fps,omitempty"`
	Encoder string `json:"encoder,omitempty"` // auto | x264 | nvenc | vaapi | videotoolbox
	// Devices of the default show: a camera for the wide shot and a
	// microphone instead of the test tone ("" = first camera, no mic).
	Camera string `json:"camera,omitempty"`
	Mic    string `json:"mic,omitempty"`
	// Theme is the overlays' accent (see OverlayThemes).
	Theme string `json:"theme,omitempty"`
	// DataDir is where the catalog, chat log and recordings go; VITRINA_DATA
	// overrides it.
	DataDir   string `json:"data_dir,omitempty"`
	GuideSeen bool   `json:"guide_seen,omitempty"`
}

// OverlayThemes are the overlay accents the settings offer, by name.
var OverlayThemes = []struct{ Name, Accent string }{
	{"amber", "#ffb300"},
	{"coral", "#ff6f61"},
	{"teal", "#00a99d"},
	{"violet", "#8e5cff"},
}

// SettingsPath is where the settings live.
func SettingsPath() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("settings: %w", err)
	}
	return filepath.Join(dir, "vitrina", "settings.json"), nil
}

// LoadSettings reads the settings; a missing file is a first run and gives
// zero settings, not an error.
func LoadSettings(path string) (Settings, error) {
	var s Settings
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return s, nil
	}
	if err != nil {
		return s, fmt.Errorf("settings: %w", err)
	}
	if err := json.Unmarshal(b, &s); err != nil {
		return s, fmt.Errorf("settings %s: %w", path, err)
	}
	return s, nil
}

// Save writes the settings atomically.
func (s Settings) Save(path string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("settings: %w", err)
	}
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("settings: %w", err)
	}
	return os.Rename(tmp, path)
}

// ApplyToDefaultShow puts the video, device and theme settings into the
// embedded default show. A show file is left as written: it is a contract.
func (s Settings) ApplyToDefaultShow(f *show.File) {
	if s.Width > 0 && s.Height > 0 {
		f.Video.Width, f.Video.Height = s.Width, s.Height
	}
	if s.FPS > 0 {
		f.Video.FPS = s.FPS
	}
	if s.Encoder != "" {
		f.Video.Encoder = s.Encoder
	}
	for i := range f.Sources {
		src := &f.Sources[i]
		if src.ID == "wide" && s.Camera != "" {
			*src = show.Source{ID: "wide", Kind: "camera", Device: s.Camera}
		}
		if src.Kind == "tone" && s.Mic != "" {
			*src = show.Source{ID: "mic", Kind: "mic", Device: s.Mic}
		}
	}
	for _, t := range OverlayThemes {
		if t.Name == s.Theme {
			f.Overlays.Accent = t.Accent
		}
	}
}
