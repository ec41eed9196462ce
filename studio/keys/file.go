package keys

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sync"
)

// fileBackend is the fallback for machines with no keyring: one JSON file,
// mode 0600, in a folder of its own with mode 0700. The folder is Vitrina's
// own (not the data directory, which holds recordings and is usually 0755)
// so its mode can be kept strict without surprising anyone.
type fileBackend struct {
	path string
	mu   sync.Mutex // one writer per process; the rename keeps other processes from reading half a file
}

// keysFile is the file's shape; the version lets a later format read it.
type keysFile struct {
	Version int               `json:"version"`
	Keys    map[string]string `json:"keys"`
}

func openFile(dataDir string) (*fileBackend, error) {
	dir := filepath.Join(dataDir, "secrets")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("keys: create %s: %w", dir, err)
	}
	f := &fileBackend{path: filepath.Join(dir, "keys.json")}
	if err := private(dir, "700"); err != nil {
		return nil, err
	}
	if _, err := f.load(); err != nil {
		return nil, err
	}
	return f, nil
}

// private refuses a file or folder that other users can reach. It does not
// chmod it back: if the keys were readable they may already have been read,
// and only the user can decide to rotate them, so the error says so.
func private(path, want string) error {
	fi, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("keys: %w", err)
	}
	// Windows reports every file as 0666; its ACLs are another matter, and
	// it always has a keyring, so the check only means something on Unix.
	if runtime.GOOS == "windows" || fi.Mode().Perm()&0o077 == 0 {
		return nil
	}
	return fmt.Errorf("%w: %s has mode %04o, so other users can read it; the keys in it may have leaked: "+
		"rotate them at each platform, then run `chmod %s %s`", ErrInsecureFile, path, fi.Mode().Perm(), want, path)
}

// load reads the file each time, so a key set by another vitrina process
// (the CLI while the studio runs) is seen. A missing file is an empty store.
func (f *fileBackend) load() (map[string]string, error) {
	b, err := os.ReadFile(f.path)
	if errors.Is(err, fs.ErrNotExist) {
		return map[string]string{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("keys: read %s: %w", f.path, err)
	}
	if err := private(f.path, "600"); err != nil {
		return nil, err
	}
	var kf keysFile
	if err := json.Unmarshal(b, &kf); err != nil {
		// The decoder's message can quote the file's bytes, which are
		// secrets, so only its position is kept.
		var se *json.SyntaxError
		at := int64(-1)
		if errors.As(err, &se) {
			at = se.Offset
		}
		return nil, fmt.Errorf("%w: %s is not valid JSON (byte %d); fix or delete it and set the keys again", ErrCorrupt, f.path, at)
	}
	if kf.Version != 1 {
		return nil, fmt.Errorf("%w: %s has format version %d, want 1", ErrCorrupt, f.path, kf.Version)
	}
	if kf.Keys == nil {
		kf.Keys = map[string]string{}
	}
	return kf.Keys, nil
}

// save replaces the file atomically: a crash or a full disk leaves either
// the old file or the new one, never a half-written file of keys.
func (f *fileBackend) save(keys map[string]string) error {
	b, err := json.MarshalIndent(keysFile{Version: 1, Keys: keys}, "", "  ")
	if err != nil {
		return fmt.Errorf("keys: encode: %w", err)
	}
	dir := filepath.Dir(f.path)
	tmp, err := os.CreateTemp(dir, ".keys-*.json") // created 0600
	if err != nil {
		return fmt.Errorf("keys: write %s: %w", dir, err)
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return fmt.Errorf("keys: write %s: %w", tmp.Name(), err)
	}
	if _, err := tmp.Write(append(b, '\n')); err != nil {
		tmp.Close()
		return fmt.Errorf("keys: write %s: %w", tmp.Name(), err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("keys: write %s: %w", tmp.Name(), err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("keys: write %s: %w", tmp.Name(), err)
	}
	if err := os.Rename(tmp.Name(), f.path); err != nil {
		return fmt.Errorf("keys: replace %s: %w", f.path, err)
	}
	// The rename is durable only once the folder is synced.
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

func (f *fileBackend) get(name string) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	keys, err := f.load()
	if err != nil {
		return "", err
	}
	v, ok := keys[name]
	if !ok {
		return "", ErrNotFound
	}
	return v, nil
}

func (f *fileBackend) set(name, secret string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	keys, err := f.load()
	if err != nil {
		return err
	}
	keys[name] = secret
	return f.save(keys)
}

func (f *fileBackend) delete(name string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	keys, err := f.load()
	if err != nil {
		return err
	}
	if _, ok := keys[name]; !ok {
		return ErrNotFound
	}
	delete(keys, name)
	return f.save(keys)
}
