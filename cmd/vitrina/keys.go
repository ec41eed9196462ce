package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"strings"

	"github.com/vitrina-live/vitrina/studio/keys"
)

const keysUsage = "`vitrina keys set NAME` (the key on stdin), `vitrina keys delete NAME` or `vitrina keys where`"

// maxKeyLen bounds what `keys set` reads, so piping in the wrong file fails
// at once instead of storing megabytes in the keyring.
const maxKeyLen = 4096

// cmdKeys manages stream keys and tokens: they are typed or piped in, never
// passed as arguments, where the shell history and `ps` would keep them.
func cmdKeys(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return fmt.Errorf("%w: keys: say what to do: %s", errUsage, keysUsage)
	}
	sub, rest := args[0], args[1:]
	var name string
	switch sub {
	case "set", "delete":
		fs := newFlags("keys " + sub)
		if err := fs.Parse(rest); err != nil {
			return fmt.Errorf("%w: keys %s: %v", errUsage, sub, err)
		}
		if fs.NArg() != 1 {
			return fmt.Errorf("%w: keys %s: give one key name: `vitrina keys %s NAME`", errUsage, sub, sub)
		}
		name = fs.Arg(0)
	case "where":
		if err := parseFlags(newFlags("keys where"), rest); err != nil {
			return err
		}
	default:
		return fmt.Errorf("%w: unknown keys command %q: use %s", errUsage, sub, keysUsage)
	}

	dir, err := dataDir()
	if err != nil {
		return err
	}
	store, err := keys.Open(dir)
	if err != nil {
		return err
	}
	switch sub {
	case "where":
		fmt.Fprintln(stdout, store.Where())
		if why := store.Why(); why != "" {
			fmt.Fprintf(stdout, "  why: %s\n", why)
		}
		return nil
	case "delete":
		if err := store.Delete(name); err != nil {
			return keysErr(err)
		}
		fmt.Fprintf(stderr, "vitrina: deleted key %q from %s\n", name, place(store))
		return nil
	}
	secret, err := readKey(stdin, stderr, name)
	if err != nil {
		return err
	}
	if err := store.Set(name, secret); err != nil {
		return keysErr(err)
	}
	if store.InKeyring() {
		fmt.Fprintf(stderr, "vitrina: stored key %q in the %s\n", name, store.Where())
	} else {
		// Plainly, because a key on disk is something the user may not want.
		fmt.Fprintf(stderr, "vitrina: key %q: no OS keyring found: stored in %s (0600)\n", name, store.File())
	}
	return nil
}

func place(s *keys.Store) string {
	if s.InKeyring() {
		return "the " + s.Where()
	}
	return s.File()
}

// keysErr makes a bad name or an empty key a usage error (exit 2).
func keysErr(err error) error {
	if errors.Is(err, keys.ErrBadName) || errors.Is(err, keys.ErrEmptySecret) {
		return fmt.Errorf("%w: %w", errUsage, err)
	}
	return err
}

// readKey reads one line. At a terminal it asks for the key and turns echo
// off, so a key pasted during a screen share is not shown.
func readKey(stdin io.Reader, stderr io.Writer, name string) (string, error) {
	if f, ok := stdin.(*os.File); ok && maybeTerminal(f) {
		// stty fails on anything that is not a terminal (/dev/null is a
		// character device too), so its success is the real test.
		if restore := noEcho(f); restore != nil {
			fmt.Fprintf(stderr, "Paste the key for %q and press Enter: ", name)
			defer func() { restore(); fmt.Fprintln(stderr) }()
		}
	}
	line, err := bufio.NewReaderSize(io.LimitReader(stdin, maxKeyLen+2), maxKeyLen+2).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("keys set %s: reading the key: %w", name, err)
	}
	// Spaces around a pasted key are never part of it: a key goes into
	// the ingest URL, where a space would break it.
	key := strings.TrimSpace(line)
	if len(key) > maxKeyLen {
		return "", fmt.Errorf("%w: keys set %s: the key is longer than %d bytes", errUsage, name, maxKeyLen)
	}
	if key == "" {
		return "", fmt.Errorf("%w: keys set %s: %w: give the key on stdin, e.g. `vitrina keys set %s < key.txt`", errUsage, name, keys.ErrEmptySecret, name)
	}
	return key, nil
}

func maybeTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// noEcho uses stty, which every Unix has, rather than terminal ioctls that
// differ per OS; it returns nil where that is not possible. Ctrl-C while
// echo is off would leave the terminal silent, so it is restored then too.
func noEcho(tty *os.File) (restore func()) {
	if runtime.GOOS == "windows" {
		return nil
	}
	stty := func(arg string) error {
		cmd := exec.Command("stty", arg)
		cmd.Stdin = tty
		return cmd.Run()
	}
	if stty("-echo") != nil {
		return nil
	}
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt)
	done := make(chan struct{})
	go func() {
		select {
		case <-sig:
			stty("echo")
			os.Exit(exitFailure)
		case <-done:
		}
	}()
	return func() {
		close(done)
		signal.Stop(sig)
		stty("echo")
	}
}
