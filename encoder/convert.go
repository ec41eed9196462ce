package encoder

// go-astiav v0.16.0 can read a frame's planes out but cannot write Go memory
// into a frame, and its plane reader sizes every plane as if it were the luma
// plane. These helpers copy pixels and samples between Go slices and AVFrames
// directly, row by row, honouring each plane's own linesize.

/*
#cgo pkg-config: libavutil
#include <string.h>
#include <libavutil/frame.h>

// vt_put_plane copies a w x h plane into frame plane i. The frame must be
// writable (see vt_make_writable).
static void vt_put_plane(AVFrame *f, int i, const uint8_t *src, int stride, int w, int h) {
	for (int y = 0; y < h; y++) {
		memcpy(f->data[i] + (size_t)y * f->linesize[i], src + (size_t)y * stride, w);
	}
}

// vt_put_yuv makes the frame writable and copies the three planes of a
// w x h I420 picture into it: one crossing into C per picture rather than
// four, since each long cgo call may cost the Go scheduler a handoff.
static int vt_put_yuv(AVFrame *f, const uint8_t *y, const uint8_t *cb, const uint8_t *cr, int ys, int cs, int w, int h) {
	int ret = av_frame_make_writable(f);
	if (ret < 0) {
		return ret;
	}
	int cw = (w + 1) / 2, ch = (h + 1) / 2;
	vt_put_plane(f, 0, y, ys, w, h);
	vt_put_plane(f, 1, cb, cs, cw, ch);
	vt_put_plane(f, 2, cr, cs, cw, ch);
	return 0;
}

static void vt_get_plane(const AVFrame *f, int i, uint8_t *dst, int stride, int w, int h) {
	for (int y = 0; y < h; y++) {
		memcpy(dst + (size_t)y * stride, f->data[i] + (size_t)y * f->linesize[i], w);
	}
}

// vt_free_frame frees a frame made by av_frame_clone, dropping its
// references to the decoder's buffers.
static void vt_free_frame(AVFrame *f) { av_frame_free(&f); }

// vt_put_stereo writes n interleaved stereo float frames, either as packed
// flt (one plane) or deinterleaved into fltp (two planes).
static void vt_put_stereo(AVFrame *f, const float *src, int n, int planar) {
	if (!planar) {
		memcpy(f->data[0], src, (size_t)n * 2 * sizeof(float));
		return;
	}
	float *l = (float *)f->data[0], *r = (float *)f->data[1];
	for (int i = 0; i < n; i++) {
		l[i] = src[2 * i];
		r[i] = src[2 * i + 1];
	}
}
*/
import "C"

import (
	"fmt"
	"image"
	"time"
	"unsafe"

	"github.com/asticode/go-astiav"
)

func cframe(f *astiav.Frame) *C.AVFrame { return (*C.AVFrame)(f.UnsafePointer()) }

// makeWritable must run before each write into a reused frame: the encoder
// may still hold a reference to the previous buffer, and this gives the frame
// a fresh one in that case instead of scribbling over a queued picture.
func makeWritable(f *astiav.Frame) error {
	if ret := C.av_frame_make_writable(cframe(f)); ret < 0 {
		return fmt.Errorf("make frame writable: %w", astiav.Error(ret))
	}
	return nil
}

// putYCbCr copies an I420 image into a yuv420p frame of the same size. The
// frame is made writable first: the encoder may still hold a reference to
// the previous buffer, and then this gets a fresh one instead of scribbling
// over a queued picture.
func putYCbCr(f *astiav.Frame, img *image.YCbCr) error {
	y0 := img.YOffset(img.Rect.Min.X, img.Rect.Min.Y)
	c0 := img.COffset(img.Rect.Min.X, img.Rect.Min.Y)
	ret := C.vt_put_yuv(cframe(f), (*C.uint8_t)(&img.Y[y0]), (*C.uint8_t)(&img.Cb[c0]), (*C.uint8_t)(&img.Cr[c0]),
		C.int(img.YStride), C.int(img.CStride), C.int(img.Rect.Dx()), C.int(img.Rect.Dy()))
	if ret < 0 {
		return fmt.Errorf("make frame writable: %w", astiav.Error(ret))
	}
	return nil
}

// getYCbCr copies the top-left w x h of a yuv420p frame into a new I420
// image, which the caller owns. Cropping an odd-sized frame by a pixel to an
// even size is cheaper and sharper than scaling it.
func getYCbCr(f *astiav.Frame, w, h int) *image.YCbCr {
	img := image.NewYCbCr(image.Rect(0, 0, w, h), image.YCbCrSubsampleRatio420)
	copyYCbCr(f, img)
	return img
}

