package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/vitrina-live/vitrina/assets"
	"github.com/vitrina-live/vitrina/studio"
	"github.com/vitrina-live/vitrina/studio/capture"
	"github.com/vitrina-live/vitrina/studio/show"
)

func cmdRun(args []string, stderr io.Writer) error {
	fs := newFlags("run")
	showPath := fs.String("show", "", "show file (TOML); the embedded default when empty")
	headless := fs.Bool("headless", false, "run without the studio window")
	dur := fs.Duration("for", 0, "stop after this long, e.g. 10s or 1h")
	recordPath := fs.String("record", "", "record to this path instead of the show file's [record] path")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *dur < 0 {
		return fmt.Errorf("%w: run: --for %v must not be negative", errUsage, *dur)
	}
	log := newLogger(stderr)
	f, err := loadShow(*showPath)
	if err != nil {
		return err
	}
	if !*headless {
		log.Warn("the studio window is not part of this build yet; running headless")
	}
	if f.Record.Path == "" && *recordPath == "" {
		dir, err := dataDir()
		if err != nil {
			return err
		}
		*recordPath = filepath.Join(dir, "recordings", "show-"+time.Now().Format("20060102-150405")+".mkv")
		if err := os.MkdirAll(filepath.Dir(*recordPath), 0o755); err != nil {
			return fmt.Errorf("%w: recordings folder: %v", studio.ErrBadInput, err)
		}
	}
	st, err := studio.New(studio.Config{Show: f, RecordPath: *recordPath, For: *dur, Logger: log})
	if err != nil {
		return err
	}
	defer st.Close()
	defer startProfile()()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return st.Run(ctx)
}

func loadShow(path string) (*show.File, error) {
	if path != "" {
		return show.Load(path)
	}
	wd, _ := os.Getwd()
	f, err := show.Parse(assets.DefaultShow(), wd)
	if err != nil {
		return nil, fmt.Errorf("embedded default show: %w", err)
	}
	useFirstCamera(f)
	return f, nil
}

// useFirstCamera puts a real camera in the default show's wide shot when the
// machine has one; without one the test pattern stays.
func useFirstCamera(f *show.File) {
	devs, err := capture.ListDevices()
	if err != nil {
		return
	}
	for _, d := range devs {
		if d.Kind != "camera" {
			continue
		}
		for i := range f.Sources {
			if f.Sources[i].ID == "wide" {
				f.Sources[i] = show.Source{ID: "wide", Kind: "camera", Device: d.ID}
			}
		}
		return
	}
}
