package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/vitrina-live/vitrina/assets"
	"github.com/vitrina-live/vitrina/studio"
	"github.com/vitrina-live/vitrina/studio/capture"
	"github.com/vitrina-live/vitrina/studio/show"
	"github.com/vitrina-live/vitrina/studio/ui"
)

func cmdRun(args []string, stderr io.Writer) error {
	fs := newFlags("run")
	showPath := fs.String("show", "", "show file (TOML); the embedded default when empty")
	headless := fs.Bool("headless", false, "run without the studio window")
	dur := fs.Duration("for", 0, "stop after this long, e.g. 10s or 1h")
	recordPath := fs.String("record", "", "record to this path instead of the show file's [record] path")
	controlAddr := fs.String("control", "", "serve the remote-control API on this address, e.g. 127.0.0.1:8788 (docs/control-api.md)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *dur < 0 {
		return fmt.Errorf("%w: run: --for %v must not be negative", errUsage, *dur)
	}
	log := newLogger(stderr)
	var win windowSettings
	if !*headless {
		win = loadWindowSettings(log) // first: it may set the data location
	}
	f, err := loadShow(*showPath)
	if err != nil {
		return err
	}
	if !*headless {
		if err := ui.CheckDisplay(); err != nil {
			return err
		}
	}
	if !*headless && *showPath == "" {
		win.settings.ApplyToDefaultShow(f)
	}
	win.saved = applySavedDestinations(f, *showPath, log) // before the key store is needed
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
	cfg := studio.Config{Show: f, RecordPath: *recordPath, For: *dur, Logger: log}
	stores := &runStores{}
	defer stores.Close() // deferred first: it runs after every part that uses the store
	if usesKeyStore(f) {
		ks, err := stores.Keys()
		if err != nil {
			return err
		}
		log.Info("stream keys", "from", ks.Where())
		cfg.Keys = ks
	}
	if usesCatalog(f) {
		c, err := showCatalog(context.Background(), f, stores, log)
		if err != nil {
			return err
		}
		cfg.Catalog = c
	}
	st, err := studio.New(cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	defer startShowLog(st, cfg, *showPath, stores, log)() // the show's timeline in the store; never stops the show
	// [platform]: pins, sales and claims over the relay's event socket.
	stopPlatform, err := startPlatformLink(st, cfg, stores, log)
	if err != nil {
		return err
	}
	defer stopPlatform()
	// [[chat]]: the show's chat through the moderation pipeline into the store.
	chatL, stopChat, err := startChatLink(st, cfg, *showPath, stores, log)
	if err != nil {
		return err
	}
	defer stopChat()
	win.chat = chatL.feed() // the window's chat pane follows it
	if *controlAddr != "" {
		stopControl, err := serveControl(*controlAddr, st, chatL, cfg.Catalog, log)
		if err != nil {
			return err
		}
		defer stopControl()
	}
	defer startProfile()()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if *headless {
		return st.Run(ctx)
	}
	return runWindow(ctx, st, f, cfg.Catalog, *showPath, *recordPath, win, stores, log)
}

// usesCatalog tells whether the show names a catalog or pins products.
func usesCatalog(f *show.File) bool {
	if f.Show.Catalog != "" || len(f.Rundown) > 0 {
		return true
	}
	for _, c := range f.Cues {
		if c.Product != "" {
			return true
		}
	}
	return false
}

func usesKeyStore(f *show.File) bool {
	if f.Platform.KeyName != "" {
		return true
	}
	for _, c := range f.Chat {
		if c.KeyName != "" {
			return true
		}
	}
	for _, d := range f.Destinations {
		if d.KeyName != "" {
			return true
		}
	}
	return false
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
	if path, err := writeDemoCatalog(); err == nil {
		f.Show.Catalog = path // imported before the show, like any show's catalog
	}
	if u := os.Getenv("VITRINA_DEMO_RELAY"); u != "" {
		// `make run` starts the rehearsal relay beside the studio and names
		// its WHIP URL here, so the demo goes live to it out of the box.
		f.Destinations = append(f.Destinations, show.Destination{ID: "relay", Kind: "whip", URL: u, TokenEnv: "VITRINA_RELAY_TOKEN"})
		// The same room's event socket: pins, sales and stock reach the
		// viewer page, and its chat, claims and viewer count come back.
		if ev := relayEvents(u); ev != "" {
			f.Platform = show.Platform{Events: ev, TokenEnv: "VITRINA_RELAY_TOKEN"}
			f.Chat = append(f.Chat, show.Chat{Kind: "platform"})
		}
	}
	return f, nil
}

// showName is what the show is called: its title, else the show file's
// name without its extension ("" for neither).
func showName(f *show.File, showPath string) string {
	if f.Show.Title == "" && showPath != "" {
		return strings.TrimSuffix(filepath.Base(showPath), filepath.Ext(showPath))
	}
	return f.Show.Title
}

// relayEvents is the event socket of the relay room whose WHIP URL is
// whip (http://host/ROOM/whip → ws://host/ROOM/events); "" when whip is
// not of that form.
func relayEvents(whip string) string {
	u, err := url.Parse(whip)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || !strings.HasSuffix(u.Path, "/whip") {
		return ""
	}
	u.Scheme = map[string]string{"http": "ws", "https": "wss"}[u.Scheme]
	u.Path = strings.TrimSuffix(u.Path, "/whip") + "/events"
	u.RawQuery, u.Fragment = "", ""
	return u.String()
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

// windowSettings are the studio window's saved settings and where they live.
type windowSettings struct {
	settings ui.Settings
	path     string
	chat     ui.ChatFeed // the show's [[chat]]; nil without
	saved    *studio.SavedDestinations
}

// applySavedDestinations gives the show the destinations added, edited or
// removed in the window in its earlier runs (docs/configuration.md). A
// saved file that will not read is logged and left as it is; it never
// stops the show. Nil when nothing can be saved.
func applySavedDestinations(f *show.File, showPath string, log *slog.Logger) *studio.SavedDestinations {
	dir, err := dataDir()
	if err != nil {
		log.Warn("saved destinations", "err", err)
		return nil
	}
	sd := studio.SavedDestinationsFor(dir, showPath)
	warnings, err := sd.Apply(f)
	if err != nil {
		log.Warn("saved destinations ignored", "err", err)
		return nil
	}
	for _, w := range warnings {
		log.Warn(w)
	}
	return sd
}

// loadWindowSettings reads the window's settings. A broken settings file
// is logged and the defaults used: it must never stop a show. The saved
// data location applies unless VITRINA_DATA says otherwise.
func loadWindowSettings(log *slog.Logger) windowSettings {
	path, err := ui.SettingsPath()
	if err != nil {
		log.Warn("settings", "err", err)
		return windowSettings{}
	}
	s, err := ui.LoadSettings(path)
	if err != nil {
		log.Warn("settings ignored", "err", err)
	}
	if s.DataDir != "" && os.Getenv("VITRINA_DATA") == "" {
		os.Setenv("VITRINA_DATA", s.DataDir)
	}
	return windowSettings{settings: s, path: path}
}

// runWindow plays the show in the studio window.
func runWindow(ctx context.Context, st *studio.Studio, f *show.File, c show.Catalog, showPath, recordPath string, win windowSettings, stores *runStores, log *slog.Logger) error {
	opts := ui.Options{
		Title: showName(f, showPath), Layout: f.Canvases()[0].Layout, RecordPath: recordPath, Currency: f.Show.Currency,
		Seller: st, Settings: win.settings, SettingsPath: win.path, Demo: showPath == "", Logger: log,
	}
	if ks, err := stores.Keys(); err == nil {
		opts.Keys = ks // where "Add destination…" keeps stream keys
	}
	if win.saved != nil {
		opts.SavedDestinations = win.saved // for the show's next run
	}
	if c != nil {
		opts.Rundown = ui.NewCueRundown(f, c)
		if all, ok := c.(ui.Rundown); ok && len(opts.Rundown.Products()) == 0 {
			opts.Rundown = all // no cue names a product: the whole catalog, in order
		}
		opts.ProductName = productNames(chatProducts(c, f.Rundown)) // the chat's names: every variant
	}
	if opts.RecordPath == "" {
		opts.RecordPath = f.Resolve(f.Record.Path)
	}
	if opts.Demo {
		opts.NoCamera = true
		for _, src := range f.Sources {
			if src.Kind == "camera" {
				opts.NoCamera = false
			}
		}
	}
	if win.chat != nil {
		opts.Chat = win.chat // the show's chat, not the synthetic load
	}
	if v := os.Getenv("VITRINA_CHAT_LOAD"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return fmt.Errorf("%w: VITRINA_CHAT_LOAD=%q: want messages per second", errUsage, v)
		}
		opts.ChatLoad = n
	}
	return ui.Run(ctx, st, opts)
}

// writeDemoCatalog copies the embedded demo shop into the data directory, so
// the default show has products to pin; the import of an unchanged file
// changes nothing.
func writeDemoCatalog() (string, error) {
	dir, err := dataDir()
	if err != nil {
		return "", err
	}
	dir = filepath.Join(dir, "demo-catalog")
	if err := os.CopyFS(dir, assets.DemoCatalog()); err != nil && !errors.Is(err, fs.ErrExist) {
		return "", err
	}
	return filepath.Join(dir, "demo.csv"), nil
}