// copyYCbCr copies the top-left of a yuv420p frame into img, as much as
// img's rectangle (at the origin) holds: the decoders fill recycled images
// with it.
func copyYCbCr(f *astiav.Frame, img *image.YCbCr) {
	w, h := img.Rect.Dx(), img.Rect.Dy()
	cw, ch := (w+1)/2, (h+1)/2
	cf := cframe(f)
	C.vt_get_plane(cf, 0, (*C.uint8_t)(&img.Y[0]), C.int(img.YStride), C.int(w), C.int(h))
	C.vt_get_plane(cf, 1, (*C.uint8_t)(&img.Cb[0]), C.int(img.CStride), C.int(cw), C.int(ch))
	C.vt_get_plane(cf, 2, (*C.uint8_t)(&img.Cr[0]), C.int(img.CStride), C.int(cw), C.int(ch))
}

// shareYCbCr returns an image that reads the top-left w x h of a yuv420p
// frame in place, through a new reference to its buffers, and the function
// that drops that reference. A decoder never writes a picture it has
// output (its buffers are reference counted for exactly that), so holders
// see it unchanged for as long as the reference lives. ok is false for a
// layout image.YCbCr cannot describe (unequal chroma strides).
func shareYCbCr(f *astiav.Frame, w, h int) (img *image.YCbCr, free func(), ok bool) {
	ref := C.av_frame_clone(cframe(f))
	if ref == nil {
		return nil, nil, false
	}
	ys, cs := int(ref.linesize[0]), int(ref.linesize[1])
	cw, ch := (w+1)/2, (h+1)/2
	if ys < w || cs < cw || int(ref.linesize[2]) != cs || ref.data[0] == nil || ref.data[1] == nil || ref.data[2] == nil {
		C.vt_free_frame(ref)
		return nil, nil, false
	}
	plane := func(i, stride, w, h int) []byte {
		return unsafe.Slice((*byte)(unsafe.Pointer(ref.data[i])), stride*(h-1)+w)
	}
	img = &image.YCbCr{
		Y: plane(0, ys, w, h), Cb: plane(1, cs, cw, ch), Cr: plane(2, cs, cw, ch),
		YStride: ys, CStride: cs, SubsampleRatio: image.YCbCrSubsampleRatio420,
		Rect: image.Rect(0, 0, w, h),
	}
	return img, func() { C.vt_free_frame(ref) }, true
}

// putStereo writes interleaved stereo samples into a frame whose format
// (flt or fltp) and nb_samples are already set and whose buffer is allocated.
func putStereo(f *astiav.Frame, samples []float32, planar bool) error {
	if err := makeWritable(f); err != nil {
		return err
	}
	n := len(samples) / 2
	if n == 0 {
		return nil
	}
	p := 0
	if planar {
		p = 1
	}
	C.vt_put_stereo(cframe(f), (*C.float)(unsafe.Pointer(&samples[0])), C.int(n), C.int(p))
	return nil
}

// getStereo appends a packed flt frame's samples to dst as interleaved
// stereo; a mono frame is copied to both sides.
func getStereo(f *astiav.Frame, dst []float32, mono bool) []float32 {
	n := f.NbSamples()
	if n == 0 {
		return dst
	}
	p := unsafe.Pointer(cframe(f).data[0])
	if !mono {
		return append(dst, unsafe.Slice((*float32)(p), n*2)...)
	}
	for _, s := range unsafe.Slice((*float32)(p), n) {
		dst = append(dst, s, s)
	}
	return dst
}

// bestEffortPTS is FFmpeg's guess of a decoded frame's timestamp, which
// also covers files whose packets lack a pts (raw streams, some AVIs).
func bestEffortPTS(f *astiav.Frame) int64 { return int64(cframe(f).best_effort_timestamp) }

// nanos is the time base of time.Duration.
var nanos = astiav.NewRational(1, int(time.Second))

// toTicks converts a duration to a time base, rounding to the nearest tick
// (av_rescale_q is exact in 128-bit arithmetic).
func toTicks(d time.Duration, tb astiav.Rational) int64 {
	return astiav.RescaleQ(int64(d), nanos, tb)
}

// fromTicks converts ticks in a time base to a duration.
func fromTicks(ticks int64, tb astiav.Rational) time.Duration {
	return time.Duration(astiav.RescaleQ(ticks, tb, nanos))
}
