package ui

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"
)

// meterFloor is the bottom of the meters' scale: quieter reads as empty.
const meterFloor = -60.0

// AudioPane is the mixer strip: for each audio source a peak meter, a mute
// button and a gain slider.
type AudioPane struct {
	Channels []*AudioChannel
	Box      fyne.CanvasObject

	eng Mixer
	run Commands
}

// AudioChannel is one source's row.
type AudioChannel struct {
	ID    string
	Meter *widget.ProgressBar
	Mute  *widget.Button
	Gain  *widget.Slider
	muted bool
	level float64
}

// NewAudioPane builds a row per audio source of eng.
func NewAudioPane(eng Mixer, run Commands) *AudioPane {
	p := &AudioPane{eng: eng, run: run.orDefault()}
	rows := container.NewVBox(widget.NewLabelWithStyle(tr("Audio"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	for _, s := range eng.Sources() {
		if !s.Audio {
			continue
		}
		c := &AudioChannel{ID: s.ID, level: meterFloor}
		c.Meter = widget.NewProgressBar()
		c.Meter.TextFormatter = func() string { return dbText(c.level) }
		c.Mute = widget.NewButton(tr("Mute"), func() { p.SetMute(c, !c.muted) })
		c.Gain = widget.NewSlider(-30, 12)
		c.Gain.Step = 0.5
		c.Gain.OnChangeEnded = func(v float64) {
			p.run(func(ctx context.Context) error { return p.eng.SetGain(ctx, c.ID, v) })
		}
		p.Channels = append(p.Channels, c)
		name := widget.NewLabel(strings.ToUpper(s.ID))
		gain := container.NewGridWrap(fyne.NewSize(120, c.Gain.MinSize().Height), c.Gain)
		rows.Add(container.NewBorder(nil, nil, name, container.NewHBox(gain, c.Mute), c.Meter))
	}
	if len(p.Channels) == 0 {
		rows.Add(widget.NewLabel(tr("No audio sources in this show")))
	}
	p.Box = container.New(layout.NewVBoxLayout(), rows)
	return p
}

// SetMute asks the engine to mute or unmute a channel; the button follows
// once the engine has done it.
func (p *AudioPane) SetMute(c *AudioChannel, mute bool) {
	p.run(func(ctx context.Context) error {
		err := p.eng.SetMute(ctx, c.ID, mute)
		if err == nil {
			fyne.Do(func() { p.applyMute(c, mute) })
		}
		return err
	})
}

// Channel finds a row by source id.
func (p *AudioPane) Channel(id string) *AudioChannel {
	for _, c := range p.Channels {
		if c.ID == id {
			return c
		}
	}
	return nil
}

// Apply follows an audio event: State is "mute=true" or "gain=-6.0dB".
func (p *AudioPane) Apply(id, state string) {
	c := p.Channel(id)
	if c == nil {
		return
	}
	k, v, _ := strings.Cut(state, "=")
	switch k {
	case "mute":
		p.applyMute(c, v == "true")
	case "gain":
		if db, err := strconv.ParseFloat(strings.TrimSuffix(v, "dB"), 64); err == nil && c.Gain.Value != db {
			c.Gain.Value = db
			c.Gain.Refresh()
		}
	}
}

func (p *AudioPane) applyMute(c *AudioChannel, mute bool) {
	c.muted = mute
	if mute {
		c.Mute.SetText(tr("Muted"))
		c.Mute.Importance = widget.DangerImportance
	} else {
		c.Mute.SetText(tr("Mute"))
		c.Mute.Importance = widget.MediumImportance
	}
	c.Mute.Refresh()
}

// Muted reports a channel's mute state as the pane shows it.
func (c *AudioChannel) Muted() bool { return c.muted }

// ApplyLevels moves the meters to the engine's peaks (dBFS).
func (p *AudioPane) ApplyLevels(levels map[string]float64) {
	for _, c := range p.Channels {
		db, ok := levels[c.ID]
		if !ok {
			continue
		}
		if math.IsNaN(db) || db < meterFloor {
			db = meterFloor
		}
		c.level = db
		c.Meter.SetValue(1 - db/meterFloor)
	}
}

func dbText(db float64) string {
	if db <= meterFloor {
		return "−∞ dB"
	}
	return fmt.Sprintf("%.0f dB", db)
}
