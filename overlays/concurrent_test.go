package overlays

import (
	"image"
	"sync"
	"testing"
	"time"
)

// Renderers are used from the engine loop and the compose goroutine at
// once; run with -race.
func TestConcurrentUse(t *testing.T) {
	a := newRenderer(t, image.Pt(1280, 720), "ar")
	b := newRenderer(t, image.Pt(1920, 1080), "zh") // shares parsed fonts with a
	var wg sync.WaitGroup
	for i := range 4 {
		r, c := a, contents[4]
		if i%2 == 1 {
			r, c = b, contents[3]
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range 5 {
				r.FlashSale(time.Duration(j)*time.Second, j, 10)
				r.Card(c.card)
				r.Viewers(j)
				r.PinnedComment(c.user, c.comment, c.answer)
			}
		}()
	}
	wg.Wait()
}
