package studio

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/vitrina-live/vitrina/encoder"
	"github.com/vitrina-live/vitrina/studio/media"
	"github.com/vitrina-live/vitrina/studio/show"
)

// testStudio parses body as a show file and makes a Studio of it with cfg,
// its Show and a quiet Logger filled in; it is closed when the test ends.
func testStudio(t *testing.T, body string, cfg Config) *Studio {
	t.Helper()
	f, err := show.Parse([]byte(body), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	cfg.Show = f
	cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// subscribe returns s's events until the test ends.
func subscribe(t *testing.T, s *Studio) <-chan Event {
	events, unsubscribe := s.Subscribe()
	t.Cleanup(unsubscribe)
	return events
}

// runInBackground runs s for at most a minute: cancel stops it sooner, and
// the channel gives Run's error once it returns.
func runInBackground(t *testing.T, s *Studio) (context.Context, context.CancelFunc, <-chan error) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	t.Cleanup(cancel)
	runErr := make(chan error, 1)
	go func() { runErr <- s.Run(ctx) }()
	return ctx, cancel, runErr
}

// eachPicture decodes the recording at path and calls see with every
// picture, in order, until the end or the first error.
func eachPicture(t *testing.T, path string, see func(v *media.Frame)) {
	t.Helper()
	mf, err := encoder.OpenMediaFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer mf.Close()
	for {
		v, _, err := mf.Next()
		if err != nil {
			return
		}
		if v == nil {
			continue
		}
		see(v)
		v.Release()
	}
}

// sellingDetails reads the events already sent and returns the detail of
// the last selling event of each subject.
func sellingDetails(events <-chan Event) map[string]SellingDetail {
	got := map[string]SellingDetail{}
	for len(events) > 0 {
		if e := <-events; e.Kind == EventSelling && e.Selling != nil {
			got[e.Subject] = *e.Selling
		}
	}
	return got
}

// rtmpDestination is a show's RTMP destination id to url.
func rtmpDestination(id, url string) string {
	return fmt.Sprintf("\n[[destination]]\nid = %q\nkind = \"rtmp\"\nurl = %q\n", id, url)
}

// wider is body with smallShow's 320x180 video made 640x360: room for the
// product card.
func wider(body string) string {
	return replaceOnce(body, "width = 320\nheight = 180", "width = 640\nheight = 360")
}
