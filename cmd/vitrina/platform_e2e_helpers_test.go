package main

import (
	"encoding/base64"
	"image"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/vitrina-live/vitrina/overlays"
)

// controlAPI is a running show's control API: its base URL and token, and
// the log line that announced it.
type controlAPI struct {
	t                *testing.T
	url, token, line string
}

// showFolder writes body as show.toml in a new folder and, unless catalog
// is empty, catalog as products.csv beside bg.png, a still gray 1280x720
// picture (any change in an overlay's place is the overlay); it returns
// the folder.
func showFolder(t *testing.T, body, catalog string) string {
	t.Helper()
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "show.toml"), body)
	if catalog != "" {
		writeFile(t, filepath.Join(dir, "products.csv"), catalog)
		writeGray(t, filepath.Join(dir, "bg.png"), 1280, 720)
	}
	return dir
}

// runControlled runs the show in dir with data as its data directory, env
// and args added and its control API on; it returns the show and its API.
func runControlled(t *testing.T, dir, data string, env []string, args ...string) (*liveShow, controlAPI) {
	t.Helper()
	s := startShow(t, append([]string{"VITRINA_DATA=" + data}, env...),
		append([]string{"run", "--headless", "--show", filepath.Join(dir, "show.toml"), "--control", "127.0.0.1:0"}, args...)...)
	return s, showControl(t, s, data)
}

func showControl(t *testing.T, s *liveShow, data string) controlAPI {
	t.Helper()
	i, _ := s.waitFor(t, 0, 30*time.Second, "control API", "token_file=")
	line := s.lineAt(i)
	m := regexp.MustCompile(`url=(http://[0-9.:]+/api/)`).FindStringSubmatch(line)
	if m == nil {
		t.Fatalf("no URL in %q", line)
	}
	tok, err := os.ReadFile(filepath.Join(data, "control-token"))
	if err != nil {
		t.Fatal(err)
	}
	return controlAPI{t: t, url: m[1], token: strings.TrimSpace(string(tok)), line: line}
}

func (c controlAPI) post(cmd, body string) {
	c.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, c.url+cmd, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+c.token)
	if r := relayDo(c.t, req); r.code != http.StatusOK {
		c.t.Fatalf("control %s %s: %d %s", cmd, body, r.code, r.body)
	}
}

// checkSaleStock reads a recording with a still background and a flash sale
// of duration and total, and checks that the frames' stock bar shows each
// of want in turn (each on some frames, in that order), by matching every
// frame's sale overlay against renders of the candidates.
func checkSaleStock(t *testing.T, path string, duration time.Duration, total int, want []int) {
	t.Helper()
	r, err := overlays.New(image.Pt(1280, 720), overlays.DefaultTheme(), "en")
	if err != nil {
		t.Fatal(err)
	}
	sale := r.FlashSale(duration, total, total)
	box := image.Rectangle{Min: sale.At, Max: sale.At.Add(sale.Img.Bounds().Size())}
	renders := map[[2]int]*image.Gray{}
	var bg *image.Gray
	look := func(secs, stock int) *image.Gray {
		k := [2]int{secs, stock}
		if renders[k] == nil {
			renders[k] = compose(bg, r.FlashSale(time.Duration(secs)*time.Second, stock, total).Img, sale.At)
		}
		return renders[k]
	}
	start := time.Duration(-1)
	var seen []int // the stock shown, one entry per run of frames
	frames := 0
	eachLuma(t, path, func(pts time.Duration, g *image.Gray) {
		frames++
		switch {
		case frames == 10:
			bg = g // before the sale
			return
		case bg == nil:
			return
		case start < 0:
			if mae(g, bg, box) > 6 {
				start = pts
			}
			return
		case pts-start < 400*time.Millisecond:
			return // its entrance
		}
		secs := int((duration - (pts - start) + time.Second - 1) / time.Second)
		best, bestErr := 0, 1e9
		for _, stock := range want {
			for _, s := range []int{secs - 1, secs, secs + 1} {
				if e := mae(g, look(s, stock), box); e < bestErr {
					best, bestErr = stock, e
				}
			}
		}
		if len(seen) == 0 || seen[len(seen)-1] != best {
			seen = append(seen, best)
		}
	})
	if start < 0 {
		t.Fatalf("no flash sale in the recording's %d frames", frames)
	}
	if !slices.Equal(seen, want) {
		t.Errorf("the recording's stock bar showed %v in turn, want %v", seen, want)
	}
	t.Logf("the recording's stock bar: %v (sale from %v, %d frames)", seen, start, frames)
}

