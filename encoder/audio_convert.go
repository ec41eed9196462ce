package encoder

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/asticode/go-astiav"
)

// audioConverter turns decoded audio of any rate, layout and sample format
// into the program format: 48 kHz stereo interleaved float32. go-astiav
// v0.16.0 has no swresample wrapper, so it is a filter graph:
// abuffer → aresample → aformat → abuffersink (aresample is swresample).
type audioConverter struct {
	graph *astiav.FilterGraph
	src   *astiav.FilterContext
	sink  *astiav.FilterContext
	out   *astiav.Frame
	mono  bool // the sink yields mono, to be doubled
}

func newAudioConverter(cc *astiav.CodecContext, tb astiav.Rational) (*audioConverter, error) {
	c := &audioConverter{graph: astiav.AllocFilterGraph(), out: astiav.AllocFrame()}
	if err := c.build(cc, tb); err != nil {
		c.free()
		return nil, fmt.Errorf("encoder: audio conversion from %d Hz %s %s: %w",
			cc.SampleRate(), cc.SampleFormat().Name(), layoutName(cc.ChannelLayout()), err)
	}
	return c, nil
}

func (c *audioConverter) build(cc *astiav.CodecContext, tb astiav.Rational) error {
	args := astiav.FilterArgs{
		"sample_rate":    strconv.Itoa(cc.SampleRate()),
		"sample_fmt":     cc.SampleFormat().Name(),
		"channel_layout": layoutName(cc.ChannelLayout()),
		"time_base":      tb.String(),
	}
	var err error
	if c.src, err = c.graph.NewFilterContext(astiav.FindFilterByName("abuffer"), "in", args); err != nil {
		return fmt.Errorf("abuffer: %w", err)
	}
	if c.sink, err = c.graph.NewFilterContext(astiav.FindFilterByName("abuffersink"), "out", nil); err != nil {
		return fmt.Errorf("abuffersink: %w", err)
	}
	outputs, inputs := astiav.AllocFilterInOut(), astiav.AllocFilterInOut()
	defer outputs.Free()
	defer inputs.Free()
	outputs.SetName("in")
	outputs.SetFilterContext(c.src)
	outputs.SetPadIdx(0)
	outputs.SetNext(nil)
	inputs.SetName("out")
	inputs.SetFilterContext(c.sink)
	inputs.SetPadIdx(0)
	inputs.SetNext(nil)
	// swresample would spread mono over both sides at -3 dB; a mono
	// voice-over should come out as loud as it went in, so mono stays mono
	// here and is copied to both sides on the way out.
	c.mono = cc.ChannelLayout().NbChannels() == 1
	layout := "stereo"
	if c.mono {
		layout = "mono"
	}
	if err := c.graph.Parse("aresample=48000,aformat=sample_fmts=flt:channel_layouts="+layout, inputs, outputs); err != nil {
		return fmt.Errorf("parse: %w", err)
	}
	if err := c.graph.Configure(); err != nil {
		return fmt.Errorf("configure: %w", err)
	}
	return nil
}

// layoutName names a layout the way abuffer parses it. A stream that only
// knows its channel count gets the usual layout for that count, so that
// aresample knows how to mix it down to stereo.
func layoutName(l astiav.ChannelLayout) string {
	n := l.NbChannels()
	for _, known := range []astiav.ChannelLayout{astiav.ChannelLayoutMono, astiav.ChannelLayoutStereo} {
		if l.Equal(known) {
			return known.String()
		}
	}
	if s := l.String(); l.Valid() && s != strconv.Itoa(n)+" channels" {
		return s
	}
	switch n {
	case 1:
		return "mono"
	case 2:
		return "stereo"
	case 6:
		return "5.1"
	}
	return strconv.Itoa(n) + "c"
}

// convert pushes one decoded frame (nil at the end of the stream, to drain
// the resampler) and appends the converted samples to dst.
func (c *audioConverter) convert(f *astiav.Frame, dst []float32) ([]float32, error) {
	if err := c.src.BuffersrcAddFrame(f, astiav.NewBuffersrcFlags(astiav.BuffersrcFlagKeepRef)); err != nil {
		return dst, fmt.Errorf("encoder: audio conversion: %w", err)
	}
	for {
		c.out.Unref()
		if err := c.sink.BuffersinkGetFrame(c.out, astiav.NewBuffersinkFlags()); err != nil {
			if errors.Is(err, astiav.ErrEagain) || errors.Is(err, astiav.ErrEof) {
				return dst, nil
			}
			return dst, fmt.Errorf("encoder: audio conversion: %w", err)
		}
		dst = getStereo(c.out, dst, c.mono)
	}
}

func (c *audioConverter) free() {
	if c.graph != nil {
		c.graph.Free()
		c.graph = nil
	}
	if c.out != nil {
		c.out.Free()
		c.out = nil
	}
}
