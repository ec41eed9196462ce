// Package keys keeps stream keys and tokens out of show files and logs. They
// live in the OS keyring (the Secret Service over D-Bus on Linux, the
// Keychain on macOS, the Credential Manager on Windows) where one answers,
// and otherwise in a file only its owner can read; Where says which, so the
// user is never left guessing whether a key sits on disk.
//
// No secret ever appears in an error or a log line from this package: names
// are logged, values never.
package keys

import (
	"fmt"
	"log/slog"
	"regexp"
	"runtime"
	"strings"
)

// service is the keyring's "service" attribute for every Vitrina key, so
// `secret-tool search service vitrina` (or Seahorse) shows them together.
const service = "vitrina"

// backend is one place keys can live.
type backend interface {
	get(name string) (string, error)
	set(name, secret string) error
	delete(name string) error
}

// Store holds named secrets, in the OS keyring or in the fallback file.
type Store struct {
	b         backend
	where     string
	why       string
	inKeyring bool
}

// Open picks the OS keyring when one answers, else a 0600 file in
// dataDir/secrets/keys.json. Only a fallback file that cannot be used safely
// (readable by others, damaged, unwritable folder) is an error: having no
// keyring is normal on a headless machine.
func Open(dataDir string) (*Store, error) {
	noKeyring := probeKeyring()
	if noKeyring == nil {
		slog.Debug("keys: using the OS keyring", "where", keyringName())
		return &Store{b: keyringBackend{}, where: "OS keyring (" + keyringName() + ")", inKeyring: true}, nil
	}
	if dataDir == "" {
		return nil, fmt.Errorf("keys: no data directory for the keys file (%v)", noKeyring)
	}
	f, err := openFile(dataDir)
	if err != nil {
		return nil, err
	}
	slog.Debug("keys: no OS keyring, using a file", "file", f.path, "reason", noKeyring)
	return &Store{
		b:     f,
		where: fmt.Sprintf("file %s (mode 0600; no OS keyring found)", f.path),
		why:   strings.TrimPrefix(noKeyring.Error(), ErrNoKeyring.Error()+": "),
	}, nil
}

// Where says where keys go, in words a user can act on.
func (s *Store) Where() string { return s.where }

// InKeyring is true when keys go to the OS keyring.
func (s *Store) InKeyring() bool { return s.inKeyring }

// Why is the reason no OS keyring is used ("" when one is).
func (s *Store) Why() string { return s.why }

// File is the fallback file's path ("" when keys go to the OS keyring).
func (s *Store) File() string {
	if f, ok := s.b.(*fileBackend); ok {
		return f.path
	}
	return ""
}

// Get returns the secret stored under name, or ErrNotFound.
func (s *Store) Get(name string) (string, error) {
	if err := checkName(name); err != nil {
		return "", err
	}
	v, err := s.b.get(name)
	if err != nil {
		return "", fmt.Errorf("keys: get %q from %s: %w", name, s.short(), err)
	}
	return v, nil
}

// Set stores secret under name, replacing what was there.
func (s *Store) Set(name, secret string) error {
	if err := checkName(name); err != nil {
		return err
	}
	if secret == "" || strings.ContainsAny(secret, "\r\n") {
		return fmt.Errorf("keys: set %q: %w (a key is one non-empty line)", name, ErrEmptySecret)
	}
	if err := s.b.set(name, secret); err != nil {
		return fmt.Errorf("keys: set %q in %s: %w", name, s.short(), scrub(err, secret))
	}
	slog.Debug("keys: stored", "name", name, "where", s.short())
	return nil
}

// Delete removes the key, or returns ErrNotFound when there is none.
func (s *Store) Delete(name string) error {
	if err := checkName(name); err != nil {
		return err
	}
	if err := s.b.delete(name); err != nil {
		return fmt.Errorf("keys: delete %q from %s: %w", name, s.short(), err)
	}
	slog.Debug("keys: deleted", "name", name, "where", s.short())
	return nil
}

func (s *Store) short() string {
	if s.inKeyring {
		return "the OS keyring"
	}
	return s.File()
}

// Names are keyring attributes and JSON keys, and they are printed in logs
// and errors, so they are kept to characters that need no quoting anywhere.
var validName = regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)

func checkName(name string) error {
	if !validName.MatchString(name) {
		return fmt.Errorf("%w %q: use 1 to 64 letters, digits, '-', '_' or '.'", ErrBadName, name)
	}
	return nil
}

func keyringName() string {
	switch runtime.GOOS {
	case "darwin":
		return "macOS Keychain"
	case "windows":
		return "Windows Credential Manager"
	}
	return "Secret Service"
}

// scrub guards against a library below quoting the secret back in its error
// text; the error chain is kept for errors.Is.
func scrub(err error, secret string) error {
	if err == nil || secret == "" || !strings.Contains(err.Error(), secret) {
		return err
	}
	return &scrubbed{err: err, secret: secret}
}

type scrubbed struct {
	err    error
	secret string
}

func (s *scrubbed) Error() string { return strings.ReplaceAll(s.err.Error(), s.secret, "***") }
func (s *scrubbed) Unwrap() error { return s.err }
