package ui

import (
	"image"
	"image/color"
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"

	"github.com/vitrina-live/vitrina/studio/media"
)

// PreviewPane shows the program as live video. The engine's frames are
// converted to RGBA off the UI goroutine into the buffer not on screen;
// Swap, on the UI goroutine, puts the newest one on screen. A buffer is
// never written while it is on screen or being swapped in, so the painter
// never reads a half-written picture.
type PreviewPane struct {
	Image *canvas.Image

	src  Previewer
	size media.Size

	mu    sync.Mutex
	bufs  [2]*image.RGBA
	front int       // the buffer on screen
	back  backState // the other one

	// kick is called when a converted frame is ready to swap in; the
	// window's pacer then swaps it with the chat and meters in one repaint.
	kick func()

	received atomic.Int64 // frames taken from the engine
	shown    atomic.Int64 // frames put on screen
	first    time.Time    // when the first frame was shown; UI goroutine
	last     time.Time    // and the latest
	// onShown, when set, is called on the UI goroutine after each frame is
	// put on screen (the window uses it to report where the preview is).
	onShown func(n int64)

	started  atomic.Bool
	stopOnce sync.Once
	done     chan struct{}
	stopped  chan struct{}
}

type backState int

const (
	backFree backState = iota
	backWriting
	backReady
)

// previewAsk is the rate the pane asks the engine for. The engine hands
// out every n-th program frame for a lower rate, so asking for 15 at 30 fps
// gives exactly 15 and any skipped tick less; the pane takes every frame
// and the window's pacer shows as many as it has repaints for.
const previewAsk = 30

// NewPreviewPane builds the preview for frames of size. It shows black
// until Start.
func NewPreviewPane(src Previewer, size media.Size) *PreviewPane {
	p := &PreviewPane{src: src, size: size, done: make(chan struct{}), stopped: make(chan struct{})}
	for i := range p.bufs {
		p.bufs[i] = image.NewRGBA(image.Rect(0, 0, size.W, size.H))
	}
	fill(p.bufs[0], color.RGBA{A: 0xff})
	p.Image = canvas.NewImageFromImage(p.bufs[0])
	p.Image.FillMode = canvas.ImageFillContain
	// The GPU scales the texture; software scaling would cost a frame's
	// worth of CPU every refresh.
	p.Image.ScaleMode = canvas.ImageScaleFastest
	p.Image.SetMinSize(fyne.NewSize(float32(size.W), float32(size.H)))
	p.kick = func() { fyne.Do(func() { p.Swap() }) }
	return p
}

func fill(img *image.RGBA, c color.RGBA) {
	for i := 0; i < len(img.Pix); i += 4 {
		img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = c.R, c.G, c.B, c.A
	}
}

// Start subscribes to the engine's preview and converts its frames until
// Stop.
func (p *PreviewPane) Start() {
	if !p.started.CompareAndSwap(false, true) {
		return
	}
	ch, cancel := p.src.Preview(p.size, previewAsk)
	go func() {
		defer close(p.stopped)
		defer cancel()
		for {
			select {
			case <-p.done:
				return
			case f, ok := <-ch:
				if !ok {
					return
				}
				p.received.Add(1)
				if p.convert(f) {
					p.kick()
				}
			}
		}
	}()
}

// convert writes f into the back buffer, unless the UI is swapping it in.
func (p *PreviewPane) convert(f *media.Frame) bool {
	yc := f.Img
	if yc == nil || yc.Rect.Dx() > p.size.W || yc.Rect.Dy() > p.size.H {
		return false
	}
	p.mu.Lock()
	if p.back == backWriting {
		p.mu.Unlock()
		return false
	}
	p.back = backWriting // a ready frame not yet shown is replaced by this newer one
	buf := p.bufs[1-p.front]
	p.mu.Unlock()
	yuvToRGBA(buf, yc)
	p.mu.Lock()
	p.back = backReady
	p.mu.Unlock()
	return true
}

// Swap puts the newest converted frame on screen; it runs on the UI
// goroutine and reports whether there was one.
func (p *PreviewPane) Swap() bool {
	p.mu.Lock()
	if p.back != backReady {
		p.mu.Unlock()
		return false
	}
	p.front, p.back = 1-p.front, backFree
	img := p.bufs[p.front]
	p.mu.Unlock()
	p.Image.Image = img
	p.Image.Refresh()
	p.last = time.Now()
	if p.first.IsZero() {
		p.first = p.last
	}
	n := p.shown.Add(1)
	if p.onShown != nil {
		p.onShown(n)
	}
	return true
}

// Stop ends the preview; it returns once the converter has let go.
func (p *PreviewPane) Stop() {
	p.stopOnce.Do(func() { close(p.done) })
	if p.started.Load() {
		<-p.stopped
	}
}

// Shown is how many frames have been put on screen.
func (p *PreviewPane) Shown() int64 { return p.shown.Load() }

// Received is how many frames the engine has handed over.
func (p *PreviewPane) Received() int64 { return p.received.Load() }

// Rate is the frames a second shown from the first frame to the latest;
// call it on the UI goroutine or after Stop.
func (p *PreviewPane) Rate() float64 {
	n := p.shown.Load()
	if n < 2 {
		return 0
	}
	return float64(n-1) / p.last.Sub(p.first).Seconds()
}

// fpsMeter turns a frame counter into a rate over the last interval.
type fpsMeter struct {
	last  int64
	since time.Time
}

func (m *fpsMeter) rate(n int64, now time.Time) float64 {
	if m.since.IsZero() {
		m.last, m.since = n, now
		return 0
	}
	dt := now.Sub(m.since).Seconds()
	if dt <= 0 {
		return 0
	}
	r := float64(n-m.last) / dt
	m.last, m.since = n, now
	return r
}
