package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/vitrina-live/vitrina/studio"
	"github.com/vitrina-live/vitrina/studio/show"
)

// Exit codes, as DESIGN.md promises them to scripts and tests.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

var errUsage = errors.New("usage")

const usage = `vitrina — the live-stream shopping studio

  vitrina run [--show FILE.toml] [--headless] [--for DURATION] [--record PATH] [--control ADDR]
                          run a show (the embedded default when --show is omitted);
                          --control serves the remote-control API on ADDR, e.g.
                          127.0.0.1:8788 (docs/control-api.md)
  vitrina devices         list cameras and microphones
  vitrina products import FILE.csv [--dry-run] [--skip-bad] [--encoding utf-8|utf-16|windows-1251|windows-1252]
                          import a Shopify or WooCommerce product export
  vitrina products list [--json]
                          list the catalog, one line (or JSON object) per variant
  vitrina report SHOW [--out FILE.html]
                          write the post-show report (SHOW: its id, its title, or latest)
  vitrina clips SHOW [--out DIR]
                          cut one MP4 per product segment from the show's recording
  vitrina probe whep URL [--for 20s] [--token-env NAME] [--verbose]
                          play a WHEP stream and print its glass-to-glass latency
  vitrina relay [--addr 127.0.0.1:8080] [--token-env NAME] [--room NAME] [--slow DURATION]
                          run the rehearsal relay: WHIP in, WHEP out, events, viewer page
  vitrina keys set NAME   store a stream key read from stdin (OS keyring, else a 0600 file)
  vitrina keys delete NAME
  vitrina keys where      say where keys are stored
  vitrina chat check [--rules FILE] [--products FILE]
                          moderate chat read from stdin (a line per message,
                          optionally user<TAB>text); a JSON line per message
  vitrina help            this text

Exit codes: 0 success, 1 runtime failure, 2 usage or bad input.
VITRINA_DATA=DIR overrides the data directory.`

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		args = []string{"run"}
	}
	var err error
	switch args[0] {
	case "run":
		err = cmdRun(args[1:], stderr)
	case "devices":
		err = cmdDevices(args[1:], stdout)
	case "products":
		err = cmdProducts(args[1:], stdout, stderr)
	case "probe":
		err = cmdProbe(args[1:], stdout, stderr)
	case "relay":
		err = cmdRelay(args[1:], stdout, stderr)
	case "keys":
		err = cmdKeys(args[1:], os.Stdin, stdout, stderr)
	case "chat":
		err = cmdChat(args[1:], os.Stdin, stdout)
	case "clips":
		err = cmdClips(args[1:], stdout, stderr)
	case "report":
		err = cmdReport(args[1:], stdout)
	case "help", "-h", "--help":
		fmt.Fprintln(stdout, usage)
		return exitOK
	default:
		err = fmt.Errorf("%w: unknown command %q (see `vitrina help`)", errUsage, args[0])
	}
	if err == nil {
		return exitOK
	}
	fmt.Fprintf(stderr, "vitrina: %s\n", oneLine(err))
	if errors.Is(err, errUsage) || errors.Is(err, show.ErrBadShow) || errors.Is(err, studio.ErrBadInput) {
		return exitUsage
	}
	return exitFailure
}

// oneLine keeps an error on one line, as a user reads it in a terminal.
func oneLine(err error) string {
	msg := err.Error()
	out := make([]rune, 0, len(msg))
	for _, r := range msg {
		if r == '\n' {
			r = ';'
		}
		out = append(out, r)
	}
	msg = string(out)
	// Errors for bad input carry their sentinel's words as a prefix; the
	// field and the reason after it are what the user needs.
	for _, prefix := range []string{errUsage.Error() + ": ", studio.ErrBadInput.Error() + ": "} {
		if len(msg) > len(prefix) && msg[:len(prefix)] == prefix {
			msg = msg[len(prefix):]
		}
	}
	return msg
}

func newFlags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("%w: %s: %v", errUsage, fs.Name(), err)
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: %s: unexpected argument %q", errUsage, fs.Name(), fs.Arg(0))
	}
	return nil
}

// dataDir is where Vitrina keeps its database and recordings: VITRINA_DATA,
// else the OS's place ($XDG_DATA_HOME/vitrina on Linux).
func dataDir() (string, error) {
	if d := os.Getenv("VITRINA_DATA"); d != "" {
		return d, nil
	}
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "vitrina"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("no data directory: set VITRINA_DATA: %w", err)
	}
	return filepath.Join(home, ".local", "share", "vitrina"), nil
}

func newLogger(w io.Writer) *slog.Logger {
	l := slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelInfo}))
	// Sources and the encoder log through the default logger: one format.
	slog.SetDefault(l)
	return l
}
