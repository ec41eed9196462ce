// Package media holds the leaf types that every part of the media path shares:
// frames, audio chunks, encoded packets, and the source and output contracts.
package media

import (
	"image"
	"sync/atomic"
	"time"
)

// Frame is one picture in planar YUV 4:2:0 (I420, full 8-bit, BT.601 limited
// range as image.YCbCr uses). It is the compositor's and the encoder's common
// format, so no conversion happens between them.
//
// A published Frame is immutable: the compositor and the encoder may hold it
// while its producer makes the next. A frame from a FramePool or
// NewSharedFrame is reference counted (see Retain and Release), and its
// memory is reused only once every holder has released it; any other frame
// is simply left to the garbage collector.
type Frame struct {
	Img *image.YCbCr
	// PTS is the presentation time from the start of the program (canvas
	// frames) or from the start of the source (source frames).
	PTS time.Duration
	// Seq counts frames from 0 within their producer.
	Seq int64

	recycle func(*Frame)  // runs after the last Release; nil: not counted, Retain and Release do nothing
	refs    *atomic.Int32 // holders; a pointer so Frame stays copyable
}

// NewSharedFrame wraps a picture whose memory belongs to someone else (a
// decoder's buffer, read in place rather than copied), with one reference,
// the caller's. release runs once, after the last holder's Release.
func NewSharedFrame(img *image.YCbCr, release func()) *Frame {
	f := &Frame{Img: img, recycle: func(*Frame) { release() }, refs: new(atomic.Int32)}
	f.refs.Store(1)
	return f
}

// NewFrame allocates a black I420 frame of the given size. Width and height
// must be even.
func NewFrame(w, h int) *Frame {
	img := image.NewYCbCr(image.Rect(0, 0, w, h), image.YCbCrSubsampleRatio420)
	Fill(img, 16, 128, 128)
	return &Frame{Img: img}
}

// Fill paints the whole image with one YCbCr colour.
func Fill(img *image.YCbCr, y, cb, cr uint8) {
	for i := range img.Y {
		img.Y[i] = y
	}
	for i := range img.Cb {
		img.Cb[i] = cb
	}
	for i := range img.Cr {
		img.Cr[i] = cr
	}
}

// Size is a width and a height in pixels.
type Size struct{ W, H int }
