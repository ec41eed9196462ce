package encoder

// Sending a program picture to libx264 without copying it. The canvas
// composes into Go memory; copying each 1.4 MB picture into an FFmpeg frame
// before the encode cost about 1.5% of a PiP show's CPU. libx264 copies the
// picture into its own buffers inside avcodec_send_frame and lets go of the
// frame before it returns (FFmpeg's simple encode path unreferences it as
// soon as the encoder has run), so the frame can point at the Go picture for
// the length of the send: the planes are pinned (runtime.Pinner) while an
// FFmpeg frame points at them, and the frame's buffer reference, whose free
// does nothing, tells afterwards whether anything kept the picture.

/*
#cgo pkg-config: libavutil
#include <libavutil/frame.h>
#include <libavutil/buffer.h>

static void vt_keep(void *opaque, uint8_t *data) {}

// vt_wrap_yuv points an empty frame at an I420 picture's planes, with one
// buffer reference (ours) that frees nothing.
static int vt_wrap_yuv(AVFrame *f, uint8_t *y, uint8_t *cb, uint8_t *cr, int ys, int cs, int w, int h) {
	AVBufferRef *buf = av_buffer_create(y, (size_t)ys * h, vt_keep, NULL, AV_BUFFER_FLAG_READONLY);
	if (!buf) {
		return AVERROR(ENOMEM);
	}
	f->buf[0] = buf;
	f->data[0] = y;
	f->data[1] = cb;
	f->data[2] = cr;
	f->linesize[0] = ys;
	f->linesize[1] = cs;
	f->linesize[2] = cs;
	f->extended_data = f->data;
	f->width = w;
	f->height = h;
	f->format = AV_PIX_FMT_YUV420P;
	return 0;
}

// vt_unwrap_yuv empties a frame made by vt_wrap_yuv and reports whether
// anyone else still holds its buffer (1) or not (0).
static int vt_unwrap_yuv(AVFrame *f) {
	int held = f->buf[0] && av_buffer_get_ref_count(f->buf[0]) > 1;
	av_frame_unref(f);
	return held;
}
*/
import "C"

import (
	"fmt"
	"image"
	"runtime"

	"github.com/asticode/go-astiav"
)

// wrapYCbCr points the empty frame f at img's planes, pinning them in pin
// until unwrapYCbCr.
func wrapYCbCr(f *astiav.Frame, img *image.YCbCr, pin *runtime.Pinner) error {
	y0 := img.YOffset(img.Rect.Min.X, img.Rect.Min.Y)
	c0 := img.COffset(img.Rect.Min.X, img.Rect.Min.Y)
	y, cb, cr := &img.Y[y0], &img.Cb[c0], &img.Cr[c0]
	pin.Pin(y)
	pin.Pin(cb)
	pin.Pin(cr)
	ret := C.vt_wrap_yuv(cframe(f), (*C.uint8_t)(y), (*C.uint8_t)(cb), (*C.uint8_t)(cr),
		C.int(img.YStride), C.int(img.CStride), C.int(img.Rect.Dx()), C.int(img.Rect.Dy()))
	if ret < 0 {
		pin.Unpin()
		return fmt.Errorf("wrap picture: %w", astiav.Error(ret))
	}
	return nil
}

// unwrapYCbCr empties f again and reports whether the encoder kept a
// reference to the picture (it must not: the caller then keeps the planes
// pinned and the picture alive for good, and copies from then on).
func unwrapYCbCr(f *astiav.Frame) (held bool) {
	return C.vt_unwrap_yuv(cframe(f)) != 0
}
