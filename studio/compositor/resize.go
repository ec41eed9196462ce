package compositor

import "image"

// Resizer scales whole I420 pictures with the compositor's scaler: the
// studio's preview and thumbnails. It keeps scratch between calls, so one
// Resizer belongs to one goroutine.
type Resizer struct{ s scaler }

// Resize scales src into dst; both must be 4:2:0 with even sizes.
func (r *Resizer) Resize(dst, src *image.YCbCr) {
	dy, dcb, dcr := yuvPlanes(dst, dst.Rect)
	sy, scb, scr := yuvPlanes(src, src.Rect)
	r.s.scalePlane(dy, sy)
	r.s.scalePlane(dcb, scb)
	r.s.scalePlane(dcr, scr)
}
