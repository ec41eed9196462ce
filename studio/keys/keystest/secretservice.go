// Package keystest starts a real Secret Service for tests of the OS-keyring
// path: a private D-Bus session bus with gnome-keyring-daemon on it, its
// login keyring created and unlocked with an empty password. Nothing is
// faked, so a test that passes here has talked the same D-Bus protocol a
// desktop's keyring speaks.
package keystest

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"
)

// SecretService is a running gnome-keyring on its own session bus.
type SecretService struct {
	// Address is the bus's DBUS_SESSION_BUS_ADDRESS.
	Address string
}

// busConfig is a session bus with no service directories: nothing can be
// activated behind the test's back (a second gnome-keyring, a prompter).
const busConfig = `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir=%s</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`

const startTimeout = 15 * time.Second

// Start runs the bus and the keyring and stops both when the test ends. It
// fails the test (never skips it) when they are not installed: `make deps`
// installs dbus-daemon and gnome-keyring.
func Start(t testing.TB) SecretService {
	t.Helper()
	dir := shortTempDir(t)
	addr := startBus(t, dir)
	startKeyring(t, dir, addr)
	return SecretService{Address: addr}
}

// StartBus runs a session bus with no Secret Service on it: the machine
// of a user who has D-Bus but no keyring daemon. It returns the address.
func StartBus(t testing.TB) string {
	t.Helper()
	return startBus(t, shortTempDir(t))
}

// shortTempDir is a folder of its own under /tmp: a unix socket path must
// fit in 108 bytes, which t.TempDir's long names can overrun.
func shortTempDir(t testing.TB) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "vss-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	return dir
}

func startBus(t testing.TB, dir string) string {
	t.Helper()
	conf := filepath.Join(dir, "bus.conf")
	if err := os.WriteFile(conf, fmt.Appendf(nil, busConfig, dir), 0o600); err != nil {
		t.Fatal(err)
	}
	bus := exec.Command("dbus-daemon", "--config-file="+conf, "--nofork", "--print-address=1")
	stdout, err := bus.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	busLog, _ := os.Create(filepath.Join(dir, "bus.log"))
	bus.Stderr = busLog
	if err := bus.Start(); err != nil {
		t.Fatalf("starting dbus-daemon (install it with `make deps`): %v", err)
	}
	t.Cleanup(func() { bus.Process.Kill(); bus.Wait(); busLog.Close() })
	line := make(chan string, 1)
	go func() {
		s, _ := bufio.NewReader(stdout).ReadString('\n')
		line <- strings.TrimSpace(s)
	}()
	select {
	case addr := <-line:
		if addr == "" {
			b, _ := os.ReadFile(busLog.Name())
			t.Fatalf("dbus-daemon printed no address: %s", b)
		}
		return addr
	case <-time.After(startTimeout):
		t.Fatalf("dbus-daemon printed no address in %v", startTimeout)
	}
	return ""
}

func startKeyring(t testing.TB, dir, addr string) {
	t.Helper()
	home := filepath.Join(dir, "home")
	run := filepath.Join(dir, "run")
	for _, d := range []string{home, run} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	// Watch the bus before starting the daemon, so its arrival is seen
	// as a signal rather than polled for.
	conn := dial(t, addr)
	owner := make(chan *dbus.Signal, 16)
	conn.Signal(owner)
	if err := conn.AddMatchSignal(dbus.WithMatchInterface("org.freedesktop.DBus"),
		dbus.WithMatchMember("NameOwnerChanged"), dbus.WithMatchArg(0, "org.freedesktop.secrets")); err != nil {
		t.Fatalf("watching the test bus: %v", err)
	}

	gk := exec.Command("gnome-keyring-daemon", "--unlock", "--components=secrets", "--foreground")
	gk.Env = append(cleanEnv(),
		"DBUS_SESSION_BUS_ADDRESS="+addr,
		"HOME="+home,
		"XDG_DATA_HOME="+filepath.Join(home, ".local", "share"),
		"XDG_CONFIG_HOME="+filepath.Join(home, ".config"),
		"XDG_CACHE_HOME="+filepath.Join(home, ".cache"),
		"XDG_RUNTIME_DIR="+run,
	)
	// --unlock reads the login keyring's password from stdin and creates
	// the keyring when there is none: an empty line gives an empty
	// password, so no prompt is ever needed. (No newline at all reads as
	// no password, and then no login keyring exists.)
	gk.Stdin = strings.NewReader("\n")
	logPath := filepath.Join(dir, "gnome-keyring.log")
	gkLog, _ := os.Create(logPath)
	gk.Stdout, gk.Stderr = gkLog, gkLog
	if err := gk.Start(); err != nil {
		t.Fatalf("starting gnome-keyring-daemon (install gnome-keyring with `make deps`): %v", err)
	}
	exited := make(chan struct{})
	go func() { gk.Wait(); close(exited) }()
	t.Cleanup(func() { gk.Process.Kill(); <-exited; gkLog.Close() })

	fail := func(why string) {
		b, _ := os.ReadFile(logPath)
		t.Fatalf("gnome-keyring-daemon %s; its log: %s", why, b)
	}
	var owned bool
	if err := conn.BusObject().Call("org.freedesktop.DBus.NameHasOwner", 0, "org.freedesktop.secrets").Store(&owned); err != nil {
		t.Fatalf("asking the test bus: %v", err)
	}
	deadline := time.After(startTimeout)
	for !owned {
		select {
		case s := <-owner:
			owned = len(s.Body) == 3 && s.Body[2] != ""
		case <-exited:
			fail("exited before taking the Secret Service name")
		case <-deadline:
			fail(fmt.Sprintf("did not take the Secret Service name in %v", startTimeout))
		}
	}
	// The daemon unlocks the login keyring before it joins the bus, so
	// its default alias must already point at it.
	var def dbus.ObjectPath
	ss := conn.Object("org.freedesktop.secrets", "/org/freedesktop/secrets")
	if err := ss.Call("org.freedesktop.Secret.Service.ReadAlias", 0, "default").Store(&def); err != nil || def == "/" {
		fail(fmt.Sprintf("has no default keyring (alias %q, err %v)", def, err))
	}
}

func dial(t testing.TB, addr string) *dbus.Conn {
	t.Helper()
	conn, err := dbus.Dial(addr)
	if err != nil {
		t.Fatalf("connecting to the test bus: %v", err)
	}
	t.Cleanup(func() { conn.Close() })
	if err := conn.Auth(nil); err != nil {
		t.Fatalf("connecting to the test bus: %v", err)
	}
	if err := conn.Hello(); err != nil {
		t.Fatalf("connecting to the test bus: %v", err)
	}
	return conn
}

// cleanEnv drops what would lead the daemon to the user's real session:
// their bus, their keyrings, a display to put a prompt on.
func cleanEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch {
		case k == "DBUS_SESSION_BUS_ADDRESS", k == "DISPLAY", k == "WAYLAND_DISPLAY", k == "HOME",
			strings.HasPrefix(k, "XDG_"), strings.HasPrefix(k, "GNOME_KEYRING"):
			continue
		}
		env = append(env, kv)
	}
	return env
}
