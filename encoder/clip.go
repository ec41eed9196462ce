package encoder

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"time"

	"github.com/asticode/go-astiav"
)

// ErrEmptyCut is a cut that copied no packets: it starts after the end of
// the recording.
var ErrEmptyCut = errors.New("encoder: nothing to cut there")

// Span is what a cut copied, on the source's timeline: From is the
// keyframe the clip starts on (at or before the asked start), To the end of
// its last packet.
type Span struct{ From, To time.Duration }

// Cut copies [from, to) of a recording into a new file (its container
// taken from out's extension) with stream copy: no decode, no encode, so a
// clip costs a read of its part of the file and keeps the show's quality.
// A clip can only start on a keyframe, so it starts on the last one at or
// before from (at most a GOP, 2 s in a Vitrina recording, early); it ends
// with the last frame that starts before to. Timestamps start again at 0.
// The first video and the first audio stream are copied; others are not.
func Cut(in, out string, from, to time.Duration) error {
	_, err := CutSpan(in, out, from, to)
	return err
}

// CutSpan is Cut that also says which part of the recording it copied.
// The file appears at out only when it is complete.
func CutSpan(in, out string, from, to time.Duration) (Span, error) {
	if from < 0 || to <= from {
		return Span{}, fmt.Errorf("%w: cut %v to %v", ErrBadConfig, from, to)
	}
	setupLog()
	src, err := openCutSource(in)
	if err != nil {
		return Span{}, fmt.Errorf("encoder: cut %s: %w", in, err)
	}
	defer src.close()
	// A partial file under the final name would look like a finished clip.
	tmp := filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".part")
	span, err := src.copyTo(out, tmp, from, to)
	if err != nil {
		os.Remove(tmp)
		return Span{}, fmt.Errorf("encoder: cut %s %v–%v into %s: %w", in, from, to, out, err)
	}
	if err := os.Rename(tmp, out); err != nil {
		os.Remove(tmp)
		return Span{}, fmt.Errorf("encoder: cut into %s: %w", out, err)
	}
	return span, nil
}

// cutStream is one stream being copied.
type cutStream struct {
	in     *astiav.Stream
	out    *astiav.Stream
	anchor bool          // the stream whose keyframes a clip starts on
	frame  time.Duration // a video frame's duration, for packets that carry none
	done   bool          // a packet at or after the clip's end was seen
}

// cutSource is an opened recording.
type cutSource struct {
	fc      *astiav.FormatContext
	pkt     *astiav.Packet
	base    time.Duration // the file's start time: its timeline's zero
	streams map[int]*cutStream
	anchor  *cutStream
}

func openCutSource(path string) (*cutSource, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, err // names the path
	}
	s := &cutSource{fc: astiav.AllocFormatContext(), pkt: astiav.AllocPacket(), streams: map[int]*cutStream{}}
	if err := s.fc.OpenInput(path, nil, nil); err != nil {
		s.fc.Free()
		s.fc = nil
		s.close()
		return nil, fmt.Errorf("cannot read it: %w", err)
	}
	if err := s.fc.FindStreamInfo(nil); err != nil {
		s.close()
		return nil, fmt.Errorf("find streams: %w", err)
	}
	if st := s.fc.StartTime(); st != astiav.NoPtsValue {
		s.base = fromTicks(st, astiav.TimeBaseQ)
	}
	var video, audio *cutStream
	for _, st := range s.fc.Streams() {
		switch st.CodecParameters().MediaType() {
		case astiav.MediaTypeVideo:
			if video == nil {
				video = &cutStream{in: st}
				if r := st.AvgFrameRate(); r.Num() > 0 && r.Den() > 0 {
					video.frame = time.Duration(float64(time.Second) / r.Float64())
				}
				s.streams[st.Index()] = video
			}
		case astiav.MediaTypeAudio:
			if audio == nil {
				audio = &cutStream{in: st}
				s.streams[st.Index()] = audio
			}
		}
	}
	// Every audio packet is a keyframe, so an audio-only file cuts anywhere.
	s.anchor = video
	if s.anchor == nil {
		s.anchor = audio
	}
	if s.anchor == nil {
		s.close()
		return nil, ErrNoStreams
	}
	s.anchor.anchor = true
	return s, nil
}

// copyTo writes the clip to tmp, in the container out's name asks for.
func (s *cutSource) copyTo(out, tmp string, from, to time.Duration) (Span, error) {
	ofc, err := astiav.AllocOutputFormatContext(nil, "", out)
	if err != nil {
		return Span{}, fmt.Errorf("output format: %w", err)
	}
	defer ofc.Free()
	for _, cs := range s.ordered() {
		if cs.out = ofc.NewStream(nil); cs.out == nil {
			return Span{}, fmt.Errorf("new stream: %w", syscall.ENOMEM)
		}
		if err := cs.in.CodecParameters().Copy(cs.out.CodecParameters()); err != nil {
			return Span{}, fmt.Errorf("copy stream parameters: %w", err)
		}
		// The source container's codec tag means nothing in another one.
		cs.out.CodecParameters().SetCodecTag(0)
		cs.out.SetTimeBase(cs.in.TimeBase())
		cs.out.SetAvgFrameRate(cs.in.AvgFrameRate())
	}
	pb, err := astiav.OpenIOContext(tmp, astiav.NewIOContextFlags(astiav.IOContextFlagWrite))
	if err != nil {
		return Span{}, fmt.Errorf("create: %w", err)
	}
	ofc.SetPb(pb)
	span, err := s.copyPackets(ofc, from, to)
	if cerr := pb.Close(); cerr != nil && err == nil {
		err = fmt.Errorf("close: %w", cerr)
	}
	return span, err
}

// ordered is the copied streams in the source's order, so a clip's
// streams come in the recording's order (video first in ours).
func (s *cutSource) ordered() []*cutStream {
	var out []*cutStream
	for _, st := range s.fc.Streams() {
		if cs, ok := s.streams[st.Index()]; ok {
			out = append(out, cs)
		}
	}
	return out
}

// seek puts the reader on the anchor's last keyframe at or before t. A
// file the demuxer cannot seek in (no index, a recording cut short) is
// read from where it is: copyPackets finds the keyframe itself.
func (s *cutSource) seek(t time.Duration) {
	ts := toTicks(t+s.base, s.anchor.in.TimeBase())
	if err := s.fc.SeekFrame(s.anchor.in.Index(), ts, astiav.NewSeekFlags(astiav.SeekFlagBackward)); err != nil {
		s.fc.SeekFrame(-1, 0, astiav.NewSeekFlags(astiav.SeekFlagBackward))
	}
}

func (s *cutSource) close() {
	if s.fc != nil {
		s.fc.CloseInput()
		s.fc.Free()
		s.fc = nil
	}
	if s.pkt != nil {
		s.pkt.Free()
		s.pkt = nil
	}
}
