package keys

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vitrina-live/vitrina/studio/keys/keystest"
)

// openNoKeyring opens the store on a machine with no D-Bus at all: the
// session bus address points at a socket that does not exist.
func openNoKeyring(t *testing.T, dataDir string) (*Store, error) {
	t.Helper()
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path="+filepath.Join(t.TempDir(), "no-bus"))
	return Open(dataDir)
}

func mustOpenFile(t *testing.T, dataDir string) *Store {
	t.Helper()
	s, err := openNoKeyring(t, dataDir)
	if err != nil {
		t.Fatal(err)
	}
	if s.InKeyring() {
		t.Fatal("InKeyring() is true with no D-Bus")
	}
	return s
}

func mode(t *testing.T, p string) os.FileMode {
	t.Helper()
	fi, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Mode().Perm()
}

func TestFileFallbackRoundTripIsPrivate(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	s := mustOpenFile(t, data)
	file := filepath.Join(data, "secrets", "keys.json")
	want := "file " + file + " (mode 0600; no OS keyring found)"
	if s.Where() != want {
		t.Errorf("Where() = %q, want %q", s.Where(), want)
	}
	if !strings.Contains(s.Why(), "no D-Bus session bus") {
		t.Errorf("Why() = %q, want it to say there is no session bus", s.Why())
	}
	if _, err := s.Get("yt"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Get on an empty store: %v, want ErrNotFound", err)
	}
	if err := s.Set("yt", "yt-secret-1"); err != nil {
		t.Fatal(err)
	}
	if err := s.Set("tw.main_2", "tw-secret-2"); err != nil {
		t.Fatal(err)
	}
	if err := s.Set("yt", "yt-secret-3"); err != nil { // replaces
		t.Fatal(err)
	}
	if m := mode(t, file); m != 0o600 {
		t.Errorf("keys file mode %04o, want 0600", m)
	}
	if m := mode(t, filepath.Dir(file)); m != 0o700 {
		t.Errorf("keys folder mode %04o, want 0700", m)
	}
	// A second Open (another vitrina process) reads what the first wrote.
	again := mustOpenFile(t, data)
	for name, secret := range map[string]string{"yt": "yt-secret-3", "tw.main_2": "tw-secret-2"} {
		if got, err := again.Get(name); err != nil || got != secret {
			t.Errorf("Get(%q) = %q, %v; want %q", name, got, err, secret)
		}
	}
	if err := again.Delete("yt"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get("yt"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get after Delete: %v, want ErrNotFound", err)
	}
	if err := s.Delete("yt"); !errors.Is(err, ErrNotFound) {
		t.Errorf("second Delete: %v, want ErrNotFound", err)
	}
	if got, _ := s.Get("tw.main_2"); got != "tw-secret-2" {
		t.Errorf("Delete took the other key with it: %q", got)
	}
	// The atomic write leaves no temporary files behind.
	entries, _ := os.ReadDir(filepath.Dir(file))
	if len(entries) != 1 {
		t.Errorf("the keys folder holds %d entries, want only keys.json: %v", len(entries), entries)
	}
}

func TestFileFallbackRefusesFilesOthersCanRead(t *testing.T) {
	data := t.TempDir()
	s := mustOpenFile(t, data)
	const secret = "leaky-secret-9876"
	if err := s.Set("yt", secret); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(data, "secrets", "keys.json")
	if err := os.Chmod(file, 0o644); err != nil {
		t.Fatal(err)
	}
	check := func(what string, err error, fix string) {
		t.Helper()
		if !errors.Is(err, ErrInsecureFile) {
			t.Fatalf("%s: %v, want ErrInsecureFile", what, err)
		}
		if !strings.Contains(err.Error(), fix) || !strings.Contains(err.Error(), "rotate") {
			t.Errorf("%s: %q does not say to rotate the keys and run %q", what, err, fix)
		}
		if strings.Contains(err.Error(), secret) {
			t.Errorf("%s: the error shows the key: %q", what, err)
		}
	}
	_, err := openNoKeyring(t, data)
	check("Open", err, "chmod 600 "+file)
	_, err = s.Get("yt")
	check("Get on an open store", err, "chmod 600 "+file)
	check("Set on an open store", s.Set("tw", "x"), "chmod 600 "+file)
	if m := mode(t, file); m != 0o644 {
		t.Errorf("the refused file's mode was changed to %04o; it must be left for the user to see", m)
	}

	if err := os.Chmod(file, 0o600); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Dir(file)
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	_, err = openNoKeyring(t, data)
	check("Open with a 0755 folder", err, "chmod 700 "+dir)
}

func TestFileFallbackDamagedFileNeverQuotesKeys(t *testing.T) {
	data := t.TempDir()
	dir := filepath.Join(data, "secrets")
	os.MkdirAll(dir, 0o700)
	const secret = "broken\x01secret-4242"
	body := `{"version":1,"keys":{"yt":"` + secret + `"}}`
	if err := os.WriteFile(filepath.Join(dir, "keys.json"), []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := openNoKeyring(t, data)
	if !errors.Is(err, ErrCorrupt) {
		t.Fatalf("Open: %v, want ErrCorrupt", err)
	}
	for _, part := range []string{"broken", "secret-4242", "\x01"} {
		if strings.Contains(err.Error(), part) {
			t.Errorf("the error quotes the file's content %q: %q", part, err)
		}
	}
}

func TestNamesAndEmptySecretsAreRefused(t *testing.T) {
	s := mustOpenFile(t, t.TempDir())
	for _, name := range []string{"", "a b", "../x", "a/b", "ключ", "x:y", strings.Repeat("k", 65), probeName} {
		if err := s.Set(name, "s3cret-value"); !errors.Is(err, ErrBadName) {
			t.Errorf("Set(%q): %v, want ErrBadName", name, err)
		}
		if _, err := s.Get(name); !errors.Is(err, ErrBadName) {
			t.Errorf("Get(%q): %v, want ErrBadName", name, err)
		}
	}
	for _, secret := range []string{"", "two\nlines", "cr\rhere"} {
		err := s.Set("yt", secret)
		if !errors.Is(err, ErrEmptySecret) {
			t.Errorf("Set(%q): %v, want ErrEmptySecret", secret, err)
		}
		if secret != "" && strings.Contains(err.Error(), secret) {
			t.Errorf("the error shows the key: %q", err)
		}
	}
	if err := s.Set("Yt-main_1.backup", "ok"); err != nil {
		t.Errorf("a valid name was refused: %v", err)
	}
}

func TestScrubHidesTheSecretAndKeepsTheChain(t *testing.T) {
	base := errors.New("dbus: bad value s3cr3t-777 in call")
	err := scrub(base, "s3cr3t-777")
	if strings.Contains(err.Error(), "s3cr3t-777") || !strings.Contains(err.Error(), "***") {
		t.Errorf("scrubbed error: %q", err)
	}
	if !errors.Is(err, base) {
		t.Error("scrub broke errors.Is")
	}
}

// A desktop session with D-Bus but no keyring daemon falls back to the file
// and says why.
func TestBusWithoutSecretServiceFallsBackToFile(t *testing.T) {
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", keystest.StartBus(t))
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if s.InKeyring() || !strings.Contains(s.Why(), "no Secret Service") {
		t.Errorf("InKeyring() = %v, Why() = %q; want the file, because no Secret Service runs", s.InKeyring(), s.Why())
	}
}
