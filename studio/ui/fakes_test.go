package ui

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/vitrina-live/vitrina/studio"
	"github.com/vitrina-live/vitrina/studio/capture"
	"github.com/vitrina-live/vitrina/studio/media"
	"github.com/vitrina-live/vitrina/studio/output"
	"github.com/vitrina-live/vitrina/studio/show"
)

// fakeEngine records the commands it gets, one line each, and hands the
// test the ends of its event and preview channels.
type fakeEngine struct {
	calls   chan string
	events  chan studio.Event
	preview chan *media.Frame
	levels  map[string]float64
	mu      sync.Mutex
	dests   []output.Status
	// canvases is what Canvases lists (none: a show of one canvas), and
	// canvasPreview a preview channel for each.
	canvases      []studio.CanvasInfo
	canvasPreview map[string]chan *media.Frame
	previewSizes  map[string]media.Size // what the window asked for, by canvas
	edited        map[string]show.Destination
}

// twoCanvases makes f a show of a horizontal and a vertical canvas, with
// relay on the first and tiktok on the second.
func (f *fakeEngine) twoCanvases() {
	f.canvases = []studio.CanvasInfo{
		{ID: "horizontal", Size: media.Size{W: 1280, H: 720}, FPS: 30, Layout: "pip", Destinations: []string{"relay"}},
		{ID: "vertical", Size: media.Size{W: 720, H: 1280}, FPS: 30, Layout: "stack", Destinations: []string{"youtube"}},
	}
	f.canvasPreview = map[string]chan *media.Frame{"horizontal": make(chan *media.Frame, 1), "vertical": make(chan *media.Frame, 1)}
}

func newFakeEngine() *fakeEngine {
	return &fakeEngine{
		calls:   make(chan string, 64),
		events:  make(chan studio.Event, 64),
		preview: make(chan *media.Frame, 1),
		levels:  map[string]float64{"clip": -12, "tone": -30},
		dests: []output.Status{
			{Name: "relay", State: output.Idle},
			{Name: "youtube", State: output.Idle},
		},
	}
}

func (f *fakeEngine) Sources() []studio.SourceInfo {
	return []studio.SourceInfo{
		{ID: "wide", Kind: "testpattern", Video: true},
		{ID: "closeup", Kind: "testpattern", Video: true},
		{ID: "clip", Kind: "file", Video: true, Audio: true},
		{ID: "tone", Kind: "tone", Audio: true},
	}
}

func (f *fakeEngine) record(format string, a ...any) error {
	f.calls <- fmt.Sprintf(format, a...)
	return nil
}

func (f *fakeEngine) SetLayout(_ context.Context, l show.Layout, tr string) error {
	return f.record("SetLayout %s %v %s", l.Kind, l.IDs(), tr)
}
func (f *fakeEngine) SetMain(_ context.Context, id, tr string) error {
	return f.record("SetMain %s %s", id, tr)
}
func (f *fakeEngine) StartDestination(_ context.Context, id string) error {
	return f.record("Start %s", id)
}
func (f *fakeEngine) StopDestination(_ context.Context, id string) error {
	return f.record("Stop %s", id)
}
func (f *fakeEngine) StopRecording(context.Context) error  { return f.record("StopRecording") }
func (f *fakeEngine) StartRecording(context.Context) error { return f.record("StartRecording") }
func (f *fakeEngine) SetRecording(_ context.Context, canvas string, on bool) error {
	return f.record("SetRecording %s %v", canvas, on)
}
func (f *fakeEngine) SetMute(_ context.Context, id string, m bool) error {
	return f.record("SetMute %s %v", id, m)
}
func (f *fakeEngine) SetGain(_ context.Context, id string, db float64) error {
	return f.record("SetGain %s %.1f", id, db)
}
func (f *fakeEngine) Destinations() []output.Status {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]output.Status(nil), f.dests...)
}
func (f *fakeEngine) Levels() map[string]float64 { return f.levels }
func (f *fakeEngine) Stats() studio.Stats        { return studio.Stats{} }
func (f *fakeEngine) Subscribe() (<-chan studio.Event, func()) {
	var once sync.Once
	return f.events, func() { once.Do(func() { close(f.events) }) }
}
func (f *fakeEngine) Preview(media.Size, int) (<-chan *media.Frame, func()) {
	return f.preview, func() {}
}

func (f *fakeEngine) Canvases() []studio.CanvasInfo { return f.canvases }

func (f *fakeEngine) PreviewCanvas(id string, size media.Size, _ int) (<-chan *media.Frame, func(), error) {
	ch, ok := f.canvasPreview[id]
	if !ok {
		return nil, nil, fmt.Errorf("%w: no canvas %q", studio.ErrBadInput, id)
	}
	f.mu.Lock()
	if f.previewSizes == nil {
		f.previewSizes = map[string]media.Size{}
	}
	f.previewSizes[id] = size
	f.mu.Unlock()
	return ch, func() {}, nil
}

