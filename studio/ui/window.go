// Package ui is the studio window, the only package that imports fyne. It
// drives the engine through commands and applies the engine's events to
// its widgets with fyne.Do, as fyne's terminal and calculator do: each pane
// is built by a constructor that takes a small engine interface and keeps
// its widgets in fields, so tests can tap them with fyne's test driver.
package ui

import (
	"context"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/vitrina-live/vitrina/studio"
)

// Window is the studio window's content: every pane, and the goroutines
// that feed them from the engine.
type Window struct {
	// Preview is the first canvas's preview: the only one in a show of one
	// canvas, and Canvases[0].Pane in a show of several.
	Preview *PreviewPane
	// Canvases are the previews side by side when the show has several
	// canvases; nil when it has one.
	Canvases     []*CanvasPreview
	Scenes       *ScenePane
	Audio        *AudioPane
	Destinations *DestinationsPane
	Rundown      *RundownPane
	Chat         *ChatPane
	Status       *StatusBar
	SettingsBtn  *widget.Button
	HelpBtn      *widget.Button
	Content      fyne.CanvasObject

	eng Engine
	// firstCanvas is the first canvas's id: the scene bar follows its
	// layout events; "" when the engine names none.
	firstCanvas string
	panes       []*PreviewPane // Preview, or each canvas's
	win         fyne.Window
	opts        Options
	log         *slog.Logger
	runCmd      Commands

	settingsDialog *SettingsDialog // the last one opened

	events, chat latency     // engine event → widget, chat message → list
	ready        atomic.Bool // the window is up: its first preview frame is shown

	evIn   *batch[studio.Event]
	frames *pacer

	mu     sync.Mutex
	levels map[string]float64 // newest meter reading not yet shown
	clock  *tick              // newest clock tick not yet shown

	ctx      context.Context
	cancel   context.CancelFunc
	wg       sync.WaitGroup
	stopOnce sync.Once
	unsub    func()
}

