package overlays

import (
	"image"
	"image/color"
	"math"
	"slices"
	"strings"
	"unicode"

	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"
	"golang.org/x/text/unicode/bidi"
)

// textStyle is how one piece of text is drawn; size is in pixels (the em).
type textStyle struct {
	size  float64
	bold  bool
	color color.RGBA
}

// textLine is one shaped line, its runs in visual order (left to right).
type textLine struct {
	runs  []shaping.Output
	width int
}

// textBlock is shaped, wrapped and, where it was too long, ellipsized text,
// ready to draw. Widths are measured from the shaped glyphs, so "too long"
// means too wide, whatever the script.
type textBlock struct {
	st      textStyle
	lines   []textLine
	lineH   int
	rtl     bool // the paragraph's own direction, from its first strong character
	dropped int  // runes no shipped font has, left out rather than drawn as boxes
}

func (b textBlock) width() int {
	w := 0
	for _, l := range b.lines {
		w = max(w, l.width)
	}
	return w
}

func (b textBlock) height() int { return len(b.lines) * b.lineH }

// lineHeight is the pitch of lines in a block: tighter than the fonts'
// own 1.36 em, which suits paragraphs but wastes room on a card.
func lineHeight(size float64) int { return int(math.Ceil(size * 1.28)) }

// layoutText shapes s with per-run font fallback and bidi, wraps it to
// maxW pixels, and cuts it after maxLines with an ellipsis measured into
// the width (0 maxLines: no limit). Text is one paragraph: line breaks and
// tabs in s become spaces.
func (r *Renderer) layoutText(s string, st textStyle, maxW, maxLines int) textBlock {
	chain := r.regular
	if st.bold {
		chain = r.bold
	}
	clean, dropped := cleanText(s, chain)
	b := textBlock{st: st, lineH: lineHeight(st.size), dropped: dropped}
	if clean == "" {
		return b
	}
	runes := []rune(clean)
	dir := di.DirectionLTR
	b.rtl = firstStrongRTL(runes)
	if b.rtl {
		dir = di.DirectionRTL
	}
	size := fixed.Int26_6(math.Round(st.size * 64))
	in := shaping.Input{Text: runes, RunEnd: len(runes), Direction: dir, Size: size, Language: r.lang}
	var outs []shaping.Output
	for _, run := range r.seg.Split(in, chain) {
		outs = append(outs, r.shaper.Shape(run))
	}
	cfg := shaping.WrapConfig{Direction: dir, TruncateAfterLines: maxLines}
	if maxLines > 0 {
		ell := []rune{'…'}
		cfg.Truncator = r.shaper.Shape(shaping.Input{Text: ell, RunEnd: 1, Direction: dir, Size: size,
			Face: chain.ResolveFace('…'), Language: r.lang})
	}
	if maxW <= 0 {
		maxW = math.MaxInt32 / 2
	}
	lines, truncated := r.wrapper.WrapParagraph(cfg, maxW, runes, shaping.NewSliceIterator(outs))
	for i, line := range lines {
		runs := slices.Clone(line) // the wrapper reuses its line storage
		var ell *shaping.Output
		if truncated > 0 && i == len(lines)-1 && len(runs) > 0 {
			// The wrapper appends the ellipsis as the logical last run; it
			// belongs at the visual end of the line in the paragraph's
			// direction, whatever the bidi order of the rest.
			e := runs[len(runs)-1]
			ell, runs = &e, runs[:len(runs)-1]
		}
		slices.SortStableFunc(runs, func(a, b shaping.Output) int { return int(a.VisualIndex - b.VisualIndex) })
		if ell != nil {
			if b.rtl {
				runs = append([]shaping.Output{*ell}, runs...)
			} else {
				runs = append(runs, *ell)
			}
		}
		w := fixed.Int26_6(0)
		for _, run := range runs {
			w += run.Advance
		}
		b.lines = append(b.lines, textLine{runs: runs, width: w.Ceil()})
	}
	return b
}

// cleanText makes s one line of drawable text: controls go, whitespace runs
// become one space, and a rune that no font has is left out (and counted),
// so it never shows as a box. Format characters (bidi marks, joiners) and
// variation selectors stay: the shaper uses them and draws nothing.
func cleanText(s string, chain faceChain) (string, int) {
	var sb strings.Builder
	dropped := 0
	space := false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r) && r != '\u00a0' && r != '\u202f':
			space = sb.Len() > 0
			continue
		case unicode.IsControl(r):
			continue
		case unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Variation_Selector, r):
		case !chain.has(r):
			dropped++
			continue
		}
		if space {
			sb.WriteByte(' ')
			space = false
		}
		sb.WriteRune(r)
	}
	return sb.String(), dropped
}

// firstStrongRTL is the Unicode bidi rule for a paragraph's direction (the
// first strong character decides). Text with none (a price in Arabic-Indic
// digits, "−20%", a clock) reads left to right in every locale, as numbers
// do; only its alignment follows the locale.
func firstStrongRTL(runes []rune) bool {
	for _, r := range runes {
		p, _ := bidi.LookupRune(r)
		switch p.Class() {
		case bidi.L:
			return false
		case bidi.R, bidi.AL:
			return true
		}
	}
	return false
}

// align is where a line sits in its box, in reading terms: start is left
// in a left-to-right locale and right in a right-to-left one.
type align int

const (
	alignStart align = iota
	alignEnd
	alignCenter
)

// drawText draws b's lines from the top of box (physical pixels) down,
// each aligned in the box's width by a and the locale's direction.
func (r *Renderer) drawText(dst *image.RGBA, b textBlock, box image.Rectangle, a align) {
	for i, l := range b.lines {
		top := box.Min.Y + i*b.lineH
		var x int
		switch {
		case a == alignCenter:
			x = box.Min.X + (box.Dx()-l.width)/2
		case (a == alignStart) != r.rtl:
			x = box.Min.X
		default:
			x = box.Max.X - l.width
		}
		r.drawLine(dst, l, b.st, b.lineH, x, top)
	}
}

// drawLine draws one line with its top-left at (x, top).
func (r *Renderer) drawLine(dst *image.RGBA, l textLine, st textStyle, lineH, x, top int) {
	// The baseline sits so the box between the Latin capital height and the
	// CJK ideographic bottom is centred in the line.
	base := top + baseOffset(st.size, lineH)
	pen := fixed.I(x)
	for i := range l.runs {
		run := &l.runs[i]
		bold := 0
		if st.bold && r.bold.synth[run.Face] {
			// A family without a bold file is emboldened by stamping it
			// twice, a little apart: close to a real bold at these sizes.
			bold = emboldenFor(st.size)
		}
		r.drawRun(dst, run, pen, base, st.color, bold)
		pen += run.Advance
	}
}
