package studio

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/vitrina-live/vitrina/studio/media"
	"github.com/vitrina-live/vitrina/studio/media/mediatest"
)

// A chat message pinned by a moderator shows on the program with its
// answer, and leaves when it is unpinned.
func TestPinnedCommentComesAndGoes(t *testing.T) {
	body := wider(smallShow)
	rec := filepath.Join(t.TempDir(), "show.mkv")
	s := testStudio(t, body, Config{RecordPath: rec, For: 4 * time.Second})
	events := subscribe(t, s)
	ctx := context.Background()
	runErr := make(chan error, 1)
	go func() { runErr <- s.Run(ctx) }()
	// Pin after the first second's stats, unpin after the second's: the
	// program's own clock, not a sleep.
	stats := 0
	var pinAt, unpinAt time.Time
	for unpinAt.IsZero() {
		e := <-events
		if e.Kind != EventStats {
			continue
		}
		stats++
		switch stats {
		case 1:
			if err := s.PinComment(ctx, "anna", "Does it come in blue?", "Yes, blue and sand"); err != nil {
				t.Fatal(err)
			}
			pinAt = time.Now()
		case 2:
			if err := s.UnpinComment(ctx); err != nil {
				t.Fatal(err)
			}
			unpinAt = time.Now()
		}
	}
	if err := <-runErr; err != nil {
		t.Fatal(err)
	}
	held := unpinAt.Sub(pinAt)
	r := s.render.PinnedComment("anna", "Does it come in blue?", "Yes, blue and sand").Rect().Inset(6)
	var shown []time.Duration
	eachPicture(t, rec, func(v *media.Frame) {
		// The comment's dark panel over the red pattern; the first frames,
		// before the sources deliver, are black and are left out.
		if m := mediatest.MedianYCbCr(v.Img, r); v.PTS > 300*time.Millisecond && m.Y < 60 {
			shown = append(shown, v.PTS)
		}
	})
	if len(shown) == 0 {
		t.Fatal("the pinned comment never showed")
	}
	on := shown[len(shown)-1] - shown[0]
	t.Logf("comment on screen from %v to %v (%v); held %v between the commands", shown[0], shown[len(shown)-1], on, held)
	if want := int(on/(time.Second/30)) - 1; len(shown) < want {
		t.Errorf("the comment was on %d frames between its first and last, want %d: it flickered", len(shown), want)
	}
	if on < held-200*time.Millisecond || on > held+400*time.Millisecond {
		t.Errorf("the comment was on screen %v, want about the %v between pin and unpin (plus its exit)", on, held)
	}
}
