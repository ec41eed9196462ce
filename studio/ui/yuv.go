package ui

import (
	"image"
)

// yuvToRGBA converts an I420 (4:2:0) picture into dst, which must be at
// least as large, with BT.601 limited-range coefficients in 16.16 fixed
// point. It walks the planes row by row: image.Image.At per pixel would
// cost an interface call and an allocation each, 230,000 times a frame.
func yuvToRGBA(dst *image.RGBA, src *image.YCbCr) {
	w, h := src.Rect.Dx(), src.Rect.Dy()
	cw := (w + 1) / 2
	for y := 0; y < h; y++ {
		yrow := src.Y[y*src.YStride : y*src.YStride+w]
		c := (y / 2) * src.CStride
		cb := src.Cb[c : c+cw]
		cr := src.Cr[c : c+cw : c+cw]
		out := dst.Pix[y*dst.Stride : y*dst.Stride+4*w]
		// Two pixels share a chroma sample: the chroma terms are worked
		// out once for both.
		for i := range cb {
			u, v := int32(cb[i])-128, int32(cr[i])-128
			rv, gv, bu := 104595*v, -25624*u-53281*v, 132252*u
			x := 2 * i
			yy := (int32(yrow[x]) - 16) * 76284 // 1.164 * 65536
			o := out[4*x : 4*x+4 : 4*x+4]
			o[0], o[1], o[2], o[3] = clamp8((yy+rv)>>16), clamp8((yy+gv)>>16), clamp8((yy+bu)>>16), 0xff
			if x+1 < w {
				yy = (int32(yrow[x+1]) - 16) * 76284
				o = out[4*x+4 : 4*x+8 : 4*x+8]
				o[0], o[1], o[2], o[3] = clamp8((yy+rv)>>16), clamp8((yy+gv)>>16), clamp8((yy+bu)>>16), 0xff
			}
		}
	}
}

func clamp8(v int32) uint8 {
	if uint32(v) <= 255 {
		return uint8(v)
	}
	if v < 0 {
		return 0
	}
	return 255
}
