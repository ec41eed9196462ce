package compositor

import (
	"errors"
	"image"
	"slices"
	"strings"
	"testing"

	"github.com/vitrina-live/vitrina/studio/media"
)

var (
	landscape = media.Size{W: 1280, H: 720}
	portrait  = media.Size{W: 720, H: 1280}
)

func TestRects(t *testing.T) {
	r := image.Rect
	tests := []struct {
		name   string
		layout Layout
		canvas media.Size
		want   []image.Rectangle
	}{
		{"single landscape", Layout{Kind: Single}, landscape, []image.Rectangle{r(0, 0, 1280, 720)}},
		{"single portrait", Layout{Kind: Single}, portrait, []image.Rectangle{r(0, 0, 720, 1280)}},
		// Default inset: a quarter of the width, canvas aspect, 3% margin
		// (38 px), bottom-right.
		{"pip default landscape", Layout{Kind: PiP}, landscape,
			[]image.Rectangle{r(0, 0, 1280, 720), r(922, 502, 1242, 682)}},
		{"pip top-left 0.3", Layout{Kind: PiP, PiP: PiPConfig{Corner: "top-left", Scale: 0.3}}, landscape,
			[]image.Rectangle{r(0, 0, 1280, 720), r(38, 38, 422, 254)}},
		{"pip top-right", Layout{Kind: PiP, PiP: PiPConfig{Corner: "top-right"}}, landscape,
			[]image.Rectangle{r(0, 0, 1280, 720), r(922, 38, 1242, 218)}},
		{"pip bottom-left no margin", Layout{Kind: PiP, PiP: PiPConfig{Corner: "bottom-left", Margin: -1}}, landscape,
			[]image.Rectangle{r(0, 0, 1280, 720), r(0, 540, 320, 720)}},
		// Portrait: 180x320 inset, 22 px margin, kept in the upper third
		// (rows 0 to 426): the bottom is the product card's and the chat's.
		{"pip default portrait", Layout{Kind: PiP}, portrait,
			[]image.Rectangle{r(0, 0, 720, 1280), r(518, 84, 698, 404)}},
		{"pip bottom-left portrait", Layout{Kind: PiP, PiP: PiPConfig{Corner: "bottom-left"}}, portrait,
			[]image.Rectangle{r(0, 0, 720, 1280), r(22, 84, 202, 404)}},
		// Too tall for the third at 0.4: 382 rows high (426 less the
		// margins), the canvas aspect kept.
		{"pip large portrait shrinks into the upper third", Layout{Kind: PiP, PiP: PiPConfig{Corner: "top-left", Scale: 0.4}}, portrait,
			[]image.Rectangle{r(0, 0, 720, 1280), r(22, 22, 236, 404)}},
		{"pip top-right portrait", Layout{Kind: PiP, PiP: PiPConfig{Corner: "top-right"}}, portrait,
			[]image.Rectangle{r(0, 0, 720, 1280), r(518, 22, 698, 342)}},
		{"side-by-side landscape halves", Layout{Kind: SideBySide}, landscape,
			[]image.Rectangle{r(0, 0, 640, 720), r(640, 0, 1280, 720)}},
		{"side-by-side portrait stacks", Layout{Kind: SideBySide}, portrait,
			[]image.Rectangle{r(0, 0, 720, 640), r(0, 640, 720, 1280)}},
		{"stack portrait: top over bottom", Layout{Kind: Stack}, portrait,
			[]image.Rectangle{r(0, 0, 720, 640), r(0, 640, 720, 1280)}},
		{"stack landscape is still top over bottom", Layout{Kind: Stack}, landscape,
			[]image.Rectangle{r(0, 0, 1280, 360), r(0, 360, 1280, 720)}},
		{"rail portrait keeps the bottom quarter", Layout{Kind: Rail}, portrait,
			[]image.Rectangle{r(0, 0, 720, 960), r(0, 960, 720, 1280)}},
		{"rail 0.3 landscape", Layout{Kind: Rail, Rail: 0.3}, landscape,
			[]image.Rectangle{r(0, 0, 1280, 504), r(0, 504, 1280, 720)}},
		{"grid landscape quarters", Layout{Kind: Grid}, landscape,
			[]image.Rectangle{r(0, 0, 640, 360), r(640, 0, 1280, 360), r(0, 360, 640, 720), r(640, 360, 1280, 720)}},
		{"grid portrait quarters", Layout{Kind: Grid}, portrait,
			[]image.Rectangle{r(0, 0, 360, 640), r(360, 0, 720, 640), r(0, 640, 360, 1280), r(360, 640, 720, 1280)}},
		{"unknown kind", Layout{Kind: "mosaic"}, landscape, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.layout.Rects(tt.canvas); !slices.Equal(got, tt.want) {
				t.Errorf("Rects = %v, want %v", got, tt.want)
			}
		})
	}
}

