package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"github.com/vitrina-live/vitrina/studio/output"
)

// Chip is a small coloured state label: LIVE in red, CONNECTING in amber.
type Chip struct {
	Text  *canvas.Text
	Box   *fyne.Container
	rect  *canvas.Rectangle
	state string
}

// Colours by state; live is red, as on every broadcast tally light.
var chipColors = map[string]color.NRGBA{
	string(output.Idle):         {0x55, 0x5b, 0x66, 0xff},
	string(output.Connecting):   {0xc8, 0x8a, 0x00, 0xff},
	string(output.Live):         {0xd3, 0x2f, 0x2f, 0xff},
	string(output.Reconnecting): {0xe0, 0x6c, 0x00, 0xff},
	string(output.Failed):       {0x8e, 0x24, 0xaa, 0xff},
	string(output.Stopped):      {0x55, 0x5b, 0x66, 0xff},
	"rec":                       {0xd3, 0x2f, 0x2f, 0xff},
}

func newChip() *Chip {
	c := &Chip{rect: canvas.NewRectangle(chipColors[string(output.Idle)])}
	c.rect.CornerRadius = 4
	c.Text = canvas.NewText("", color.White)
	c.Text.TextStyle = fyne.TextStyle{Bold: true}
	c.Text.TextSize = theme.TextSize() * 0.85
	c.Text.Alignment = fyne.TextAlignCenter
	pad := canvas.NewRectangle(color.Transparent)
	pad.SetMinSize(fyne.NewSize(110, 22))
	c.Box = container.NewStack(pad, c.rect, container.NewCenter(c.Text))
	return c
}

// Set shows state (an output.State, or "rec") with its words.
func (c *Chip) Set(state, text string) {
	if c.state == state && c.Text.Text == text {
		return
	}
	c.state = state
	col, ok := chipColors[state]
	if !ok {
		col = chipColors[string(output.Idle)]
	}
	c.rect.FillColor = col
	c.rect.Refresh()
	c.Text.Text = text
	c.Text.Refresh()
}

// State is the state the chip shows.
func (c *Chip) State() string { return c.state }

// stateText is a destination state in the user's words.
func stateText(s output.State) string {
	switch s {
	case output.Idle:
		return tr("OFF AIR")
	case output.Connecting:
		return tr("CONNECTING")
	case output.Live:
		return tr("LIVE")
	case output.Reconnecting:
		return tr("RECONNECTING")
	case output.Failed:
		return tr("FAILED")
	case output.Stopped:
		return tr("STOPPED")
	}
	return string(s)
}
