package encoder

import (
	"errors"
	"fmt"
	"log/slog"
	"sort"
	"strconv"

	"github.com/asticode/go-astiav"
)

// The show file's encoder names and the FFmpeg encoders behind them.
var videoEncoderNames = map[string]string{
	"x264":         "libx264",
	"nvenc":        "h264_nvenc",
	"vaapi":        "h264_vaapi",
	"videotoolbox": "h264_videotoolbox",
}

// "auto" prefers the hardware encoders, which leave the CPU to the
// compositor and the overlays, and ends with libx264, which always works.
var autoOrder = []string{"nvenc", "vaapi", "videotoolbox", "x264"}

// candidates lists the encoders to try, in order, for a configured name.
// An explicit hardware encoder still falls back to x264: a show must go on
// when the GPU is missing, and the log says why.
func candidates(name string) ([]string, error) {
	switch name {
	case "", "auto":
		return autoOrder, nil
	case "x264":
		return []string{"x264"}, nil
	}
	if _, ok := videoEncoderNames[name]; ok {
		return []string{name, "x264"}, nil
	}
	return nil, fmt.Errorf("%w: %q (want auto, x264, nvenc, vaapi or videotoolbox)", ErrUnknownEncoder, name)
}

// openFirstVideo opens the first candidate that works and logs one line for
// each one that does not.
func openFirstVideo(cfg VideoConfig, log *slog.Logger) (*astiav.CodecContext, error) {
	names, err := candidates(cfg.Encoder)
	if err != nil {
		return nil, err
	}
	var errs []error
	for i, name := range names {
		cc, err := openVideo(name, cfg)
		if err == nil {
			return cc, nil
		}
		errs = append(errs, err)
		if i+1 < len(names) {
			log.Info("video encoder unavailable, falling back", "encoder", name, "next", names[i+1], "reason", err)
		}
	}
	return nil, fmt.Errorf("%w: %w", ErrNoEncoder, errors.Join(errs...))
}

func openVideo(name string, cfg VideoConfig) (*astiav.CodecContext, error) {
	ffname := videoEncoderNames[name]
	if name == "vaapi" {
		// h264_vaapi only takes frames in GPU surfaces, and uploading
		// them needs a hardware frames context: v0.16.0 cannot create one.
		return nil, errors.New("h264_vaapi needs a hardware frames context, which go-astiav v0.16.0 cannot create")
	}
	codec := astiav.FindEncoderByName(ffname)
	if codec == nil {
		return nil, fmt.Errorf("%s is not in this FFmpeg build", ffname)
	}
	cc := astiav.AllocCodecContext(codec)
	if cc == nil {
		return nil, fmt.Errorf("%s: cannot allocate a codec context", ffname)
	}
	gop := cfg.FPS * int(cfg.Keyframe.Seconds()+0.5)
	bitrate := int64(cfg.BitrateKbps) * 1000
	cc.SetWidth(cfg.Width)
	cc.SetHeight(cfg.Height)
	cc.SetPixelFormat(astiav.PixelFormatYuv420P)
	cc.SetSampleAspectRatio(astiav.NewRational(1, 1))
	cc.SetTimeBase(videoTimeBase)
	cc.SetFramerate(astiav.NewRational(cfg.FPS, 1))
	cc.SetBitRate(bitrate)
	cc.SetGopSize(gop)
	if cfg.Threads > 0 {
		cc.SetThreadCount(cfg.Threads)
	}
	// Deliberately no GLOBAL_HEADER flag: without it the encoders repeat
	// SPS/PPS before every IDR, which WebRTC needs, and muxers take their
	// extradata from the first keyframe instead.
	opts := map[string]string{
		"maxrate":    strconv.FormatInt(bitrate, 10),
		"bufsize":    strconv.FormatInt(bitrate, 10),
		"keyint_min": strconv.Itoa(gop),
		"bf":         "0",
		"forced-idr": "1",
		"profile":    cfg.Profile,
	}
	for k, v := range codecOptions(name, cfg) {
		opts[k] = v
	}
	dict := newDict(opts)
	defer dict.Free()
	startProbe(cc)
	err := cc.Open(codec, dict)
	said := endProbe(cc)
	if err != nil {
		cc.Free()
		if said != "" {
			return nil, fmt.Errorf("open %s: %w (%s)", ffname, err, said)
		}
		return nil, fmt.Errorf("open %s: %w", ffname, err)
	}
	if left := leftovers(dict); len(left) > 0 {
		cfg.Logger.Warn("video encoder ignored options", "encoder", ffname, "options", left)
	}
	return cc, nil
}

// codecOptions are each encoder's own spellings of "constant bitrate, low
// latency, no scene-cut keyframes".
func codecOptions(name string, cfg VideoConfig) map[string]string {
	switch name {
	case "x264":
		return map[string]string{
			"preset":       cfg.Preset,
			"tune":         "zerolatency",
			"sc_threshold": "0",
			"nal-hrd":      "cbr",
			"x264-params":  "repeat-headers=1",
		}
	case "nvenc":
		return map[string]string{
			"preset":      "p4",
			"tune":        "ll",
			"rc":          "cbr",
			"zerolatency": "1",
			"delay":       "0",
		}
	case "videotoolbox":
		return map[string]string{"realtime": "1"}
	}
	return nil
}

func newDict(opts map[string]string) *astiav.Dictionary {
	d := astiav.NewDictionary()
	for k, v := range opts {
		if v != "" {
			_ = d.Set(k, v, 0) // only fails on out-of-memory
		}
	}
	return d
}

// leftovers lists the options an Open call did not consume: a misspelled
// or unsupported option must show up in the log, not vanish.
func leftovers(d *astiav.Dictionary) []string {
	var out []string
	flags := astiav.NewDictionaryFlags(astiav.DictionaryFlagIgnoreSuffix)
	for e := d.Get("", nil, flags); e != nil; e = d.Get("", e, flags) {
		out = append(out, e.Key()+"="+e.Value())
	}
	sort.Strings(out)
	return out
}
