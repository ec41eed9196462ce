package studio

import (
	"image"
	"sync"
	"time"

	"github.com/vitrina-live/vitrina/studio/compositor"
	"github.com/vitrina-live/vitrina/studio/media"
)

// previewer hands downscaled copies of one canvas's frames to the GUI at its own
// rate. The copy is made on the canvas's goroutine (about a millisecond at
// 640x360), so the GUI never holds a frame the engine may reuse, and a slow
// GUI only misses previews: the channel keeps the newest one.
type previewer struct {
	mu   sync.Mutex
	subs []*previewSub
}

type previewSub struct {
	ch    chan *media.Frame
	size  media.Size
	every time.Duration
	next  time.Duration
	r     compositor.Resizer
}

// Preview returns the first canvas's frames scaled to size (even; 640x360
// is plenty for a window) at up to fps, and a function that stops them.
func (s *Studio) Preview(size media.Size, fps int) (<-chan *media.Frame, func()) {
	return s.programs[0].preview.subscribe(size, fps)
}

// PreviewCanvas is Preview for the canvas with the given id (Canvases lists
// them with their sizes), so a window can show a horizontal and a vertical
// program side by side. An unknown id is an ErrBadInput error.
func (s *Studio) PreviewCanvas(id string, size media.Size, fps int) (<-chan *media.Frame, func(), error) {
	p, err := s.program(id)
	if err != nil {
		return nil, nil, err
	}
	ch, stop := p.preview.subscribe(size, fps)
	return ch, stop, nil
}

func (p *previewer) subscribe(size media.Size, fps int) (<-chan *media.Frame, func()) {
	sub := &previewSub{ch: make(chan *media.Frame, 1), size: size, every: time.Second / time.Duration(max(fps, 1))}
	p.mu.Lock()
	p.subs = append(p.subs, sub)
	p.mu.Unlock()
	return sub.ch, func() {
		p.mu.Lock()
		defer p.mu.Unlock()
		for i, x := range p.subs {
			if x == sub {
				p.subs = append(p.subs[:i], p.subs[i+1:]...)
				close(sub.ch)
				return
			}
		}
	}
}

// offer is called with every program frame.
func (p *previewer) offer(f *media.Frame) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, sub := range p.subs {
		if f.PTS < sub.next {
			continue
		}
		sub.next = f.PTS + sub.every
		img := image.NewYCbCr(image.Rect(0, 0, sub.size.W, sub.size.H), image.YCbCrSubsampleRatio420)
		sub.r.Resize(img, f.Img)
		out := &media.Frame{Img: img, PTS: f.PTS, Seq: f.Seq}
		select {
		case <-sub.ch: // drop the one the GUI has not taken yet
		default:
		}
		sub.ch <- out
	}
}
