// Package overlays draws the selling overlays of a live-shopping show —
// product card, flash-sale countdown with its stock bar, promo code and
// coupon drops, disclosure tag, lower third, pinned comment, giveaway
// winner, LIVE and viewer badges — as RGBA images with the canvas position
// each goes to. The compositor turns them into layers; this package knows
// nothing of frames or time, so every picture is a pure function of its
// inputs and can be compared against golden images.
//
// Text is shaped with go-text/typesetting (HarfBuzz port: bidi, Arabic
// joining, marks, kerning) and rasterized with go-text/render, using the
// subset Noto fonts embedded from assets/fonts, with per-run font fallback.
// Every overlay has its own region on the canvas (see layout.go), so all of
// them can be on screen at once without overlapping.
package overlays
