package ui

import (
	"image/color"
	"strings"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// chatList is one tab: the newest messages and the list showing them,
// which follows the newest unless the moderator has selected one.
type chatList struct {
	msgs     []ChatMessage
	list     *widget.List
	selected int         // -1 when none
	waiting  []time.Time // Received of the messages not yet drawn
}

func newChatList(p *ChatPane, tab int) *chatList {
	l := &chatList{selected: -1}
	l.list = widget.NewList(func() int { return len(l.msgs) }, newChatRow, func(id widget.ListItemID, o fyne.CanvasObject) {
		if id < len(l.msgs) {
			fillChatRow(o, l.msgs[id])
		}
	})
	l.list.OnSelected = func(id widget.ListItemID) { l.selected = id; p.updateButtons() }
	l.list.OnUnselected = func(widget.ListItemID) { l.selected = -1; p.updateButtons() }
	return l
}

func (l *chatList) push(m ChatMessage) {
	l.msgs = append(l.msgs, m)
	if len(l.waiting) < 4*chatKeep {
		l.waiting = append(l.waiting, m.Received)
	}
	if n := len(l.msgs); n > 2*chatKeep {
		drop := n - chatKeep
		l.msgs = append(l.msgs[:0], l.msgs[drop:]...)
		if l.selected >= 0 {
			l.selected -= drop
			if l.selected < 0 {
				l.selected = -1
				l.list.UnselectAll()
			} else {
				l.list.Select(l.selected)
			}
		}
	}
}

// refresh redraws the list and notes, in lat when set, how long each new
// message waited to be drawn.
func (l *chatList) refresh(lat *latency) {
	if lat != nil {
		now := time.Now()
		for _, t := range l.waiting {
			lat.add(now.Sub(t))
		}
	}
	l.waiting = l.waiting[:0]
	l.list.Refresh()
	if l.selected < 0 && len(l.msgs) > 0 {
		l.list.ScrollToBottom()
	}
}

// Messages are the tab's messages, oldest first.
func (l *chatList) Messages() []ChatMessage { return l.msgs }

// List is the tab's list widget.
func (l *chatList) List() *widget.List { return l.list }

func (l *chatList) remove(match func(ChatMessage) bool) bool {
	kept := l.msgs[:0]
	for _, m := range l.msgs {
		if !match(m) {
			kept = append(kept, m)
		}
	}
	changed := len(kept) != len(l.msgs)
	l.msgs = kept
	if changed {
		l.selected = -1
		l.list.UnselectAll()
		l.list.Refresh()
	}
	return changed
}

// Platform tags: short, coloured, readable at a glance.
var platformTags = map[string]struct {
	text string
	col  color.NRGBA
}{
	"relay":   {"SHOP", color.NRGBA{0xff, 0xb3, 0x00, 0xff}},
	"youtube": {"YT", color.NRGBA{0xff, 0x33, 0x33, 0xff}},
	"twitch":  {"TW", color.NRGBA{0xa9, 0x70, 0xff, 0xff}},
	"irc":     {"IRC", color.NRGBA{0x9e, 0x9e, 0x9e, 0xff}},
	"local":   {"LOC", color.NRGBA{0x9e, 0x9e, 0x9e, 0xff}},
}

// A row is three canvas.Texts (tag, badges and name, message) rather than
// labels: a label re-shapes and re-truncates its text on every refresh,
// and a busy chat refreshes every visible row many times a second.
func newChatRow() fyne.CanvasObject {
	tag := canvas.NewText("", color.White)
	tag.TextStyle = fyne.TextStyle{Bold: true}
	name := canvas.NewText("", theme.Color(theme.ColorNameForeground))
	name.TextStyle = fyne.TextStyle{Bold: true}
	text := canvas.NewText("", theme.Color(theme.ColorNameForeground))
	return container.NewHBox(tag, name, text)
}

// rowChars caps a message's length in the row; the user card shows more.
const rowChars = 120

func fillChatRow(o fyne.CanvasObject, m ChatMessage) {
	row := o.(*fyne.Container)
	tag := row.Objects[0].(*canvas.Text)
	name := row.Objects[1].(*canvas.Text)
	text := row.Objects[2].(*canvas.Text)
	t, ok := platformTags[m.Platform]
	if !ok {
		t.text, t.col = strings.ToUpper(m.Platform), color.NRGBA{0x9e, 0x9e, 0x9e, 0xff}
	}
	setText(tag, t.text, t.col)
	display := m.name()
	if b := badgeText(m.Badges); b != "" {
		display = b + " " + display
	}
	nameCol := theme.Color(theme.ColorNameForeground)
	if len(m.Badges) > 0 {
		nameCol = color.NRGBA{0x4f, 0xc3, 0xf7, 0xff}
	}
	setText(name, display, nameCol)
	body := m.Text
	if m.Action == "hold" && len(m.Rules) > 0 {
		body = "[" + strings.Join(m.Rules, ", ") + "] " + body
	}
	if utf8.RuneCountInString(body) > rowChars {
		body = string([]rune(body)[:rowChars]) + "…"
	}
	setText(text, body, theme.Color(theme.ColorNameForeground))
	// A canvas.Text does not move its neighbours when it grows, and a
	// recycled row holds another message's widths: lay the row out again.
	row.Layout.Layout(row.Objects, row.Size())
}

func setText(t *canvas.Text, s string, c color.Color) {
	if t.Text == s && t.Color == c {
		return
	}
	t.Text, t.Color = s, c
	t.Refresh()
}

// badgeShort are the badges' abbreviations.
var badgeShort = map[string]string{"moderator": "MOD", "subscriber": "SUB", "buyer": "BUY",
	"first": "NEW", "broadcaster": "HOST", "member": "SUB"}

// badgeText abbreviates badges: MOD, SUB, BUY, NEW, HOST.
func badgeText(badges []string) string {
	var out []string
	for _, b := range badges {
		if s, ok := badgeShort[b]; ok {
			out = append(out, s)
		} else if b != "" {
			out = append(out, strings.ToUpper(b))
		}
	}
	return strings.Join(out, " ")
}
