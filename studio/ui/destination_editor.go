package ui

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/vitrina-live/vitrina/studio"
	"github.com/vitrina-live/vitrina/studio/output"
	"github.com/vitrina-live/vitrina/studio/service"
	"github.com/vitrina-live/vitrina/studio/show"
)

// addContext is what the editor needs beyond the pane: the window to open
// its dialog on, where keys go, and the show's canvases.
type addContext struct {
	win      func() fyne.Window
	keys     KeyStore
	canvases []studio.CanvasInfo
}

// enableAdd gives the pane what its "Add destination…" editor needs.
func (p *DestinationsPane) enableAdd(win func() fyne.Window, keys KeyStore, canvases []studio.CanvasInfo) {
	p.add = addContext{win: win, keys: keys, canvases: canvases}
}

// DestinationEditor is the "Add destination…" dialog: a platform preset,
// an id, the ingest URL (the preset's, editable), the canvas when the show
// has several, and the stream key, which goes to the key store and is never
// shown again.
type DestinationEditor struct {
	Preset *widget.Select
	ID     *widget.Entry
	URL    *widget.Entry
	Canvas *widget.Select // nil with one canvas
	Key    *widget.Entry  // password entry
	Where  *widget.Label  // where the key will be kept
	Error  *widget.Label
	Save   *widget.Button
	Cancel *widget.Button

	pane *DestinationsPane
	dlg  dialog.Dialog
	auto bool // the name is the preset's, not typed: a new preset replaces it
}

// KeyName is the key store's name for a destination's stream key.
func KeyName(id string) string { return "dest-" + id }

var destIDPattern = regexp.MustCompile(`^[A-Za-z0-9._-]{1,59}$`)

// ShowAdd opens the editor for a new destination.
func (p *DestinationsPane) ShowAdd() { p.NewEditor().Show() }

// NewEditor builds the editor without showing it.
func (p *DestinationsPane) NewEditor() *DestinationEditor {
	e := &DestinationEditor{pane: p}
	e.ID = widget.NewEntry()
	e.ID.OnChanged = func(string) { e.auto = false } // typed by the user: kept
	e.ID.SetPlaceHolder("youtube-main")
	e.URL = widget.NewEntry()
	e.URL.SetPlaceHolder("rtmp://host/app")
	e.Key = widget.NewPasswordEntry()
	e.Key.SetPlaceHolder(tr("stream key or token"))
	e.Error = widget.NewLabel("")
	e.Error.Importance = widget.DangerImportance
	e.Error.Wrapping = fyne.TextWrapWord
	e.Error.Hide()
	where := tr("This show only: no key store is open")
	if p.add.keys != nil {
		where = tr("The key is kept in: {{.W}}", map[string]any{"W": p.add.keys.Where()})
	}
	e.Where = widget.NewLabel(where)
	e.Where.Wrapping = fyne.TextWrapWord
	e.Preset = widget.NewSelect(service.Names(), func(name string) {
		pr, err := service.Lookup(name)
		if err != nil {
			return
		}
		e.URL.SetText(pr.URL)
		e.URL.SetPlaceHolder(pr.Note)
		if e.ID.Text == "" || e.auto {
			e.ID.SetText(p.freeID(pr.Name))
			e.auto = true
		}
	})
	items := []*widget.FormItem{
		widget.NewFormItem(tr("Platform"), e.Preset),
		widget.NewFormItem(tr("Name"), e.ID),
		widget.NewFormItem(tr("Server URL"), e.URL),
	}
	if cs := p.add.canvases; len(cs) > 1 {
		var ids []string
		for _, c := range cs {
			ids = append(ids, c.ID)
		}
		e.Canvas = widget.NewSelect(ids, nil)
		e.Canvas.SetSelected(ids[0])
		items = append(items, widget.NewFormItem(tr("Canvas"), e.Canvas))
	}
	items = append(items, widget.NewFormItem(tr("Stream key"), e.Key))
	e.Preset.SetSelected(service.Names()[0])
	e.Save = widget.NewButton(tr("Add"), e.save)
	e.Save.Importance = widget.HighImportance
	e.Cancel = widget.NewButton(tr("Cancel"), e.close)
	body := container.NewVBox(widget.NewForm(items...), e.Where, e.Error)
	buttons := container.NewHBox(e.Cancel, e.Save)
	if w := p.window(); w != nil {
		e.dlg = dialog.NewCustomWithoutButtons(tr("Add destination"), container.NewBorder(nil, container.NewCenter(buttons), nil, nil, body), w)
		e.dlg.Resize(fyne.NewSize(520, 0))
	}
	return e
}

