package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// Shortcut is one keyboard shortcut. Keys without a modifier act only while
// no text field has the focus, so typing a reply never cuts the camera.
type Shortcut struct {
	Key  fyne.KeyName
	Mod  fyne.KeyModifier
	Name string // what it does, translated
	Run  func()
}

// Label is the shortcut as the help dialog prints it: "Ctrl+2".
func (s Shortcut) Label() string {
	var parts []string
	if s.Mod&fyne.KeyModifierControl != 0 {
		parts = append(parts, "Ctrl")
	}
	if s.Mod&fyne.KeyModifierSuper != 0 {
		parts = append(parts, "⌘")
	}
	if s.Mod&fyne.KeyModifierAlt != 0 {
		parts = append(parts, "Alt")
	}
	if s.Mod&fyne.KeyModifierShift != 0 {
		parts = append(parts, "Shift")
	}
	return strings.Join(append(parts, string(s.Key)), "+")
}

var numberKeys = []fyne.KeyName{fyne.Key1, fyne.Key2, fyne.Key3, fyne.Key4}

// Shortcuts lists every shortcut of the window, in the help's order.
func (w *Window) Shortcuts() []Shortcut {
	ctrl := fyne.KeyModifierShortcutDefault
	var out []Shortcut
	for i, k := range numberKeys {
		out = append(out, Shortcut{k, 0, tr("Cut to source {{.N}}", map[string]any{"N": i + 1}), func() { w.Scenes.CutTo(i + 1) }})
	}
	for i, k := range numberKeys {
		out = append(out, Shortcut{k, fyne.KeyModifierAlt, tr("Fade to source {{.N}}", map[string]any{"N": i + 1}), func() {
			if i < len(w.Scenes.ids) {
				w.Scenes.cutWith(w.Scenes.ids[i], "fade")
			}
		}})
	}
	names := []string{tr("Layout: single"), tr("Layout: picture in picture"), tr("Layout: side by side"), tr("Layout: 2×2")}
	for i, k := range numberKeys {
		out = append(out, Shortcut{k, ctrl, names[i], func() { w.Scenes.SetLayout(layoutKinds[i]) }})
	}
	out = append(out,
		Shortcut{fyne.KeyG, ctrl, tr("Go live everywhere"), w.Destinations.GoLiveAll},
		Shortcut{fyne.KeyG, ctrl | fyne.KeyModifierShift, tr("Stop all destinations"), w.Destinations.StopEverything},
		Shortcut{fyne.KeyR, ctrl, tr("Stop or start the recording"), w.Destinations.ToggleRecording},
		Shortcut{fyne.KeyP, ctrl, tr("Pin the selected product"), w.Rundown.PinSelected},
		Shortcut{fyne.KeyU, ctrl, tr("Unpin"), w.Rundown.UnpinNow},
		Shortcut{fyne.KeyN, ctrl, tr("Pin the next product"), w.Rundown.PinNext},
		Shortcut{fyne.KeyF, ctrl, tr("Start a flash sale"), w.Rundown.AskFlashSale},
		Shortcut{fyne.KeyD, ctrl, tr("Drop a promo code"), w.Rundown.AskPromo},
		Shortcut{fyne.KeyA, 0, tr("Chat: approve the held message"), func() { w.Chat.ActOnSelected(ChatApprove) }},
		Shortcut{fyne.KeyX, 0, tr("Chat: delete the message"), func() { w.Chat.ActOnSelected(ChatDelete) }},
		Shortcut{fyne.KeyT, 0, tr("Chat: time the user out (10 min)"), func() { w.Chat.ActOnSelected(ChatTimeout) }},
		Shortcut{fyne.KeyB, 0, tr("Chat: ban the user"), func() { w.Chat.ActOnSelected(ChatBan) }},
		Shortcut{fyne.KeyU, 0, tr("Chat: user card"), w.Chat.ShowUserCard},
		Shortcut{fyne.KeyP, 0, tr("Chat: pin the message on the program"), func() { w.Chat.AskPin() }},
		Shortcut{fyne.KeyP, fyne.KeyModifierShift, tr("Chat: unpin the message"), w.Chat.UnpinComment},
		Shortcut{fyne.KeyR, 0, tr("Chat: reply to the message"), func() { w.Chat.AskReply() }},
		Shortcut{fyne.KeyJ, 0, tr("Chat: next message"), func() { w.Chat.Move(1) }},
		Shortcut{fyne.KeyK, 0, tr("Chat: previous message"), func() { w.Chat.Move(-1) }},
		Shortcut{fyne.KeyF1, 0, tr("Keyboard shortcuts"), w.ShowHelp},
		Shortcut{fyne.KeyComma, ctrl, tr("Settings"), w.ShowSettings},
	)
	return out
}

// installShortcuts binds every shortcut on the window's canvas.
func (w *Window) installShortcuts(c fyne.Canvas) {
	plain := map[fyne.KeyName]func(){}
	for _, s := range w.Shortcuts() {
		if s.Mod == 0 {
			plain[s.Key] = s.Run
			continue
		}
		c.AddShortcut(&desktop.CustomShortcut{KeyName: s.Key, Modifier: s.Mod}, func(fyne.Shortcut) { s.Run() })
	}
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) {
		if run, ok := plain[ev.Name]; ok {
			run()
		}
	})
}

// ShowHelp lists the shortcuts.
func (w *Window) ShowHelp() {
	if w.win == nil {
		return
	}
	grid := container.NewGridWithColumns(2)
	for _, s := range w.Shortcuts() {
		grid.Add(widget.NewLabelWithStyle(s.Label(), fyne.TextAlignTrailing, fyne.TextStyle{Monospace: true}))
		grid.Add(widget.NewLabel(s.Name))
	}
	d := dialog.NewCustom(tr("Keyboard shortcuts"), tr("Close"), container.NewVScroll(grid), w.win)
	d.Resize(fyne.NewSize(640, 620))
	d.Show()
}

func (s Shortcut) String() string { return fmt.Sprintf("%s: %s", s.Label(), s.Name) }
