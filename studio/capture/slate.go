package capture

import (
	"fmt"
	"image"
	"time"

	"github.com/vitrina-live/vitrina/studio/media"
)

// slate is the picture a camera shows while its device is gone: dark grey,
// "CAMERA LOST" and the device in large letters, and a counter that ticks
// every second. The counter matters: a frozen last frame looks like a
// working camera pointed at nothing moving, while a ticking slate tells the
// host and the viewers that the show is alive and the camera is not.
type slate struct {
	base *image.YCbCr // background, title and device label
	size media.Size
}

const slateLuma = 40

func newSlate(size media.Size, title, detail string) *slate {
	base := image.NewYCbCr(image.Rect(0, 0, size.W, size.H), image.YCbCrSubsampleRatio420)
	media.Fill(base, slateLuma, 128, 128)
	big := renderText(title, size.H/6, size.W*9/10)
	small := renderText(detail, size.H/14, size.W*9/10)
	y := size.H/2 - big.Rect.Dy()
	blitText(base, big, centreText(base, big, y), 235)
	blitText(base, small, centreText(base, small, y+big.Rect.Dy()+size.H/30), 200)
	return &slate{base: base, size: size}
}

// frame draws the slate with how long the device has been gone, in a new
// image (published frames are never written again).
func (s *slate) frame(lostFor time.Duration) *image.YCbCr {
	img := &image.YCbCr{
		Y:              append([]byte(nil), s.base.Y...),
		Cb:             append([]byte(nil), s.base.Cb...),
		Cr:             append([]byte(nil), s.base.Cr...),
		YStride:        s.base.YStride,
		CStride:        s.base.CStride,
		SubsampleRatio: s.base.SubsampleRatio,
		Rect:           s.base.Rect,
	}
	secs := int(lostFor / time.Second)
	line := fmt.Sprintf("lost %02d:%02d - reconnecting", secs/60, secs%60)
	m := renderText(line, s.size.H/18, s.size.W*9/10)
	blitText(img, m, centreText(img, m, s.size.H*3/4), 160)
	// A dot that blinks each second, visible even when the text is too
	// small to read in a grid tile.
	if secs%2 == 0 {
		d := max(4, s.size.H/24) &^ 1
		fillRect(img, image.Rect(s.size.W-2*d, d, s.size.W-d, 2*d), 81, 90, 240) // red
	}
	return img
}
