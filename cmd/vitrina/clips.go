package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/vitrina-live/vitrina/encoder"
	"github.com/vitrina-live/vitrina/studio"
	"github.com/vitrina-live/vitrina/studio/show/report"
	"github.com/vitrina-live/vitrina/studio/show/timeline"
)

// cmdClips is `vitrina clips SHOW [--out DIR]`: one MP4 per product
// segment, cut from the show's recording with stream copy. The segments
// come from the store's events, not from the recording's chapters, which a
// studio killed with -9 never wrote.
func cmdClips(args []string, stdout, stderr io.Writer) error {
	fset := newFlags("clips")
	out := fset.String("out", "", "the folder for the clips (default: RECORDING-clips beside the recording)")
	ref, err := parseShowArgs(fset, args)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	sd, err := loadShowData(ctx, ref)
	if err != nil {
		return err
	}
	rec := sd.show.Recording
	if rec == "" {
		return fmt.Errorf("%w: show %d %q has no recording to cut", studio.ErrBadInput, sd.show.ID, sd.show.Title)
	}
	if _, err := os.Stat(rec); err != nil {
		return fmt.Errorf("show %d: its recording: %w", sd.show.ID, err)
	}
	segs := timeline.Segments(sd.events, sd.length)
	if len(segs) == 0 {
		fmt.Fprintf(stdout, "show %d %q: no product was on air, so there is nothing to cut\n", sd.show.ID, sd.show.Title)
		return nil
	}
	dir := *out
	if dir == "" {
		dir = strings.TrimSuffix(rec, filepath.Ext(rec)) + "-clips"
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("clips folder: %w", err)
	}
	log := newLogger(stderr) // FFmpeg's warnings (a torn last cluster) go to stderr
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	defer tw.Flush()
	for _, s := range segs {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("clips: %w", err)
		}
		title := clipTitle(s, sd.titles)
		name := fmt.Sprintf("%02d-%s", s.N, fileSafe(s.SKU))
		if title != s.SKU {
			name += prefixed(slug(title, 48))
		}
		name += ".mp4"
		path := filepath.Join(dir, name)
		span, err := encoder.CutSpan(rec, path, s.Start, s.End)
		if errors.Is(err, encoder.ErrEmptyCut) {
			// The studio died before this part reached the disk.
			log.Warn("clip skipped: after the end of the recording", "clip", s.N, "sku", s.SKU, "from", report.Clock(s.Start))
			continue
		}
		if err != nil {
			return fmt.Errorf("clip %d (%s): %w", s.N, s.SKU, err)
		}
		fmt.Fprintf(tw, "%02d\t%s–%s\t%s\t%s\t%s\n", s.N, report.Clock(span.From), report.Clock(span.To),
			s.SKU, title, path)
	}
	return nil
}

// clipTitle is a segment's product name: the catalog's, the pin's, or the SKU.
func clipTitle(s timeline.Segment, titles map[string]string) string {
	if t := titles[s.SKU]; t != "" {
		return t
	}
	if s.Title != "" {
		return s.Title
	}
	return s.SKU
}

// fileSafe keeps a SKU as it is (case and all, as the shop knows it) but
// for what a file name cannot hold.
func fileSafe(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == '/' || r == '\\' || r == 0 || r < ' ' || strings.ContainsRune(`:*?"<>|`, r) {
			return '_'
		}
		return r
	}, s)
	if !fs.ValidPath(s) || s == "." || s == ".." {
		return "_"
	}
	return s
}
