package ui

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"runtime"
	"strings"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/lang"

	"github.com/vitrina-live/vitrina/studio"
	"github.com/vitrina-live/vitrina/studio/media"
	"github.com/vitrina-live/vitrina/studio/show"
)

// Options are what the window knows besides the engine.
type Options struct {
	Title      string      // the show's title, shown in the title bar
	Layout     show.Layout // the show's starting layout
	RecordPath string      // where it records, "" when it does not
	Currency   string      // prices in the rundown

	// The panes that other parts of the studio will feed; nil shows the
	// pane with a word on what it is waiting for.
	Seller  Seller
	Rundown Rundown
	Chat    ChatFeed
	// ProductName names the products the chat's messages ask about
	// (every variant: "Linen shirt, L") in the chat's interest strip; ""
	// for one it does not know, which the rundown's title then names.
	ProductName func(ref string) string

	Settings     Settings
	SettingsPath string // where to save them; "" does not save
	// Demo is set when the embedded default show runs; NoCamera when no
	// camera was found for it. The first-run guide says so.
	Demo, NoCamera bool

	// ChatLoad, when positive, feeds the chat pane this many synthetic
	// messages a second (with no other chat): a load test of the window.
	ChatLoad int

	// Devices lists cameras and microphones for the settings; default
	// capture.ListDevices.
	Devices DeviceLister

	// Keys stores the stream key of a destination added in the window
	// (*keys.Store: the OS keyring or a 0600 file); nil adds none.
	Keys KeyStore
	// SavedDestinations keeps the destinations added, edited or removed in
	// the window for the show's next run; nil keeps them for this run only.
	SavedDestinations DestinationSaver

	Logger      *slog.Logger
	PreviewSize media.Size // default 640x360
	WindowSize  fyne.Size  // default 1600x900

	// run replaces the window's command runner; tests run commands inline.
	run Commands
}

func (o *Options) defaults() {
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if o.PreviewSize == (media.Size{}) {
		o.PreviewSize = media.Size{W: 640, H: 360}
	}
	if o.WindowSize.IsZero() {
		o.WindowSize = fyne.NewSize(1600, 900)
	}
	if o.Title == "" {
		o.Title = "Vitrina"
	}
	if o.Chat == nil && o.ChatLoad > 0 {
		o.Chat = NewLoadFeed(o.ChatLoad)
	}
}

const appID = "live.vitrina.studio"

// ErrNoDisplay: there is no screen to open the window on.
var ErrNoDisplay = errors.New("no display for the studio window (DISPLAY is not set); run with --headless")

// CheckDisplay reports whether there is a screen to open the window on,
// so a command can say so before it builds a show.
func CheckDisplay() error {
	if runtime.GOOS != "windows" && runtime.GOOS != "darwin" && os.Getenv("DISPLAY") == "" {
		return ErrNoDisplay
	}
	return nil
}

// Run opens the studio window and plays prog in it until the window is
// closed, ctx ends or the show ends by itself (--for), then lets the
// engine finish its recordings and returns the engine's error. It must be
// called on the main goroutine: that is where the OS delivers window events.
func Run(ctx context.Context, prog Program, opts Options) error {
	if err := CheckDisplay(); err != nil {
		return err
	}
	code := os.Getenv("VITRINA_LANG")
	if code == "" {
		code = opts.Settings.Language
	}
	if err := UseLanguage(code); err != nil {
		return fmt.Errorf("%w: VITRINA_LANG or the language setting: %v", studio.ErrBadInput, err)
	}
	opts.defaults()
	opts.Logger.Info("studio window", "language", lang.SystemLocale().LanguageString(), "go_live", tr("Go live"))
	// Every widget change here goes through fyne.Do, so fyne may skip its
	// thread check, which takes a stack trace on every Refresh.
	app.SetMetadata(fyne.AppMetadata{ID: appID, Name: "Vitrina", Migrations: map[string]bool{"fyneDo": true}})
	a := app.NewWithID(appID)
	win := a.NewWindow(opts.Title + " — Vitrina")
	w := New(win, prog, opts)
	win.SetContent(w.Content)
	win.Resize(w.opts.WindowSize)
	win.SetMaster()

	w.Start() // subscribed before the show starts, so no event is missed
	runCtx, stopShow := context.WithCancel(ctx)
	defer stopShow()
	// Quit once: after the first the GL library is gone, and a second
	// (the show ending after Ctrl-C already closed the window) would panic.
	var quitting atomic.Bool
	quit := func() {
		if quitting.CompareAndSwap(false, true) {
			fyne.Do(a.Quit)
		}
	}
	errc := make(chan error, 1)
	go func() {
		err := prog.Run(runCtx)
		errc <- err
		quit() // the show ended by itself: the process ends as headless would
	}()
	closed := make(chan struct{})
	go func() {
		select {
		case <-runCtx.Done(): // Ctrl-C in the terminal
			quit()
		case <-closed:
		}
	}()
	if !opts.Settings.GuideSeen {
		w.ShowGuide()
	}
	win.ShowAndRun()
	quitting.Store(true) // the window is closed: nothing may quit it again
	close(closed)

	w.Stop()
	stopShow()
	err := <-errc
	ev, chat := w.Latency()
	w.log.Info("ui responsiveness", "event_to_widget", ev.String(), "chat_to_list", chat.String(),
		"preview_frames", w.Preview.Shown(), "preview_received", w.Preview.Received(),
		"preview_fps", fmt.Sprintf("%.1f", w.Preview.Rate()), "canvas_fps", w.canvasRates())
	return err
}

// canvasRates is each canvas preview's frame rate, "horizontal=21.0
// vertical=20.5"; "" with one canvas.
func (w *Window) canvasRates() string {
	var parts []string
	for _, c := range w.Canvases {
		parts = append(parts, fmt.Sprintf("%s=%.1f", c.ID, c.Pane.Rate()))
	}
	return strings.Join(parts, " ")
}
