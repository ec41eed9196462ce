package compositor

import (
	"image"
	"math"
	"slices"
)

// Layer is one overlay on the program: a product card, a countdown, a lower
// third. Another package renders it as RGBA whenever its content changes;
// the layer converts that once into premultiplied Y/Cb/Cr and alpha planes,
// so each frame only blends, and only inside the layer's rectangle.
//
// A layer's methods may be called from any goroutine.
type Layer struct {
	c    *Canvas
	name string

	// Guarded by c.mu.
	z           int
	order       int
	visible     bool
	opacity     float64
	at          image.Point
	px          *layerPixels // immutable once built; replaced, never edited
	conversions int          // RGBA conversions done, for tests
}

// layerSnap is a layer's state for one frame, copied under the lock.
type layerSnap struct {
	px      *layerPixels
	at      image.Point
	opacity int // 0..256
	z       int
	order   int
}

// AddLayer adds an empty, visible, opaque layer at z (higher is on top;
// equal z keeps the order layers were added in).
func (c *Canvas) AddLayer(name string, z int) *Layer {
	c.mu.Lock()
	defer c.mu.Unlock()
	l := &Layer{c: c, name: name, z: z, order: c.nextOrder, visible: true, opacity: 1}
	c.nextOrder++
	c.layers = append(c.layers, l)
	return l
}

// RemoveLayer takes l off the canvas; its methods still work but show nothing.
func (c *Canvas) RemoveLayer(l *Layer) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.layers = slices.DeleteFunc(c.layers, func(x *Layer) bool { return x == l })
}

// Name returns the name given to AddLayer.
func (l *Layer) Name() string { return l.name }

// SetImage replaces the layer's content with img, its top-left corner at
// canvas point at (rounded down to even, to line up with chroma). img is
// read here and not kept, so the caller may reuse it; nil clears the layer.
// The conversion runs outside the canvas lock.
func (l *Layer) SetImage(img *image.RGBA, at image.Point) {
	var px *layerPixels
	if img != nil {
		px = convertRGBA(img)
	}
	l.c.mu.Lock()
	defer l.c.mu.Unlock()
	l.px = px
	l.at = at
	if px != nil {
		l.conversions++
	}
}

// SetOpacity scales the whole layer's alpha by a in [0, 1].
func (l *Layer) SetOpacity(a float64) {
	if math.IsNaN(a) {
		a = 0
	}
	l.c.mu.Lock()
	defer l.c.mu.Unlock()
	l.opacity = min(1, max(0, a))
}

// SetZ moves the layer in the stack; higher is on top.
func (l *Layer) SetZ(z int) {
	l.c.mu.Lock()
	defer l.c.mu.Unlock()
	l.z = z
}

// SetVisible shows or hides the layer without dropping its content.
func (l *Layer) SetVisible(v bool) {
	l.c.mu.Lock()
	defer l.c.mu.Unlock()
	l.visible = v
}

// Move puts the layer's top-left corner at p without converting again.
func (l *Layer) Move(p image.Point) {
	l.c.mu.Lock()
	defer l.c.mu.Unlock()
	l.at = p
}

// Bounds returns where the layer's content sits on the canvas (it may reach
// past the canvas edges; only the part on the canvas is drawn).
func (l *Layer) Bounds() image.Rectangle {
	l.c.mu.Lock()
	defer l.c.mu.Unlock()
	if l.px == nil {
		return image.Rectangle{}
	}
	at := image.Pt(even(l.at.X), even(l.at.Y))
	return image.Rectangle{Min: at, Max: at.Add(image.Pt(l.px.w, l.px.h))}
}

// snap copies the layer's state for one frame; ok is false when the layer
// would draw nothing. Called with c.mu held.
func (l *Layer) snap() (s layerSnap, ok bool) {
	op := int(l.opacity*256 + 0.5)
	if !l.visible || l.px == nil || op == 0 {
		return s, false
	}
	return layerSnap{px: l.px, at: image.Pt(even(l.at.X), even(l.at.Y)), opacity: op, z: l.z, order: l.order}, true
}
