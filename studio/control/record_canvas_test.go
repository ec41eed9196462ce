package control

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vitrina-live/vitrina/studio"
	"github.com/vitrina-live/vitrina/studio/media/mediatest"
	"github.com/vitrina-live/vitrina/studio/show"
)

// The API on a running show of two canvases, the horizontal one recorded
// and the vertical one not: {"canvas":"horizontal"} stops that canvas's
// recording (the file is finished and plays), and a canvas that does not
// record or is not the show's answers 400 naming it.
func TestRecordOneCanvasOnARunningShow(t *testing.T) {
	dir := t.TempDir()
	rec := filepath.Join(dir, "horizontal.mkv")
	f, err := show.Parse(fmt.Appendf(nil, `
[video]
preset = "ultrafast"
bitrate_kbps = 300

[[source]]
id = "cam"
kind = "testpattern"

[[source]]
id = "beep"
kind = "tone"

[[canvas]]
id = "horizontal"
width = 320
height = 180
[canvas.record]
path = %q

[[canvas]]
id = "vertical"
width = 180
height = 320
`, rec), dir)
	if err != nil {
		t.Fatal(err)
	}
	st, err := studio.New(studio.Config{Show: f, For: 20 * time.Second, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	events, unsub := st.Subscribe()
	defer unsub()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	runErr := make(chan error, 1)
	go func() { runErr <- st.Run(ctx) }()
	for e := range events {
		if e.Kind == studio.EventStats { // a second of the show is recorded
			break
		}
	}
	hs := serveHandler(t, &Server{Engine: st, Token: token})

	for _, c := range []struct {
		body string
		code int
		msg  string
	}{
		{`{"on":false,"canvas":"square"}`, 400, `no canvas "square"`},
		{`{"on":false,"canvas":"vertical"}`, 400, `canvas "vertical" does not record`},
		{`{"on":false,"canvas":"horizontal"}`, 200, ""},
	} {
		code, out := post(t, hs, token, "/api/record", c.body)
		msg, _ := out["message"].(string)
		if code != c.code || !strings.Contains(msg, c.msg) {
			t.Errorf("POST /api/record %s: %d %v, want %d naming %s", c.body, code, out, c.code, c.msg)
		}
	}
	// The stop answered once the file was finished: it plays now.
	if d := mediatest.FFprobe(t, rec).Duration(); d < 0.7 {
		t.Errorf("the stopped recording lasts %.2f s, want at least the second before the stop", d)
	}
	cancel()
	if err := <-runErr; err != nil {
		t.Fatalf("Run: %v", err)
	}
}