// Whatever the canvas, every rectangle is even-aligned (chroma lines up),
// lies on the canvas, and the cells of a tiling layout cover it exactly.
func TestRectsEvenAndInside(t *testing.T) {
	var sizes []media.Size
	for _, wh := range [][2]int{{16, 16}, {18, 30}, {722, 406}, {1920, 1080}, {1080, 1920}, {4096, 16}} {
		sizes = append(sizes, media.Size{W: wh[0], H: wh[1]})
	}
	layouts := []Layout{
		{Kind: Single}, {Kind: SideBySide}, {Kind: Grid}, {Kind: Stack}, {Kind: Rail}, {Kind: Rail, Rail: 0.75},
		{Kind: PiP}, {Kind: PiP, PiP: PiPConfig{Corner: "top-left", Scale: 1, Margin: 0.49}},
		{Kind: PiP, PiP: PiPConfig{Scale: 0.01}},
	}
	for _, s := range sizes {
		canvas := image.Rect(0, 0, s.W, s.H)
		for _, l := range layouts {
			rects := l.Rects(s)
			area := 0
			for _, r := range rects {
				if r.Min.X%2 != 0 || r.Min.Y%2 != 0 || r.Max.X%2 != 0 || r.Max.Y%2 != 0 {
					t.Errorf("%v %s: %v is not even-aligned", s, l.Kind, r)
				}
				if r.Empty() || !r.In(canvas) {
					t.Errorf("%v %s: %v is empty or off the canvas", s, l.Kind, r)
				}
				area += r.Dx() * r.Dy()
			}
			if l.Kind != PiP && area != s.W*s.H {
				t.Errorf("%v %s: cells cover %d pixels, canvas has %d", s, l.Kind, area, s.W*s.H)
			}
		}
	}
}

func TestValidate(t *testing.T) {
	known := func(id string) bool { return id == "wide" || id == "closeup" || id == "table" }
	tests := []struct {
		name   string
		layout Layout
		want   error // nil: valid
	}{
		{"single", Layout{Kind: Single, Sources: []string{"wide"}}, nil},
		{"pip", Layout{Kind: PiP, Sources: []string{"wide", "closeup"}}, nil},
		{"side-by-side", Layout{Kind: SideBySide, Sources: []string{"wide", "table"}}, nil},
		{"grid of three with a gap", Layout{Kind: Grid, Sources: []string{"wide", "", "table"}}, nil},
		{"stack", Layout{Kind: Stack, Sources: []string{"closeup", "wide"}}, nil},
		{"rail", Layout{Kind: Rail, Sources: []string{"wide"}, Rail: 0.3}, nil},
		{"stack with one", Layout{Kind: Stack, Sources: []string{"closeup"}}, ErrSourceCount},
		{"rail with two", Layout{Kind: Rail, Sources: []string{"wide", "closeup"}}, ErrSourceCount},
		{"rail too tall", Layout{Kind: Rail, Sources: []string{"wide"}, Rail: 0.8}, ErrBadRail},
		{"unknown kind", Layout{Kind: "carousel", Sources: []string{"wide"}}, ErrUnknownLayout},
		{"empty kind", Layout{Sources: []string{"wide"}}, ErrUnknownLayout},
		{"single with two", Layout{Kind: Single, Sources: []string{"wide", "closeup"}}, ErrSourceCount},
		{"pip with one", Layout{Kind: PiP, Sources: []string{"wide"}}, ErrSourceCount},
		{"grid with five", Layout{Kind: Grid, Sources: []string{"wide", "wide", "wide", "wide", "wide"}}, ErrSourceCount},
		{"grid with none", Layout{Kind: Grid}, ErrSourceCount},
		{"unknown source", Layout{Kind: PiP, Sources: []string{"wide", "drone"}}, ErrUnknownSource},
		{"empty main", Layout{Kind: Single, Sources: []string{""}}, ErrUnknownSource},
		{"bad corner", Layout{Kind: PiP, Sources: []string{"wide", "closeup"}, PiP: PiPConfig{Corner: "middle"}}, ErrBadPiP},
		{"scale above 1", Layout{Kind: PiP, Sources: []string{"wide", "closeup"}, PiP: PiPConfig{Scale: 1.5}}, ErrBadPiP},
		{"huge margin", Layout{Kind: PiP, Sources: []string{"wide", "closeup"}, PiP: PiPConfig{Margin: 0.6}}, ErrBadPiP},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.layout.Validate(known)
			if !errors.Is(err, tt.want) || (tt.want == nil) != (err == nil) {
				t.Fatalf("Validate = %v, want %v", err, tt.want)
			}
		})
	}
	// The message names the culprit, so the user knows what to fix.
	err := Layout{Kind: PiP, Sources: []string{"wide", "drone"}}.Validate(known)
	if err == nil || !strings.Contains(err.Error(), `"drone"`) {
		t.Errorf("error %q does not name the unknown source", err)
	}
	// Without a lookup only the shape is checked.
	if err := (Layout{Kind: Single, Sources: []string{"anything"}}).Validate(nil); err != nil {
		t.Errorf("Validate(nil) = %v", err)
	}
}

func TestNewCanvasValidates(t *testing.T) {
	tests := []struct {
		size media.Size
		fps  int
		want error
	}{
		{media.Size{W: 1280, H: 720}, 30, nil},
		{media.Size{W: 16, H: 4096}, 120, nil},
		{media.Size{W: 1281, H: 720}, 30, ErrBadSize},
		{media.Size{W: 14, H: 720}, 30, ErrBadSize},
		{media.Size{W: 1280, H: 4098}, 30, ErrBadSize},
		{media.Size{W: 1280, H: 720}, 0, ErrBadFPS},
		{media.Size{W: 1280, H: 720}, 121, ErrBadFPS},
	}
	for _, tt := range tests {
		_, err := NewCanvas(tt.size, tt.fps)
		if !errors.Is(err, tt.want) || (tt.want == nil) != (err == nil) {
			t.Errorf("NewCanvas(%v, %d) = %v, want %v", tt.size, tt.fps, err, tt.want)
		}
	}
}
