package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/vitrina-live/vitrina/studio/probe"
)

// cmdProbe measures glass-to-glass latency: `vitrina probe whep URL [--for
// 20s] [--token-env NAME] [--verbose]`. The result is one line on stdout.
func cmdProbe(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "whep" {
		return fmt.Errorf("%w: probe: want `vitrina probe whep URL [--for 20s] [--token-env NAME]`", errUsage)
	}
	fs := newFlags("probe whep")
	dur := fs.Duration("for", 20*time.Second, "how long to measure, from the first decoded picture")
	tokenEnv := fs.String("token-env", "", "environment variable holding the Bearer token, if reading needs one")
	verbose := fs.Bool("verbose", false, "log the connection's progress to stderr")
	// The URL may come before or after the flags.
	if err := fs.Parse(args[1:]); err != nil {
		return fmt.Errorf("%w: probe whep: %v", errUsage, err)
	}
	if fs.NArg() == 0 {
		return fmt.Errorf("%w: probe whep: missing the WHEP URL", errUsage)
	}
	url := fs.Arg(0)
	if err := parseFlags(fs, fs.Args()[1:]); err != nil {
		return err
	}
	if *dur <= 0 {
		return fmt.Errorf("%w: probe whep: --for %v must be positive", errUsage, *dur)
	}
	var token string
	if *tokenEnv != "" {
		if token = os.Getenv(*tokenEnv); token == "" {
			return fmt.Errorf("%w: probe whep: --token-env %s: the variable is not set", errUsage, *tokenEnv)
		}
	}
	// FFmpeg's and pion's chatter stays out of the one-line answer unless
	// asked for.
	log := slog.New(slog.DiscardHandler)
	if *verbose {
		log = newLogger(stderr)
	} else {
		slog.SetDefault(log)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	res, err := (&probe.Probe{URL: url, Token: token, For: *dur, Logger: log}).Run(ctx)
	if res != nil && res.Frames > 0 {
		fmt.Fprintln(stdout, res)
	}
	switch {
	case errors.Is(err, probe.ErrBadURL):
		return fmt.Errorf("%w: %w", errUsage, err)
	case err != nil:
		return err
	}
	return nil
}