// next returns the next command the engine got, failing after a while.
func (f *fakeEngine) next(t *testing.T) string {
	t.Helper()
	select {
	case c := <-f.calls:
		return c
	case <-time.After(5 * time.Second):
		t.Fatal("the engine got no command")
		return ""
	}
}

// none checks that no command is waiting.
func (f *fakeEngine) none(t *testing.T) {
	t.Helper()
	select {
	case c := <-f.calls:
		t.Fatalf("unexpected command %q", c)
	default:
	}
}

// fakeSeller records selling commands.
type fakeSeller struct{ calls chan string }

func (s *fakeSeller) Pin(_ context.Context, ref string) error { s.calls <- "Pin " + ref; return nil }
func (s *fakeSeller) Unpin(context.Context) error             { s.calls <- "Unpin"; return nil }
func (s *fakeSeller) StartFlashSale(_ context.Context, ref string, price int64, stock int, d time.Duration) error {
	s.calls <- fmt.Sprintf("FlashSale %s %d %d %v", ref, price, stock, d)
	return nil
}
func (s *fakeSeller) DropPromo(_ context.Context, code, discount string, valid, showFor time.Duration) error {
	s.calls <- fmt.Sprintf("Promo %s %s %v %v", code, discount, valid, showFor)
	return nil
}

// fakeRundown is three products, with notes for the first.
type fakeRundown struct{}

func (fakeRundown) Products() []show.Product {
	return []show.Product{
		{SKU: "MUG-BLU", Title: "Blue mug", PriceMinor: 1299, Stock: 40, Number: 1},
		{SKU: "KET-01", Title: "Kettle", PriceMinor: 4999, Stock: 8, Number: 2},
		{SKU: "TEE-M", Title: "T-shirt M", PriceMinor: 1900, Stock: 0, Number: 3},
	}
}

func (fakeRundown) Notes(ref string) (string, []string) {
	if ref == "MUG-BLU" {
		return "Dishwasher safe; say the glaze is lead-free.", []string{"Microwave? Yes."}
	}
	return "", nil
}

// fakeFeed is a chat the test writes into; actions are recorded.
type fakeFeed struct {
	in   chan ChatMessage
	acts chan string
}

func newFakeFeed() *fakeFeed {
	return &fakeFeed{in: make(chan ChatMessage, 4096), acts: make(chan string, 16)}
}

func (f *fakeFeed) Messages() (<-chan ChatMessage, func()) {
	var once sync.Once
	return f.in, func() { once.Do(func() { close(f.in) }) }
}

func (f *fakeFeed) Act(_ context.Context, m ChatMessage, a ChatAction) error {
	f.acts <- fmt.Sprintf("%s %s", a, m.ID)
	return nil
}

// inline runs commands on the calling goroutine, so a pane test sees the
// whole effect of a tap when Tap returns.
func inline(cmd func(context.Context) error) { _ = cmd(context.Background()) }

// newTestWindow builds the whole window on fyne's test driver with fakes,
// in English.
func newTestWindow(t *testing.T, eng *fakeEngine, opts Options) (*Window, fyne.Window) {
	t.Helper()
	if err := UseLanguage("en"); err != nil {
		t.Fatal(err)
	}
	test.NewTempApp(t)
	win := test.NewTempWindow(t, nil)
	if opts.Layout.Kind == "" {
		opts.Layout = show.Layout{Kind: LayoutPiP, Main: "wide", Inset: "closeup"}
	}
	if opts.run == nil {
		opts.run = inline
	}
	if opts.Devices == nil {
		opts.Devices = fakeDevices
	}
	w := New(win, eng, opts)
	win.SetContent(w.Content)
	win.Resize(fyne.NewSize(1600, 900))
	return w, win
}

var errTest = errors.New("connection refused")

func statusRetrying() output.Status {
	return output.Status{Name: "youtube", State: output.Reconnecting, Err: errTest, Retry: 4 * time.Second}
}

// fakeOutputs has no destinations; fakeMixer no sources.
type fakeOutputs struct{}

func (fakeOutputs) Destinations() []output.Status                  { return nil }
func (fakeOutputs) StartDestination(context.Context, string) error { return nil }
func (fakeOutputs) StopDestination(context.Context, string) error  { return nil }

type fakeMixer struct{}

func (fakeMixer) Sources() []studio.SourceInfo                   { return nil }
func (fakeMixer) Levels() map[string]float64                     { return nil }
func (fakeMixer) SetMute(context.Context, string, bool) error    { return nil }
func (fakeMixer) SetGain(context.Context, string, float64) error { return nil }

func fakeDevices() ([]capture.Device, error) {
	return []capture.Device{{Kind: "camera", ID: "video0", Label: "Cam"}, {Kind: "mic", ID: "usbmic", Label: "Mic"}}, nil
}
