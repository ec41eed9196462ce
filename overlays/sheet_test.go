package overlays

import (
	"image"
	"image/color"
	"image/draw"
	"os"
	"path/filepath"
	"testing"

	xdraw "golang.org/x/image/draw"
)

// sheetPath is the contact sheet the docs show; -update rewrites it.
var sheetPath = filepath.Join("..", "docs", "overlays.png")

// sheetLabels names each locale in its own language, drawn with the
// package's own text engine.
var sheetLabels = map[string]string{
	"en": "English · en", "lv": "Latviešu · lv", "ru": "Русский · ru", "zh": "中文 · zh", "ar": "العربية · ar",
}

// TestContactSheet puts every locale's full 1080p frame and its vertical
// 720x1280 frame side by side, at half and three-quarter size, on a flat
// backdrop standing in for video, so one picture shows every overlay in
// every language with the regions they keep.
func TestContactSheet(t *testing.T) {
	const (
		pad    = 16
		labelH = 44
		frameW = 960 // 1920x1080 at 1/2
		frameH = 540
		vertW  = 304 // 720x1280 at the same height
	)
	rowH := labelH + frameH + pad
	sheet := image.NewRGBA(image.Rect(0, 0, pad+frameW+pad+vertW+pad, pad+len(contents)*rowH))
	draw.Draw(sheet, sheet.Rect, image.NewUniform(color.RGBA{0x2A, 0x30, 0x3A, 0xFF}), image.Point{}, draw.Src)
	backdrop := image.NewUniform(color.RGBA{0x5A, 0x6A, 0x7A, 0xFF})
	labels := newRenderer(t, image.Pt(1920, 1080), "en")
	for i, c := range contents {
		y := pad + i*rowH
		b := labels.layoutText(sheetLabels[c.locale], textStyle{size: 26, bold: true, color: color.RGBA{0xFF, 0xFF, 0xFF, 0xFF}}, 0, 1)
		labels.drawText(sheet, b, image.Rect(pad, y+(labelH-b.lineH)/2-4, pad+frameW, y+(labelH-b.lineH)/2-4+b.lineH), alignStart)
		for _, f := range []struct {
			size image.Point
			at   image.Rectangle
		}{
			{image.Pt(1920, 1080), image.Rect(pad, y+labelH, pad+frameW, y+labelH+frameH)},
			{image.Pt(720, 1280), image.Rect(pad+frameW+pad, y+labelH, pad+frameW+pad+vertW, y+labelH+frameH)},
		} {
			r := newRenderer(t, f.size, c.locale)
			ps, _ := frame(r, c)
			full := image.NewRGBA(image.Rectangle{Max: f.size})
			draw.Draw(full, full.Rect, backdrop, image.Point{}, draw.Src)
			draw.Draw(full, full.Rect, compose(f.size, ps), image.Point{}, draw.Over)
			xdraw.CatmullRom.Scale(sheet, f.at, full, full.Rect, xdraw.Src, nil)
		}
	}
	if *update {
		writePNG(t, sheetPath, sheet)
		return
	}
	f, err := os.Open(sheetPath)
	if err != nil {
		t.Fatalf("%v (run go test ./overlays -update to make it)", err)
	}
	defer f.Close()
	cfg, _, err := image.DecodeConfig(f)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Width != sheet.Rect.Dx() || cfg.Height != sheet.Rect.Dy() {
		t.Errorf("docs/overlays.png is %dx%d, the sheet %v: run with -update", cfg.Width, cfg.Height, sheet.Rect.Size())
	}
}
