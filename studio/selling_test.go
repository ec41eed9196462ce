package studio

import (
	"context"
	"encoding/json"
	"errors"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/vitrina-live/vitrina/studio/media"
	"github.com/vitrina-live/vitrina/studio/media/mediatest"
	"github.com/vitrina-live/vitrina/studio/show"
)

type fakeCatalog map[string]show.Product

func (c fakeCatalog) Product(ref string) (show.Product, error) {
	if p, ok := c[ref]; ok {
		return p, nil
	}
	return show.Product{}, show.ErrNoProduct
}

// A pin cue puts the product card on the program from its frame on, and an
// unknown product fails the cue with a clear error instead of the show.
func TestPinCueShowsTheCardInTheRecording(t *testing.T) {
	body := smallShow + `
[[cue]]
at = "1s"
do = "pin"
product = "SKU-1"
`
	body = wider(body)
	rec := filepath.Join(t.TempDir(), "show.mkv")
	cat := fakeCatalog{"SKU-1": {SKU: "SKU-1", Title: "Linen shirt", PriceMinor: 4900, CompareAtMinor: 5900, Number: 12}}
	s := testStudio(t, body, Config{RecordPath: rec, For: 2500 * time.Millisecond, Catalog: cat})
	unknown := make(chan error, 1)
	go func() { unknown <- s.Pin(context.Background(), "nope") }() // served once the show runs
	if err := s.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := <-unknown; !errors.Is(err, ErrBadInput) {
		t.Errorf("pinning an unknown product: %v, want a bad-input error", err)
	}
	if err := s.Pin(context.Background(), "SKU-1"); !errors.Is(err, ErrEnded) {
		t.Errorf("pinning after the show: %v, want ErrEnded", err)
	}
	placed, _ := s.render.Card(s.productCard(cat["SKU-1"]))
	r := placed.Rect().Inset(8)
	var early, late, lateWithCard int
	eachPicture(t, rec, func(v *media.Frame) {
		m := mediatest.MedianYCbCr(v.Img, r)
		dark := m.Y < 60 // the card's panel is dark over the red test pattern
		switch {
		case v.PTS > 300*time.Millisecond && v.PTS < 900*time.Millisecond: // after the sources' first frames
			early++
			if dark {
				t.Errorf("frame at %v: the card region is dark before the pin (median %v)", v.PTS, m)
			}
		case v.PTS > 1400*time.Millisecond && v.PTS < 2300*time.Millisecond:
			late++
			if dark {
				lateWithCard++
			} else {
				t.Errorf("frame at %v: no card where it belongs (median %v)", v.PTS, m)
			}
		}
	})
	if early == 0 || late == 0 || lateWithCard != late {
		t.Errorf("decoded %d frames before the pin and %d after, %d with the card", early, late, lateWithCard)
	}

	// The recording has a chapter for the product, from the pin to its end.
	out, err := exec.Command("ffprobe", "-v", "error", "-show_chapters", "-of", "json", rec).Output()
	if err != nil {
		t.Fatal(err)
	}
	var pr struct {
		Chapters []struct {
			Start string `json:"start_time"`
			Tags  map[string]string
		}
	}
	if err := json.Unmarshal(out, &pr); err != nil {
		t.Fatal(err)
	}
	if len(pr.Chapters) != 1 || pr.Chapters[0].Tags["title"] != "Linen shirt" {
		t.Fatalf("chapters %s, want one for Linen shirt", out)
	}
	if start, _ := strconv.ParseFloat(pr.Chapters[0].Start, 64); start < 0.9 || start > 1.3 {
		t.Errorf("the chapter starts at %.3f s, want at the pin (1 s)", start)
	}
}

func replaceOnce(s, old, new string) string {
	for i := 0; i+len(old) <= len(s); i++ {
		if s[i:i+len(old)] == old {
			return s[:i] + new + s[i+len(old):]
		}
	}
	return s
}
