package keys

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/godbus/dbus/v5"

	"github.com/vitrina-live/vitrina/studio/keys/keystest"
)

// The OS-keyring path against a real gnome-keyring on a private session
// bus: the key is stored as a Secret Service item that another D-Bus client
// finds, and nothing is written to the data directory.
func TestKeyringRoundTripThroughSecretService(t *testing.T) {
	ss := keystest.Start(t)
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", ss.Address)
	data := t.TempDir()
	s, err := Open(data)
	if err != nil {
		t.Fatal(err)
	}
	if !s.InKeyring() {
		t.Fatalf("InKeyring() is false with a Secret Service running: %s (%s)", s.Where(), s.Why())
	}
	if s.Where() != "OS keyring (Secret Service)" || s.Why() != "" {
		t.Errorf("Where() = %q, Why() = %q", s.Where(), s.Why())
	}
	if _, err := s.Get("yt"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Get before Set: %v, want ErrNotFound", err)
	}
	if err := s.Set("yt", "yt-keyring-secret-1"); err != nil {
		t.Fatal(err)
	}
	if err := s.Set("yt", "yt-keyring-secret-2"); err != nil { // replaces, not duplicates
		t.Fatal(err)
	}
	if got, err := s.Get("yt"); err != nil || got != "yt-keyring-secret-2" {
		t.Fatalf("Get = %q, %v", got, err)
	}
	if n := itemsFor(t, ss.Address, "yt"); n != 1 {
		t.Errorf("the Secret Service holds %d items for yt, want 1", n)
	}
	if n := itemsFor(t, ss.Address, probeName); n != 0 {
		t.Errorf("the probe left %d items behind", n)
	}
	if err := s.Delete("yt"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get("yt"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get after Delete: %v, want ErrNotFound", err)
	}
	if err := s.Delete("yt"); !errors.Is(err, ErrNotFound) {
		t.Errorf("second Delete: %v, want ErrNotFound", err)
	}
	if n := itemsFor(t, ss.Address, "yt"); n != 0 {
		t.Errorf("the Secret Service still holds %d items for yt", n)
	}
	if _, err := os.Stat(filepath.Join(data, "secrets")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the keyring path touched the data directory: %v", err)
	}
}

// itemsFor asks the Secret Service directly, as Seahorse or secret-tool
// would, how many items hold Vitrina's key name.
func itemsFor(t *testing.T, addr, name string) int {
	t.Helper()
	conn, err := dbus.Dial(addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if err := conn.Auth(nil); err != nil {
		t.Fatal(err)
	}
	if err := conn.Hello(); err != nil {
		t.Fatal(err)
	}
	var unlocked, locked []dbus.ObjectPath
	attrs := map[string]string{"service": service, "username": name}
	err = conn.Object("org.freedesktop.secrets", "/org/freedesktop/secrets").
		Call("org.freedesktop.Secret.Service.SearchItems", 0, attrs).Store(&unlocked, &locked)
	if err != nil {
		t.Fatalf("SearchItems: %v", err)
	}
	return len(unlocked) + len(locked)
}
