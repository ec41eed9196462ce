package studio

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"

	"github.com/vitrina-live/vitrina/studio/show"
)

// SavedDestinations keeps, per show, the destinations added, changed or
// removed in the studio window, so that the next run of that show has
// them: a small TOML file in the data directory, never the show file
// itself. It names where each key is kept (key_name, key_env, token_env),
// never a key.
type SavedDestinations struct {
	Path string
	// Show is the show file's path, written in the file for the reader.
	Show string
	// base is the show file's own destinations, before Apply.
	base []show.Destination
	mu   sync.Mutex // one Save at a time
}

// savedFile is the file's shape: [[destination]] as in a show file, and
// the ids of the show file's destinations that were removed.
type savedFile struct {
	Show         string             `toml:"show"`
	Removed      []string           `toml:"removed"`
	Destinations []show.Destination `toml:"destination"`
}

// SavedDestinationsFor is where the window keeps showPath's destinations
// under the data directory dir: destinations/NAME-HASH.toml, NAME the show
// file's name ("default" for the built-in show) and HASH of its full path,
// so two shows with one name do not share.
func SavedDestinationsFor(dir, showPath string) *SavedDestinations {
	name, full := "default", ""
	if showPath != "" {
		full, _ = filepath.Abs(showPath)
		name = strings.TrimSuffix(filepath.Base(showPath), filepath.Ext(showPath))
	}
	sum := sha256.Sum256([]byte(full))
	return &SavedDestinations{Path: filepath.Join(dir, "destinations", name+"-"+hex.EncodeToString(sum[:4])+".toml"), Show: full}
}

// Apply changes f's destinations as saved: removed ones go, changed ones
// replace the file's of the same id in its place, added ones follow. Each
// saved destination is checked as the file's own are; one that no longer
// passes (the show lost its canvas, say) is left out and named in the
// warnings, as a missing file is no error. It keeps f's own destinations
// for Save.
func (sd *SavedDestinations) Apply(f *show.File) (warnings []string, err error) {
	sd.base = slices.Clone(f.Destinations)
	data, err := os.ReadFile(sd.Path)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("%w: saved destinations: %v", ErrBadInput, err)
	}
	var saved savedFile
	if _, err := toml.Decode(string(data), &saved); err != nil {
		return nil, fmt.Errorf("%w: saved destinations %s: %v", ErrBadInput, sd.Path, err)
	}
	out := slices.DeleteFunc(slices.Clone(f.Destinations), func(d show.Destination) bool {
		return slices.Contains(saved.Removed, d.ID)
	})
	g := *f
	g.Destinations = nil
	for _, d := range saved.Destinations {
		var taken []string
		for _, o := range out {
			if o.ID != d.ID {
				taken = append(taken, o.ID)
			}
		}
		checked, ws, err := g.CheckDestination(d, taken...)
		if err != nil {
			warnings = append(warnings, fmt.Sprintf("saved destination %q left out: %v (%s)", d.ID, err, sd.Path))
			continue
		}
		warnings = append(warnings, ws...)
		if i := slices.IndexFunc(out, func(o show.Destination) bool { return o.ID == d.ID }); i >= 0 {
			out[i] = checked
		} else {
			out = append(out, checked)
		}
	}
	f.Destinations = out
	return warnings, nil
}

// Save writes what differs between the show file's destinations and now
// (the running show's, DestinationSettings): the added and changed ones,
// and the ids removed. With no difference the file is removed. It writes a
// new file and renames it over the old, so a crash leaves one or the other.
func (sd *SavedDestinations) Save(now []show.Destination) error {
	sd.mu.Lock()
	defer sd.mu.Unlock()
	saved := savedFile{Show: sd.Show}
	for _, b := range sd.base {
		if !slices.ContainsFunc(now, func(d show.Destination) bool { return d.ID == b.ID }) {
			saved.Removed = append(saved.Removed, b.ID)
		}
	}
	for _, d := range now {
		if i := slices.IndexFunc(sd.base, func(b show.Destination) bool { return b.ID == d.ID }); i < 0 || sd.base[i] != d {
			saved.Destinations = append(saved.Destinations, d)
		}
	}
	if len(saved.Removed) == 0 && len(saved.Destinations) == 0 {
		if err := os.Remove(sd.Path); err != nil && !os.IsNotExist(err) {
			return err
		}
		return nil
	}
	var buf bytes.Buffer
	buf.WriteString("# Destinations added, changed or removed in the studio window for this show.\n# Written by vitrina; keys are kept in the key store, never here.\n")
	if err := toml.NewEncoder(&buf).Encode(saved); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(sd.Path), 0o700); err != nil {
		return err
	}
	tmp := sd.Path + ".tmp"
	if err := os.WriteFile(tmp, buf.Bytes(), 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, sd.Path)
}
