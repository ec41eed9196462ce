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
	// orig is the destination being edited, as the engine has it; nil
	// for a new one.
	orig *show.Destination
}

// KeyName is the key store's name for a destination's stream key.
func KeyName(id string) string { return "dest-" + id }

var destIDPattern = regexp.MustCompile(`^[A-Za-z0-9._-]{1,59}$`)

// ShowAdd opens the editor for a new destination.
func (p *DestinationsPane) ShowAdd() { p.NewEditor().Show() }

// NewEditor builds the editor without showing it.
func (p *DestinationsPane) NewEditor() *DestinationEditor { return p.newEditor(nil) }

func (p *DestinationsPane) newEditor(orig *show.Destination) *DestinationEditor {
	e := &DestinationEditor{pane: p, orig: orig}
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
	title, save := tr("Add destination"), tr("Add")
	if orig != nil {
		e.prefill(*orig)
		title, save = tr("Edit destination"), tr("Save")
	} else {
		e.Preset.SetSelected(service.Names()[0])
	}
	e.Save = widget.NewButton(save, e.save)
	e.Save.Importance = widget.HighImportance
	e.Cancel = widget.NewButton(tr("Cancel"), e.close)
	body := container.NewVBox(widget.NewForm(items...), e.Where, e.Error)
	buttons := container.NewHBox(e.Cancel, e.Save)
	if w := p.window(); w != nil {
		e.dlg = dialog.NewCustomWithoutButtons(title, container.NewBorder(nil, container.NewCenter(buttons), nil, nil, body), w)
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
	if e.pane.Row(id) != nil && (e.orig == nil || e.orig.ID != id) {
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
	if o := e.orig; o != nil && o.Service == "" && d.Service == "custom" {
		// A show file's destination without a preset keeps its kind (WHIP
		// included); the engine checks the URL against it.
		d.Service, d.Kind = "", o.Kind
	} else if !pr.Accepts(u.Scheme) {
		return d, "", fmt.Errorf("%s", tr("{{.P}} takes {{.S}}, not {{.U}}://", map[string]any{"P": pr.Name, "S": strings.Join(pr.Schemes, ", "), "U": u.Scheme}))
	}
	if e.orig != nil && key == "" {
		// No new key: it stays where it is kept.
		d.KeyName, d.KeyEnv, d.TokenEnv = e.orig.KeyName, e.orig.KeyEnv, e.orig.TokenEnv
		return d, "", nil
	}
	if key == "" || strings.ContainsAny(key, " \t/") {
		return d, "", fmt.Errorf("%s", tr("Paste the stream key: one line without spaces"))
	}
	if e.pane.add.keys != nil {
		d.KeyName = KeyName(id)
	} else if e.orig != nil {
		// No key store: the new key is for this show only; the next
		// run finds the one the destination named.
		d.KeyName, d.KeyEnv, d.TokenEnv = e.orig.KeyName, e.orig.KeyEnv, e.orig.TokenEnv
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
	changer, _ := p.eng.(DestinationChanger)
	keys := p.add.keys
	orig := e.orig
	p.run(func(ctx context.Context) error {
		var err error
		switch {
		case orig != nil && changer == nil:
			err = fmt.Errorf("%s", tr("This engine cannot edit destinations"))
		case orig != nil:
			err = changer.UpdateDestination(ctx, orig.ID, d, key)
		case adder == nil:
			err = fmt.Errorf("%s", tr("This engine cannot add destinations"))
		default:
			err = adder.AddDestination(ctx, d, key)
		}
		var keyErr, saveErr error
		if err == nil && keys != nil && key != "" {
			keyErr = keys.Set(d.KeyName, key)
		}
		if err == nil {
			if orig == nil && keys == nil {
				p.memoryOnly(d.ID) // its key is in memory: the next run could not stream it
			}
			saveErr = p.save()
		}
		fyne.Do(func() {
			e.Save.Enable()
			if err != nil {
				e.fail(err)
				return
			}
			if orig != nil {
				p.updated(orig.ID, d)
			} else {
				p.added(d)
			}
			if keyErr != nil {
				// Changed for this show; the next one will not find the key.
				msg := tr("Added for this show, but the key was not saved")
				if orig != nil {
					msg = tr("Changed for this show, but the key was not saved")
				}
				e.fail(fmt.Errorf("%s: %v", msg, keyErr))
				e.Save.Disable()
				return
			}
			if saveErr != nil {
				e.fail(fmt.Errorf("%s: %v", tr("Saved for this show only: the next run will not have it"), saveErr))
				e.Save.Disable()
				return
			}
			e.close()
		})
		return nil // the dialog shows the error
	})
}
