package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/vitrina-live/vitrina/studio/platform/relay"
)

// cmdRelay runs the rehearsal relay: `vitrina relay [--addr 127.0.0.1:8080]
// [--token-env NAME] [--room show] [--slow 0s]`. The URLs a host needs go
// to stdout; the log goes to stderr; the token goes nowhere.
func cmdRelay(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("relay")
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on (host:port; port 0 picks one)")
	tokenEnv := fs.String("token-env", "VITRINA_RELAY_TOKEN", "environment variable holding the host's Bearer token")
	room := fs.String("room", "show", "room whose URLs to print (any name works)")
	slow := fs.Duration("slow", 0, "chat slow mode until the host sets one, e.g. 5s")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	token := os.Getenv(*tokenEnv)
	if token == "" {
		return fmt.Errorf("%w: relay: the host token: set %s (or name another variable with --token-env)", errUsage, *tokenEnv)
	}
	if *slow < 0 {
		return fmt.Errorf("%w: relay: --slow %v must not be negative", errUsage, *slow)
	}
	log := newLogger(stderr)
	srv, err := relay.New(relay.Config{Token: token, Logger: log, SlowMode: *slow})
	if err != nil {
		return fmt.Errorf("%w: relay: %w", errUsage, err)
	}
	defer srv.Close()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("relay: listen on %s: %w", *addr, err)
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()

	base := hostURL(ln.Addr().(*net.TCPAddr))
	fmt.Fprintf(stdout, `vitrina relay on %[1]s
  WHIP (studio video in):  %[1]s/%[2]s/whip    Bearer token from $%[3]s
  events (studio socket):  ws%[4]s/%[2]s/events  the same token; viewers connect without one
  viewer page:             %[1]s/%[2]s/
  WHEP (players):          %[1]s/%[2]s/whep
Any room name works in place of %[2]q. Ctrl-C stops the relay.
`, base, *room, *tokenEnv, base[len("http"):])
	log.Info("relay: listening", "addr", ln.Addr().String())

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	select {
	case err := <-served:
		return fmt.Errorf("relay: %w", err)
	case <-ctx.Done():
	}
	// Sockets and peers first (they close with 1001), then the listener.
	srv.Close()
	shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := hs.Shutdown(shut); err != nil && !errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("relay: shutting down: %w", err)
	}
	log.Info("relay: stopped")
	return nil
}

// hostURL is the base URL to print: a wildcard address is reachable on
// loopback from this machine.
func hostURL(a *net.TCPAddr) string {
	ip := a.IP
	if ip == nil || ip.IsUnspecified() {
		ip = net.IPv4(127, 0, 0, 1)
	}
	return "http://" + net.JoinHostPort(ip.String(), fmt.Sprint(a.Port))
}
