package encoder

// Looping a file means draining its decoders at the end and decoding again
// from the start. FFmpeg's way is avcodec_flush_buffers, which go-astiav
// v0.16.0 does not wrap; reopening the codec instead cost every loop a new
// codec context and buffer pool, which the C heap kept: about 25 MiB of RSS
// growth over a minute of two looping 720p files.

/*
#cgo pkg-config: libavcodec
#include <libavcodec/avcodec.h>

// vt_flush_decoder resets a drained decoder to take packets again. It
// flushes only what really is an AVCodecContext (its first field is the
// class avcodec_get_class returns) and otherwise returns 0.
static int vt_flush_decoder(AVCodecContext *c) {
	if (c == NULL || c->av_class != avcodec_get_class()) {
		return 0;
	}
	avcodec_flush_buffers(c);
	return 1;
}
*/
import "C"

import (
	"unsafe"

	"github.com/asticode/go-astiav"
)

// flushDecoder flushes cc and reports whether it could. go-astiav v0.16.0
// keeps the AVCodecContext pointer as the first, unexported field of
// CodecContext; the size check and the class check in C make a different
// layout fall back to reopening rather than touch the wrong memory.
func flushDecoder(cc *astiav.CodecContext) bool {
	if cc == nil || unsafe.Sizeof(*cc) != 2*unsafe.Sizeof(uintptr(0)) {
		return false
	}
	c := *(**C.AVCodecContext)(unsafe.Pointer(cc))
	return C.vt_flush_decoder(c) == 1
}