// saleOverlay reads a flash sale's overlay in the video the page decodes:
// each read is matched against renders of the candidate countdowns and
// stocks over the picture that was there before the sale.
type saleOverlay struct {
	t        *testing.T
	b        *browserPage
	r        *overlays.Renderer
	at       image.Point
	box      image.Rectangle
	bg       *image.Gray
	duration time.Duration
	total    int
	renders  map[[2]int]*image.Gray
}

// newSaleOverlay notes the picture under the sale's place; call it before
// the sale starts.
func newSaleOverlay(t *testing.T, b *browserPage, duration time.Duration, total int) *saleOverlay {
	t.Helper()
	r, err := overlays.New(image.Pt(1280, 720), overlays.DefaultTheme(), "en")
	if err != nil {
		t.Fatal(err)
	}
	sale := r.FlashSale(duration, total, total)
	o := &saleOverlay{t: t, b: b, r: r, at: sale.At, box: image.Rectangle{Min: sale.At, Max: sale.At.Add(sale.Img.Bounds().Size())},
		duration: duration, total: total, renders: map[[2]int]*image.Gray{}}
	o.bg, _ = o.read()
	return o
}

func (o *saleOverlay) read() (*image.Gray, time.Time) {
	o.t.Helper()
	res := o.b.do(map[string]any{"cmd": "luma", "x": o.box.Min.X, "y": o.box.Min.Y, "w": o.box.Dx(), "h": o.box.Dy()})
	pix, err := base64.StdEncoding.DecodeString(res["luma"].(string))
	if err != nil || len(pix) != o.box.Dx()*o.box.Dy() {
		o.t.Fatalf("luma: %d bytes, %v", len(pix), err)
	}
	return &image.Gray{Pix: pix, Stride: o.box.Dx(), Rect: o.box}, time.UnixMilli(int64(res["at"].(float64)))
}

// stock is the stock the overlay shows now, of the candidates; -1 when it
// shows none. On loopback at 2.5 Mbit/s the right stock matches with a mean
// luma error of about 4.4 against 6 for its neighbours, and the picture
// differs from the one before the sale by about 70.
func (o *saleOverlay) stock(started time.Time, candidates []int) (int, time.Time) {
	g, at := o.read()
	secs := int((o.duration - at.Sub(started) + time.Second - 1) / time.Second)
	errs := map[int]float64{} // the best match of each stock
	for _, stock := range candidates {
		errs[stock] = 1e9
		for s := secs - 2; s <= secs+1; s++ {
			k := [2]int{s, stock}
			if o.renders[k] == nil {
				o.renders[k] = compose(o.bg, o.r.FlashSale(time.Duration(s)*time.Second, stock, o.total).Img, o.at)
			}
			errs[stock] = min(errs[stock], mae(g, o.renders[k], o.box))
		}
	}
	best := candidates[0]
	for _, stock := range candidates {
		if errs[stock] < errs[best] {
			best = stock
		}
	}
	if errs[best] > mae(g, o.bg, o.box)/2 {
		return -1, at // no sale overlay there (yet)
	}
	return best, at
}

// waitStock waits for the page's video to show want left, and returns how
// long after since it did.
func (o *saleOverlay) waitStock(started time.Time, want int, since time.Time) time.Duration {
	o.t.Helper()
	var candidates []int
	for n := o.total; n >= 0; n-- {
		candidates = append(candidates, n)
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		got, at := o.stock(started, candidates)
		if got == want {
			return at.Sub(since)
		}
		if time.Now().After(deadline) {
			o.t.Errorf("the page's video shows %d left on the sale's overlay, want %d", got, want)
			return -1
		}
	}
}
