package capture

import (
	"cmp"
	"fmt"
	"image"
	"slices"

	"github.com/pion/mediadevices/pkg/driver"
	"github.com/pion/mediadevices/pkg/frame"
	"github.com/pion/mediadevices/pkg/io/audio"
	"github.com/pion/mediadevices/pkg/io/video"
	"github.com/pion/mediadevices/pkg/prop"
	"github.com/pion/mediadevices/pkg/wave"

	"github.com/vitrina-live/vitrina/studio/media"
)

// The real device readers: pion/mediadevices drivers adapted to the small
// FrameReader and AudioReader interfaces that Camera and Mic pull from.

// decodable lists the camera formats pion can turn into images, best first
// when all else is equal (raw YUV costs no decode).
var decodable = []frame.Format{frame.FormatI420, frame.FormatNV12, frame.FormatNV21,
	frame.FormatYUYV, frame.FormatYUY2, frame.FormatUYVY, frame.FormatMJPEG}

// openCameraDriver opens the camera that device names and starts it in the
// mode closest to size and fps.
func openCameraDriver(device string, size media.Size, fps int) (FrameReader, error) {
	d, err := findDriver(DeviceCamera, device)
	if err != nil {
		return nil, err
	}
	rec, ok := d.(driver.VideoRecorder)
	if !ok {
		return nil, fmt.Errorf("%s is not a camera: %w", humanName(d.Info()), ErrNoDevice)
	}
	if err := d.Open(); err != nil {
		return nil, fmt.Errorf("open camera %s: %w", humanName(d.Info()), err)
	}
	p, ok := pickVideoMode(d.Properties(), size, fps)
	if !ok {
		_ = d.Close()
		return nil, fmt.Errorf("camera %s offers no format this build decodes: %w", humanName(d.Info()), ErrNoDevice)
	}
	r, err := rec.VideoRecord(p) // closes d itself on failure
	if err != nil {
		return nil, fmt.Errorf("start camera %s at %dx%d %s: %w", humanName(d.Info()), p.Width, p.Height, p.FrameFormat, err)
	}
	return &driverFrames{d: d, r: r, label: humanName(d.Info())}, nil
}

// pickVideoMode prefers the exact size, then the smallest mode larger than
// it (downscaling keeps detail), then the largest; within a size the rate
// closest to fps; then raw formats over MJPEG.
func pickVideoMode(modes []prop.Media, size media.Size, fps int) (prop.Media, bool) {
	modes = slices.DeleteFunc(slices.Clone(modes), func(m prop.Media) bool {
		return !slices.Contains(decodable, m.FrameFormat) || m.Width <= 0 || m.Height <= 0
	})
	if len(modes) == 0 {
		return prop.Media{}, false
	}
	area := size.W * size.H
	sizeRank := func(m prop.Media) int {
		a := m.Width * m.Height
		switch {
		case m.Width == size.W && m.Height == size.H:
			return 0
		case a >= area:
			return a - area // the smallest larger mode ranks best
		default:
			return 1<<40 - a // then the largest smaller one
		}
	}
	fpsRank := func(m prop.Media) float32 {
		if m.FrameRate == 0 {
			return 1000 // unknown: try the modes that say they fit first
		}
		return max(m.FrameRate-float32(fps), float32(fps)-m.FrameRate)
	}
	best := slices.MinFunc(modes, func(a, b prop.Media) int {
		return cmp.Or(cmp.Compare(sizeRank(a), sizeRank(b)), cmp.Compare(fpsRank(a), fpsRank(b)),
			cmp.Compare(slices.Index(decodable, a.FrameFormat), slices.Index(decodable, b.FrameFormat)))
	})
	return best, true
}

// driverFrames reads a started camera. The image Read returns is the
// driver's, valid until the next Read, when its buffer is released.
type driverFrames struct {
	d       driver.Driver
	r       video.Reader
	label   string
	release func()
}

func (f *driverFrames) Read() (image.Image, error) {
	if f.release != nil {
		f.release()
		f.release = nil
	}
	img, release, err := f.r.Read()
	if err != nil {
		return nil, err
	}
	f.release = release
	return img, nil
}

func (f *driverFrames) Close() error { return f.d.Close() }

func (f *driverFrames) Label() string { return f.label }

// openMicDriver opens the microphone that device names, asking for float32
// stereo when offered (it is what the mixer wants).
func openMicDriver(device string) (AudioReader, error) {
	d, err := findDriver(DeviceMic, device)
	if err != nil {
		return nil, err
	}
	rec, ok := d.(driver.AudioRecorder)
	if !ok {
		return nil, fmt.Errorf("%s is not a microphone: %w", humanName(d.Info()), ErrNoDevice)
	}
	if err := d.Open(); err != nil {
		return nil, fmt.Errorf("open microphone %s: %w", humanName(d.Info()), err)
	}
	modes := d.Properties()
	if len(modes) == 0 {
		_ = d.Close()
		return nil, fmt.Errorf("microphone %s offers no format: %w", humanName(d.Info()), ErrNoDevice)
	}
	p := slices.MinFunc(modes, func(a, b prop.Media) int {
		rank := func(m prop.Media) int {
			r := 0
			if !m.IsFloat {
				r += 2
			}
			if m.ChannelCount != media.Channels {
				r++
			}
			return r
		}
		return cmp.Compare(rank(a), rank(b))
	})
	r, err := rec.AudioRecord(p)
	if err != nil {
		return nil, fmt.Errorf("start microphone %s: %w", humanName(d.Info()), err)
	}
	return &driverAudio{d: d, r: r, label: humanName(d.Info())}, nil
}

// driverAudio reads a started microphone and flattens whatever sample
// layout the driver uses into interleaved float32.
type driverAudio struct {
	d     driver.Driver
	r     audio.Reader
	label string
}

func (a *driverAudio) Read() (AudioBlock, error) {
	chunk, release, err := a.r.Read()
	if err != nil {
		return AudioBlock{}, err
	}
	defer release()
	info := chunk.ChunkInfo()
	out := AudioBlock{Samples: make([]float32, info.Len*info.Channels), Rate: info.SamplingRate, Channels: info.Channels}
	switch c := chunk.(type) {
	case *wave.Float32Interleaved:
		copy(out.Samples, c.Data)
	case *wave.Int16Interleaved:
		for i, v := range c.Data[:len(out.Samples)] {
			out.Samples[i] = float32(v) / 32768
		}
	default:
		for i := range info.Len {
			for ch := range info.Channels {
				out.Samples[i*info.Channels+ch] = sampleFloat(chunk.At(i, ch))
			}
		}
	}
	return out, nil
}

func sampleFloat(s wave.Sample) float32 {
	switch v := s.(type) {
	case wave.Float32Sample:
		return float32(v)
	case wave.Int16Sample:
		return float32(v) / 32768
	}
	return float32(s.Int()) / (1 << 31) // wave's integer scale puts int16 full scale at 2^31
}

func (a *driverAudio) Close() error { return a.d.Close() }

func (a *driverAudio) Label() string { return a.label }