func (p *DestinationsPane) window() fyne.Window {
	if p.add.win == nil {
		return nil
	}
	return p.add.win()
}

// freeID is base, or base-2, base-3… when a destination has that id.
func (p *DestinationsPane) freeID(base string) string {
	id := base
	for n := 2; p.Row(id) != nil; n++ {
		id = fmt.Sprintf("%s-%d", base, n)
	}
	return id
}

// Show opens the dialog.
func (e *DestinationEditor) Show() {
	if e.dlg != nil {
		e.dlg.Show()
	}
}

func (e *DestinationEditor) close() {
	e.Key.SetText("") // the key does not outlive the dialog
	if e.dlg != nil {
		e.dlg.Hide()
	}
}

func (e *DestinationEditor) fail(err error) {
	e.Error.SetText(oneLine(err.Error()))
	e.Error.Show()
}

// check is what the window can tell before asking the engine, which checks
// again as it checks a show file's destinations.
func (e *DestinationEditor) check() (show.Destination, string, error) {
	id := strings.TrimSpace(e.ID.Text)
	key := strings.TrimSpace(e.Key.Text)
	d := show.Destination{ID: id, Service: e.Preset.Selected, URL: strings.TrimSpace(e.URL.Text)}
	if e.Canvas != nil {
		d.Canvas = e.Canvas.Selected
	}
	if !destIDPattern.MatchString(id) {
		return d, "", fmt.Errorf("%s", tr("Name: use letters, digits, '.', '_' or '-'"))
	}
	if e.pane.Row(id) != nil {
		return d, "", fmt.Errorf("%s", tr("There is already a destination named {{.ID}}", map[string]any{"ID": id}))
	}
	pr, err := service.Lookup(d.Service)
	if err != nil {
		return d, "", err
	}
	u, err := url.Parse(d.URL)
	if err != nil || u.Host == "" {
		return d, "", fmt.Errorf("%s", tr("Server URL is not a valid URL"))
	}
	if !pr.Accepts(u.Scheme) {
		return d, "", fmt.Errorf("%s", tr("{{.P}} takes {{.S}}, not {{.U}}://", map[string]any{"P": pr.Name, "S": strings.Join(pr.Schemes, ", "), "U": u.Scheme}))
	}
	if key == "" || strings.ContainsAny(key, " \t/") {
		return d, "", fmt.Errorf("%s", tr("Paste the stream key: one line without spaces"))
	}
	if e.pane.add.keys != nil {
		d.KeyName = KeyName(id)
	}
	return d, key, nil
}

func (e *DestinationEditor) save() {
	d, key, err := e.check()
	if err != nil {
		e.fail(err)
		return
	}
	e.Error.Hide()
	e.Save.Disable()
	p := e.pane
	adder, _ := p.eng.(DestinationAdder)
	keys := p.add.keys
	p.run(func(ctx context.Context) error {
		var err error
		if adder == nil {
			err = fmt.Errorf("%s", tr("This engine cannot add destinations"))
		} else {
			err = adder.AddDestination(ctx, d, key)
		}
		var keyErr error
		if err == nil && keys != nil {
			keyErr = keys.Set(d.KeyName, key)
		}
		fyne.Do(func() {
			e.Save.Enable()
			if err != nil {
				e.fail(err)
				return
			}
			p.added(d)
			if keyErr != nil {
				// Added for this show; the next one will not find the key.
				e.fail(fmt.Errorf("%s: %v", tr("Added for this show, but the key was not saved"), keyErr))
				e.Save.Disable()
				return
			}
			e.close()
		})
		return nil // the dialog shows the error
	})
}

// added shows a new destination's row, off air.
func (p *DestinationsPane) added(d show.Destination) {
	if p.empty != nil {
		p.rows.Remove(p.empty)
		p.empty = nil
	}
	r := p.addRow(output.Status{Name: d.ID, State: output.Idle})
	if len(p.add.canvases) > 1 {
		c := d.Canvas
		if c == "" {
			c = p.add.canvases[0].ID
		}
		r.Canvas.SetText("→ " + strings.ToUpper(c))
		r.Canvas.Show()
	}
	p.GoLive.Enable()
	p.StopAll.Enable()
}
