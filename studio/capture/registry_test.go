package capture

import (
	"errors"
	"strings"
	"testing"

	"github.com/vitrina-live/vitrina/studio/media"
)

func TestNewBuildsEachKind(t *testing.T) {
	size := media.Size{W: 640, H: 360}
	for _, tc := range []struct {
		spec  Spec
		check func(media.Source) bool
	}{
		{Spec{ID: "c", Kind: media.KindCamera, Device: "video0", Size: size, FPS: 25}, func(s media.Source) bool {
			c, ok := s.(*Camera)
			return ok && c.Device == "video0" && c.Size == size && c.FPS == 25
		}},
		{Spec{ID: "m", Kind: media.KindMic, Device: "USB mic"}, func(s media.Source) bool {
			m, ok := s.(*Mic)
			return ok && m.Device == "USB mic"
		}},
		{Spec{ID: "p", Kind: media.KindTestPattern, Color: "#112233", Label: "WIDE", Size: size, FPS: 60}, func(s media.Source) bool {
			p, ok := s.(*TestPattern)
			return ok && p.Color == "#112233" && p.Label == "WIDE" && p.Size == size && p.FPS == 60
		}},
		{Spec{ID: "f", Kind: media.KindFile, Path: "demo.mp4"}, func(s media.Source) bool {
			f, ok := s.(*File)
			return ok && f.ID == "f" && f.Path == "demo.mp4"
		}},
		{Spec{ID: "i", Kind: media.KindImage, Path: "brb.png"}, func(s media.Source) bool {
			i, ok := s.(*Image)
			return ok && i.Path == "brb.png"
		}},
		{Spec{ID: "t", Kind: media.KindTone, Freq: 440}, func(s media.Source) bool {
			t, ok := s.(*Tone)
			return ok && t.Freq == 440
		}},
		{Spec{ID: "s", Kind: media.KindSilence}, func(s media.Source) bool {
			_, ok := s.(*Silence)
			return ok
		}},
	} {
		t.Run(string(tc.spec.Kind), func(t *testing.T) {
			src, err := New(tc.spec)
			if err != nil {
				t.Fatal(err)
			}
			if !tc.check(src) {
				t.Fatalf("New(%+v) = %#v", tc.spec, src)
			}
			if info := src.Info(); info.ID != tc.spec.ID || info.Kind != tc.spec.Kind {
				t.Fatalf("Info() = %+v", info)
			}
		})
	}
	if got := len(Kinds()); got != 7 {
		t.Errorf("Kinds() = %v", Kinds())
	}
}

func TestNewRejectsUnknownKind(t *testing.T) {
	for _, kind := range []media.SourceKind{"webcam", ""} {
		_, err := New(Spec{ID: "x", Kind: kind})
		if !errors.Is(err, ErrUnknownKind) || !strings.Contains(err.Error(), `"`+string(kind)+`"`) {
			t.Errorf("kind %q: err = %v, want ErrUnknownKind naming it", kind, err)
		}
	}
}