// New builds the window's content for eng on win (a test window works) and
// binds the shortcuts; Start connects it to the engine.
func New(win fyne.Window, eng Engine, opts Options) *Window {
	opts.defaults()
	w := &Window{eng: eng, win: win, opts: opts, log: opts.Logger}
	w.ctx, w.cancel = context.WithCancel(context.Background())
	w.evIn = newBatch(w.applyEvents)
	w.frames = newPacer(frameEvery, w.frame)
	run := opts.run
	if run == nil {
		run = w.commands()
	}
	w.runCmd = run
	winFn := func() fyne.Window { return w.win }

	infos := eng.Canvases()
	if len(infos) > 0 {
		w.firstCanvas = infos[0].ID
	}
	w.Canvases = newCanvasPreviews(eng, infos, opts.PreviewSize, w.log)
	for _, c := range w.Canvases {
		w.panes = append(w.panes, c.Pane)
	}
	if len(w.panes) == 0 {
		w.panes = []*PreviewPane{NewPreviewPane(eng, opts.PreviewSize)}
	}
	w.Preview = w.panes[0]
	for _, p := range w.panes {
		p.kick = w.frames.kick
	}
	w.Scenes = NewScenePane(eng, opts.Layout, run)
	w.Scenes.useCanvases(infos)
	w.Audio = NewAudioPane(eng, run)
	w.Destinations = NewDestinationsPane(eng, opts.RecordPath, run)
	w.Destinations.ShowCanvases(infos)
	w.Destinations.enableAdd(winFn, opts.Keys, infos)
	w.Destinations.saver = opts.SavedDestinations
	w.Rundown = NewRundownPane(opts.Seller, opts.Rundown, opts.Currency, run, winFn)
	w.Chat = NewChatPane(opts.Chat, run, winFn, nil)
	w.Chat.ProductName = firstName(opts.ProductName, w.Rundown.TitleOf)
	w.Chat.kick = w.frames.kick
	if pin, ok := eng.(CommentPinner); ok {
		w.Chat.pinner = pin
		w.Chat.updateButtons()
	}
	w.Status = NewStatusBar()
	w.SettingsBtn = widget.NewButtonWithIcon(tr("Settings"), theme.SettingsIcon(), w.ShowSettings)
	w.HelpBtn = widget.NewButtonWithIcon(tr("Shortcuts"), theme.HelpIcon(), w.ShowHelp)
	guide := widget.NewButtonWithIcon(tr("Guide"), theme.InfoIcon(), func() { w.ShowGuide() })

	title := widget.NewLabelWithStyle(opts.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	toolbar := container.NewHBox(title, layout.NewSpacer(), guide, w.HelpBtn, w.SettingsBtn)
	screen := previewArea(w.Preview, w.Canvases)
	controls := container.NewVBox(w.Scenes.Box, widget.NewSeparator(), w.Audio.Box, widget.NewSeparator(), w.Destinations.Box)
	center := container.NewBorder(nil, controls, nil, nil, screen)
	left := container.NewHSplit(w.Rundown.Box, center)
	left.Offset = 0.2
	all := container.NewHSplit(left, w.Chat.Box)
	all.Offset = 0.74
	w.Content = container.NewBorder(toolbar, container.NewVBox(widget.NewSeparator(), w.Status.Box), nil, nil, all)
	if win != nil {
		w.installShortcuts(win.Canvas())
	}
	return w
}

// commands runs engine commands for the panes and puts their errors in
// the status bar.
func (w *Window) commands() Commands {
	return func(cmd func(ctx context.Context) error) {
		go func() {
			ctx, cancel := context.WithTimeout(w.ctx, commandTimeout)
			defer cancel()
			if err := cmd(ctx); err != nil && w.ctx.Err() == nil {
				w.log.Warn("command failed", "err", err)
				fyne.Do(func() { w.Status.Say(oneLine(err.Error())) })
			}
		}()
	}
}

// Start subscribes to the engine's events, preview, levels and chat.
func (w *Window) Start() {
	events, unsub := w.eng.Subscribe()
	w.unsub = unsub
	w.wg.Add(2)
	go w.pumpEvents(events)
	go w.tick()
	for i, p := range w.previews() {
		p.onShown = w.previewShown(i)
		p.Start()
	}
	w.Chat.Start()
}

// Stop lets go of the engine; it is safe to call more than once.
func (w *Window) Stop() {
	w.stopOnce.Do(func() {
		w.cancel()
		if w.unsub != nil {
			w.unsub()
		}
		for _, p := range w.previews() {
			p.Stop()
		}
		w.Chat.Stop()
		w.wg.Wait()
	})
}

func (w *Window) pumpEvents(events <-chan studio.Event) {
	defer w.wg.Done()
	for {
		select {
		case ev, ok := <-events:
			if !ok {
				return
			}
			w.evIn.add(ev)
		case <-w.ctx.Done():
			return
		}
	}
}

// applyEvents applies a batch of events and notes how long each took to
// get here. Samples start once the window is up: the first second, while
// fonts load and the window maps, is not the steady state being measured.
func (w *Window) applyEvents(evs []studio.Event) {
	for _, ev := range evs {
		w.Apply(ev)
	}
	if !w.ready.Load() {
		return
	}
	now := time.Now()
	for _, ev := range evs {
		if !ev.Time.IsZero() {
			w.events.add(now.Sub(ev.Time))
		}
	}
}

// Apply puts one engine event on the widgets; it runs on the UI goroutine.
func (w *Window) Apply(ev studio.Event) {
	switch ev.Kind {
	case studio.EventStarted:
		w.Status.Started(ev.Time)
		w.Destinations.ApplyRecording("recording", nil)
	case studio.EventLayout:
		for _, c := range w.Canvases {
			if c.ID == ev.Canvas {
				c.setLayout(ev.Subject)
			}
		}
		// The scene bar shows the first canvas: a layout cue for another
		// one (the vertical picture's rail) must not light up its buttons.
		// With a choice of canvas, it follows the one chosen.
		if w.Scenes.Target != nil && ev.Canvas != "" {
			w.Scenes.ApplyCanvas(ev.Canvas, ev.Subject, ev.State)
		} else if ev.Canvas == "" || w.firstCanvas == "" || ev.Canvas == w.firstCanvas {
			w.Scenes.Apply(ev.Subject, ev.State)
		}
	case studio.EventOutputState:
		w.Destinations.ApplyOutput(ev)
	case studio.EventDestination:
		w.Destinations.ApplyDestination(ev.Subject, ev.State, ev.Canvas)
	case studio.EventStats:
		w.Destinations.ApplyStats(ev.Stats.Destinations)
		w.Status.ApplyStats(ev.Stats)
	case studio.EventAudio:
		w.Audio.Apply(ev.Subject, ev.State)
	case studio.EventViewers:
		w.Status.SetViewers(ev.Viewers)
	case EventSelling:
		if ev.Subject == "flash_sale" {
			w.Rundown.ApplySale(ev.Selling)
		}
		w.Rundown.Apply(ev.Subject, ev.State)
	case studio.EventStopped:
		w.Status.Stopped(ev.Time)
		w.Destinations.ApplyRecording("stopped", nil)
		w.Status.Say(tr("The show has ended."))
		if ev.Err != nil {
			w.Status.Say(oneLine(ev.Err.Error()))
		}
	}
}

// previews are the window's preview panes, the first canvas's first.
func (w *Window) previews() []*PreviewPane { return w.panes }

// Latency reports the delays from engine events and chat messages to their
// widgets so far.
func (w *Window) Latency() (events, chat Latency) { return w.events.summary(), w.chat.summary() }
