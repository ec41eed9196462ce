//go:build linux || freebsd || openbsd || netbsd || dragonfly

package keys

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/godbus/dbus/v5"
)

const secretsName = "org.freedesktop.secrets"

// secretServiceReachable checks, before go-keyring is asked anything, that a
// session bus exists and that a Secret Service owns or can be started for
// its name. go-keyring's own connection would run dbus-launch when no bus
// is found, leaving a stray daemon behind on a headless machine; this
// check never launches anything.
func secretServiceReachable() error {
	conn, err := dbus.SessionBusPrivateNoAutoStartup()
	if err != nil {
		return fmt.Errorf("%w: no D-Bus session bus (%v)", ErrNoKeyring, err)
	}
	defer conn.Close()
	if err := conn.Auth(nil); err != nil {
		return fmt.Errorf("%w: D-Bus session bus refused us (%v)", ErrNoKeyring, err)
	}
	if err := conn.Hello(); err != nil {
		return fmt.Errorf("%w: D-Bus session bus refused us (%v)", ErrNoKeyring, err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	bus := conn.BusObject()
	var owned bool
	if err := bus.CallWithContext(ctx, "org.freedesktop.DBus.NameHasOwner", 0, secretsName).Store(&owned); err != nil {
		return fmt.Errorf("%w: D-Bus session bus does not answer (%v)", ErrNoKeyring, err)
	}
	if owned {
		return nil
	}
	// Desktops start gnome-keyring or KWallet on the first call.
	var names []string
	if err := bus.CallWithContext(ctx, "org.freedesktop.DBus.ListActivatableNames", 0).Store(&names); err == nil && slices.Contains(names, secretsName) {
		return nil
	}
	return fmt.Errorf("%w: no Secret Service (gnome-keyring, KWallet) on the D-Bus session bus", ErrNoKeyring)
}
