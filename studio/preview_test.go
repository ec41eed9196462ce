package studio

import (
	"context"
	"testing"
	"time"

	"github.com/vitrina-live/vitrina/studio/media"
	"github.com/vitrina-live/vitrina/studio/media/mediatest"
)

// The GUI's preview gets small copies of the program at the rate it asked
// for, showing what the program shows.
func TestPreviewFollowsTheProgram(t *testing.T) {
	s, _ := newStudio(t, 3*time.Second)
	frames, stop := s.Preview(media.Size{W: 160, H: 90}, 10)
	defer stop()
	got := make(chan []*media.Frame, 1)
	go func() {
		var fs []*media.Frame
		for f := range frames {
			fs = append(fs, f)
		}
		got <- fs
	}()
	if err := s.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	stop()
	fs := <-got
	if len(fs) < 20 || len(fs) > 31 {
		t.Errorf("%d previews in 3 s at 10 fps", len(fs))
	}
	last := fs[len(fs)-1]
	if b := last.Img.Rect; b.Dx() != 160 || b.Dy() != 90 {
		t.Fatalf("preview is %v, want 160x90", b)
	}
	// Source "a" is the red test pattern, full frame in the single layout.
	m := mediatest.MedianYCbCr(last.Img, last.Img.Rect.Inset(20))
	if int(m.Cr) <= int(m.Cb)+20 {
		t.Errorf("preview median %v: not the red program", m)
	}
}
