package ui

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/vitrina-live/vitrina/studio"
)

// StatusBar is the bottom line: the show timer, viewers, CPU, dropped and
// skipped frames, the preview's frame rate and the last message.
type StatusBar struct {
	Timer   *widget.Label
	Viewers *widget.Label
	CPU     *widget.Label
	Frames  *widget.Label
	Preview *widget.Label
	Message *widget.Label
	Box     fyne.CanvasObject

	started time.Time
	ended   time.Time
	cpu     cpuMeter
	fps     fpsMeter
}

// NewStatusBar builds the status bar; it reads nothing until it is told.
func NewStatusBar() *StatusBar {
	b := &StatusBar{
		Timer:   widget.NewLabelWithStyle("00:00:00", fyne.TextAlignLeading, fyne.TextStyle{Monospace: true}),
		Viewers: widget.NewLabel(tr("viewers —")),
		CPU:     widget.NewLabel(tr("CPU —")),
		Frames:  widget.NewLabel(""),
		Preview: widget.NewLabel(""),
		Message: widget.NewLabel(""),
	}
	b.Message.Truncation = fyne.TextTruncateEllipsis
	b.Frames.SetText(framesText(studio.Stats{}))
	b.Box = container.NewBorder(nil, nil,
		container.NewHBox(b.Timer, widget.NewSeparator(), b.Viewers, widget.NewSeparator(), b.CPU,
			widget.NewSeparator(), b.Frames, widget.NewSeparator(), b.Preview, widget.NewSeparator()),
		nil, b.Message)
	return b
}

// Started starts the show timer at t.
func (b *StatusBar) Started(t time.Time) { b.started, b.ended = t, time.Time{} }

// Stopped stops the timer at t.
func (b *StatusBar) Stopped(t time.Time) { b.ended = t }

// SetViewers shows the viewer count: the relay's viewers.count, which the
// engine passes on as EventViewers.
func (b *StatusBar) SetViewers(n int) {
	if t := tr("viewers {{.N}}", map[string]any{"N": n}); b.Viewers.Text != t {
		b.Viewers.SetText(t)
	}
}

// Say shows a short message, such as a command's error.
func (b *StatusBar) Say(msg string) {
	if b.Message.Text != msg {
		b.Message.SetText(msg)
	}
}

// ApplyStats follows the engine's counters.
func (b *StatusBar) ApplyStats(st studio.Stats) {
	if t := framesText(st); b.Frames.Text != t {
		b.Frames.SetText(t)
	}
}

func framesText(st studio.Stats) string {
	return tr("dropped {{.D}} · skipped {{.S}}", map[string]any{"D": st.Dropped, "S": st.SkippedFrames})
}

// Tick updates the timer, the CPU and the preview's rate; the window calls
// it once a second on the UI goroutine with the preview's frame count.
func (b *StatusBar) Tick(now time.Time, previewFrames int64) {
	b.Timer.SetText(clock(b.elapsed(now)))
	if pct, ok := b.cpu.percent(now); ok {
		b.CPU.SetText(tr("CPU {{.P}}%", map[string]any{"P": fmt.Sprintf("%.0f", pct)}))
	}
	b.Preview.SetText(tr("preview {{.F}} fps", map[string]any{"F": fmt.Sprintf("%.0f", b.fps.rate(previewFrames, now))}))
}

func (b *StatusBar) elapsed(now time.Time) time.Duration {
	switch {
	case b.started.IsZero():
		return 0
	case !b.ended.IsZero():
		return b.ended.Sub(b.started)
	}
	return now.Sub(b.started)
}

func clock(d time.Duration) string {
	s := int(d.Seconds())
	return fmt.Sprintf("%02d:%02d:%02d", s/3600, s/60%60, s%60)
}
