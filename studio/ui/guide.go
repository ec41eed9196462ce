package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// ShowGuide opens the one-screen guide of the first run. It never blocks
// the show: the program runs and records behind it.
func (w *Window) ShowGuide() {
	if w.win == nil {
		return
	}
	var lines []string
	if w.opts.Demo {
		if w.opts.NoCamera {
			lines = append(lines, tr("No camera was found, so this is the demo show: two test-pattern cameras and a test tone."))
		} else {
			lines = append(lines, tr("This is the demo show: your camera as the wide shot, a test-pattern close-up and a test tone."))
		}
	}
	if w.opts.RecordPath != "" {
		lines = append(lines, tr("It is recording to {{.Path}}", map[string]any{"Path": w.opts.RecordPath}))
	}
	lines = append(lines,
		tr("Scenes: click a camera, or press 1–4, to cut to it. The layout buttons (Ctrl+1–4) switch between single, picture in picture, side by side and 2×2."),
		tr("Destinations: Go live on each one, or everywhere at once (Ctrl+G). Stream keys are stored with `vitrina keys set NAME`."),
		tr("Rundown and chat: pin products, start flash sales and moderate chat from the side panes."),
		tr("Settings pick the camera, microphone, video size, overlay theme and language. F1 lists every shortcut."),
	)
	box := container.NewVBox()
	for _, l := range lines {
		lbl := widget.NewLabel(l)
		lbl.Wrapping = fyne.TextWrapWord
		box.Add(lbl)
	}
	again := widget.NewCheck(tr("Do not show this again"), nil)
	again.SetChecked(true)
	box.Add(again)
	d := dialog.NewCustom(tr("Welcome to Vitrina"), tr("Start"), box, w.win)
	d.SetOnClosed(func() {
		if again.Checked && !w.opts.Settings.GuideSeen {
			w.opts.Settings.GuideSeen = true
			w.saveSettings(w.opts.Settings)
		}
	})
	d.Resize(fyne.NewSize(620, 440))
	d.Show()
}

// ShowSettings opens the settings dialog and saves what the user chose.
func (w *Window) ShowSettings() {
	if w.win == nil {
		return
	}
	w.settingsDialog = ShowSettings(w.win, w.opts.Settings, func(s Settings) {
		w.opts.Settings = s
		w.saveSettings(s)
		w.Status.Say(tr("Settings saved; they apply at the next start."))
	}, w.opts.Devices, w.runCmd)
}

func (w *Window) saveSettings(s Settings) {
	if w.opts.SettingsPath == "" {
		return
	}
	if err := s.Save(w.opts.SettingsPath); err != nil {
		w.log.Warn("settings not saved", "err", err)
		w.Status.Say(oneLine(err.Error()))
	}
}
