package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"time"
	"unicode"

	"github.com/vitrina-live/vitrina/studio"
	"github.com/vitrina-live/vitrina/studio/catalog"
	"github.com/vitrina-live/vitrina/studio/show/report"
	"github.com/vitrina-live/vitrina/studio/show/timeline"
	"github.com/vitrina-live/vitrina/studio/store"
)

// cmdReport is `vitrina report SHOW [--out FILE.html]`.
func cmdReport(args []string, stdout io.Writer) error {
	fs := newFlags("report")
	out := fs.String("out", "", "the HTML file to write (default: show-ID-TITLE-report.html here)")
	ref, err := parseShowArgs(fs, args)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	sd, err := loadShowData(ctx, ref)
	if err != nil {
		return err
	}
	path := *out
	if path == "" {
		path = fmt.Sprintf("show-%d%s-report.html", sd.show.ID, prefixed(slug(sd.show.Title, 40)))
	}
	in := report.Input{Title: sd.show.Title, Started: sd.show.StartedAt, Length: sd.length,
		Unfinished: sd.show.EndedAt.IsZero(), Events: sd.events, Titles: sd.titles, Rundown: sd.plan, Generated: time.Now()}
	if err := writeAtomically(path, func(w io.Writer) error { return report.Render(w, in) }); err != nil {
		return fmt.Errorf("report of show %d: %w", sd.show.ID, err)
	}
	fmt.Fprintf(stdout, "%s: show %d %q, %s, %d events\n", path, sd.show.ID, sd.show.Title, report.Clock(sd.length), len(sd.events))
	return nil
}

// parseShowArgs reads `SHOW [flags]` or `[flags] SHOW`.
func parseShowArgs(fs *flag.FlagSet, args []string) (string, error) {
	if err := fs.Parse(args); err != nil {
		return "", fmt.Errorf("%w: %s: %v", errUsage, fs.Name(), err)
	}
	if fs.NArg() == 0 {
		return "", fmt.Errorf("%w: %s: want SHOW: its id, its title, or latest", errUsage, fs.Name())
	}
	ref := fs.Arg(0)
	if err := fs.Parse(fs.Args()[1:]); err != nil {
		return "", fmt.Errorf("%w: %s: %v", errUsage, fs.Name(), err)
	}
	if fs.NArg() > 0 {
		return "", fmt.Errorf("%w: %s: unexpected argument %q", errUsage, fs.Name(), fs.Arg(0))
	}
	return ref, nil
}

// showData is a show as the report and the clips read it.
type showData struct {
	show   store.Show
	events []timeline.Event
	length time.Duration     // on the show's timeline; see timeline.End
	titles map[string]string // product titles by SKU and by handle
	// plan is the show's rundown without its host notes and FAQ, which
	// stay private to the host and the moderators.
	plan []report.PlanItem
}

func loadShowData(ctx context.Context, ref string) (showData, error) {
	dir, err := dataDir()
	if err != nil {
		return showData{}, err
	}
	db, err := store.OpenDir(ctx, dir)
	if err != nil {
		return showData{}, fmt.Errorf("opening the store: %w", err)
	}
	defer db.Close()
	var sd showData
	if sd.show, err = db.FindShow(ctx, ref); err != nil {
		if errors.Is(err, store.ErrNoShow) {
			return showData{}, fmt.Errorf("%w: no show %q (name one by its id, its title, or latest)", studio.ErrBadInput, ref)
		}
		return showData{}, err
	}
	evs, err := db.Events(ctx, sd.show.ID)
	if err != nil {
		return showData{}, err
	}
	for _, e := range evs {
		sd.events = append(sd.events, timeline.Event{Offset: e.Offset, Kind: e.Kind, SKU: e.SKU, Data: e.Data})
	}
	rundown, err := db.Rundown(ctx, sd.show.ID)
	if err != nil {
		return showData{}, err
	}
	for _, e := range rundown {
		sd.plan = append(sd.plan, report.PlanItem{Product: e.Product, Title: e.Title, Planned: e.Planned})
	}
	var ended time.Duration
	if !sd.show.EndedAt.IsZero() {
		ended = sd.show.EndedAt.Sub(sd.show.StartedAt)
	}
	sd.length = timeline.End(ended, sd.events)
	sd.titles = map[string]string{}
	ls, err := store.ListVariants(ctx, db.Reader())
	if err != nil {
		return showData{}, err
	}
	for _, l := range ls {
		// Each variant by its own title, "Linen shirt, L", as the chat
		// names it: interest and claims are counted by variant.
		sd.titles[l.SKU] = catalog.VariantTitle(l.Title, l.Options)
		if _, ok := sd.titles[l.Handle]; !ok && l.Handle != "" {
			sd.titles[l.Handle] = l.Title // a cue may name the product by its handle
		}
	}
	return sd, nil
}

// writeAtomically writes a file through a temporary one beside it, so an
// interrupted write never leaves half a file under the name.
func writeAtomically(path string, write func(io.Writer) error) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name()) // after the rename, there is nothing left to remove
	if err := write(f); err != nil {
		f.Close()
		return err
	}
	if err := f.Chmod(0o644); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}

// slug makes a name safe for a file: letters and digits, lowered, the rest
// one dash, at most n runes. Letters of any script are kept, so a Russian
// title stays readable.
func slug(s string, n int) string {
	var b strings.Builder
	dash := false
	runes := 0
	for _, r := range strings.ToLower(s) {
		if runes >= n {
			break
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
			dash = false
			runes++
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
			runes++
		}
	}
	return strings.TrimRight(b.String(), "-")
}

// prefixed puts a dash before s, unless it is empty.
func prefixed(s string) string {
	if s == "" {
		return ""
	}
	return "-" + s
}
