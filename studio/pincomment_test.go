package studio

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"github.com/vitrina-live/vitrina/encoder"
	"github.com/vitrina-live/vitrina/studio/media/mediatest"
	"github.com/vitrina-live/vitrina/studio/show"
)

// A chat message pinned by a moderator shows on the program with its
// answer, and leaves when it is unpinned.
func TestPinnedCommentComesAndGoes(t *testing.T) {
	body := replaceOnce(smallShow, "width = 320\nheight = 180", "width = 640\nheight = 360")
	f, err := show.Parse([]byte(body), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	rec := filepath.Join(t.TempDir(), "show.mkv")
	s, err := New(Config{Show: f, RecordPath: rec, For: 4 * time.Second,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	events, unsubscribe := s.Subscribe()
	defer unsubscribe()
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
	mf, err := encoder.OpenMediaFile(rec)
	if err != nil {
		t.Fatal(err)
	}
	defer mf.Close()
	var shown []time.Duration
	for {
		v, _, err := mf.Next()
		if err != nil {
			break
		}
		if v == nil {
			continue
		}
		// The comment's dark panel over the red pattern; the first frames,
		// before the sources deliver, are black and are left out.
		if m := mediatest.MedianYCbCr(v.Img, r); v.PTS > 300*time.Millisecond && m.Y < 60 {
			shown = append(shown, v.PTS)
		}
		v.Release()
	}
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
