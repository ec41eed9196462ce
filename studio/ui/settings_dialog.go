package ui

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/vitrina-live/vitrina/studio/capture"
)

// Video sizes the settings offer: landscape for YouTube and Facebook,
// portrait for the phone-first shopping apps.
var videoSizes = []string{"1280x720", "1920x1080", "854x480", "720x1280", "1080x1920"}

var frameRates = []string{"24", "25", "30", "50", "60"}

// SettingsDialog edits Settings; everything in it applies at the next start.
type SettingsDialog struct {
	Size, FPS, Encoder, Camera, Mic, Theme, Language *widget.Select
	DataDir                                          *widget.Entry
	dialog                                           dialog.Dialog
}

// DeviceLister lists cameras and microphones: capture.ListDevices.
type DeviceLister func() ([]capture.Device, error)

// ShowSettings opens the settings dialog on win; save is called with the
// new settings when the user saves. Devices are listed through run, off
// the UI goroutine: probing cameras must never hold up the window.
func ShowSettings(win fyne.Window, cur Settings, save func(Settings), list DeviceLister, run Commands) *SettingsDialog {
	d := &SettingsDialog{}
	d.Size = widget.NewSelect(videoSizes, nil)
	d.Size.SetSelected(sizeText(cur.Width, cur.Height, "1280x720"))
	d.FPS = widget.NewSelect(frameRates, nil)
	d.FPS.SetSelected(strconv.Itoa(orInt(cur.FPS, 30)))
	d.Encoder = widget.NewSelect(detectEncoders(), nil)
	d.Encoder.SetSelected(orString(cur.Encoder, "auto"))
	first, none := tr("First found"), tr("None (test tone)")
	d.Camera = widget.NewSelect(withChosen([]string{first}, cur.Camera), nil)
	d.Camera.SetSelected(orString(cur.Camera, first))
	d.Mic = widget.NewSelect(withChosen([]string{none}, cur.Mic), nil)
	d.Mic.SetSelected(orString(cur.Mic, none))
	var themes []string
	for _, t := range OverlayThemes {
		themes = append(themes, t.Name)
	}
	d.Theme = widget.NewSelect(themes, nil)
	d.Theme.SetSelected(orString(cur.Theme, "amber"))
	system := tr("Follow the system")
	langs := []string{system}
	for _, l := range Languages {
		langs = append(langs, l.Name)
	}
	d.Language = widget.NewSelect(langs, nil)
	d.Language.SetSelected(system)
	for _, l := range Languages {
		if l.Code == cur.Language {
			d.Language.SetSelected(l.Name)
		}
	}
	d.DataDir = widget.NewEntry()
	d.DataDir.SetText(cur.DataDir)
	d.DataDir.SetPlaceHolder(tr("default (VITRINA_DATA or ~/.local/share/vitrina)"))
	browse := widget.NewButton(tr("Choose…"), func() {
		dialog.ShowFolderOpen(func(u fyne.ListableURI, err error) {
			if err == nil && u != nil {
				d.DataDir.SetText(u.Path())
			}
		}, win)
	})
	if list == nil {
		list = capture.ListDevices
	}
	run.orDefault()(func(context.Context) error { return d.listDevices(list) })

	restart := widget.NewLabel(tr("Changes take effect the next time Vitrina starts. Video and devices apply to the default show; a show file keeps its own."))
	restart.Wrapping = fyne.TextWrapWord
	restart.Importance = widget.WarningImportance
	form := widget.NewForm(
		widget.NewFormItem(tr("Video size"), d.Size),
		widget.NewFormItem(tr("Frame rate"), d.FPS),
		widget.NewFormItem(tr("Encoder"), d.Encoder),
		widget.NewFormItem(tr("Camera"), d.Camera),
		widget.NewFormItem(tr("Microphone"), d.Mic),
		widget.NewFormItem(tr("Overlay theme"), d.Theme),
		widget.NewFormItem(tr("Interface language"), d.Language),
		widget.NewFormItem(tr("Data location"), container.NewBorder(nil, nil, nil, browse, d.DataDir)),
	)
	d.dialog = dialog.NewCustomConfirm(tr("Settings"), tr("Save"), tr("Cancel"), container.NewVBox(form, restart), func(ok bool) {
		if ok {
			save(d.settings(cur, first, none, system))
		}
	}, win)
	d.dialog.Resize(fyne.NewSize(560, 520))
	d.dialog.Show()
	return d
}

func (d *SettingsDialog) listDevices(list DeviceLister) error {
	devs, err := list()
	if err != nil {
		return fmt.Errorf("listing devices: %w", err)
	}
	var cams, mics []string
	for _, dev := range devs {
		if dev.Kind == capture.DeviceCamera {
			cams = append(cams, dev.ID)
		} else {
			mics = append(mics, dev.ID)
		}
	}
	fyne.Do(func() {
		for _, c := range cams {
			d.Camera.Options = withChosen(d.Camera.Options, c)
		}
		d.Camera.Refresh()
		for _, m := range mics {
			d.Mic.Options = withChosen(d.Mic.Options, m)
		}
		d.Mic.Refresh()
	})
	return nil
}

// withChosen adds v to options unless it is empty or there already: a
// device saved in the settings stays selectable while it is unplugged.
func withChosen(options []string, v string) []string {
	if v == "" || slices.Contains(options, v) {
		return options
	}
	return append(options, v)
}

func (d *SettingsDialog) settings(cur Settings, first, none, system string) Settings {
	s := cur
	fmt.Sscanf(d.Size.Selected, "%dx%d", &s.Width, &s.Height)
	s.FPS, _ = strconv.Atoi(d.FPS.Selected)
	s.Encoder = strings.Fields(d.Encoder.Selected + " ")[0]
	s.Camera, s.Mic = d.Camera.Selected, d.Mic.Selected
	if s.Camera == first {
		s.Camera = ""
	}
	if s.Mic == none {
		s.Mic = ""
	}
	s.Theme = d.Theme.Selected
	s.Language = ""
	for _, l := range Languages {
		if l.Name == d.Language.Selected && d.Language.Selected != system {
			s.Language = l.Code
		}
	}
	s.DataDir = strings.TrimSpace(d.DataDir.Text)
	return s
}

// detectEncoders lists the encoder choices: auto and x264 always, and the
// hardware encoders this machine appears to have. (The encoder package
// falls back to x264 when a hardware encoder fails to open.)
func detectEncoders() []string {
	out := []string{"auto", "x264"}
	if exists("/dev/nvidia0") || exists("/proc/driver/nvidia/version") {
		out = append(out, "nvenc")
	}
	if runtime.GOOS == "darwin" {
		out = append(out, "videotoolbox")
	}
	return out
}

func exists(p string) bool { _, err := os.Stat(p); return err == nil }

func sizeText(w, h int, def string) string {
	if w > 0 && h > 0 {
		return fmt.Sprintf("%dx%d", w, h)
	}
	return def
}

func orInt(v, def int) int {
	if v == 0 {
		return def
	}
	return v
}

func orString(v, def string) string {
	if v == "" {
		return def
	}
	return v
}
