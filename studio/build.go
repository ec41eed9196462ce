package studio

import (
	"fmt"

	"github.com/vitrina-live/vitrina/studio/capture"
	"github.com/vitrina-live/vitrina/studio/compositor"
	"github.com/vitrina-live/vitrina/studio/media"
	"github.com/vitrina-live/vitrina/studio/show"
)

// buildSources creates and initializes every source of the show once, and
// hands the video ones to every canvas (each frames them its own way) and
// the audio ones to the mixer. The canvases read the same frames: a
// source's LatestFrame gives each reader its own reference.
func (s *Studio) buildSources(f *show.File) error {
	for _, sc := range f.Sources {
		spec := capture.Spec{
			ID: sc.ID, Kind: media.SourceKind(sc.Kind), Device: sc.Device,
			Path: f.Resolve(sc.Path), Color: sc.Color, Label: sc.Label,
			Size: media.Size{W: sc.Width, H: sc.Height}, FPS: sc.FPS, Freq: sc.Freq,
		}
		if spec.FPS == 0 && (sc.Kind == "testpattern" || sc.Kind == "camera") {
			spec.FPS = f.Video.FPS
		}
		if spec.Size == (media.Size{}) && sc.Kind == "testpattern" {
			spec.Size = media.Size{W: f.Video.Width, H: f.Video.Height}
		}
		src, err := capture.New(spec)
		if err != nil {
			return fmt.Errorf("%w: source %q: %v", ErrBadInput, sc.ID, err)
		}
		if err := src.Initialize(); err != nil {
			return fmt.Errorf("%w: source %q: %v", ErrBadInput, sc.ID, err)
		}
		s.sources = append(s.sources, src)
		if v, ok := src.(media.VideoSource); ok && src.Info().HasVideo {
			for _, p := range s.programs {
				p.canvas.AddSource(sc.ID, v)
				p.canvas.SetView(sc.ID, p.view(sc))
			}
		}
		if a, ok := src.(media.AudioSource); ok && src.Info().HasAudio {
			s.mixer.Add(sc.ID, a)
			s.mixer.SetGain(sc.ID, sc.GainDB)
			s.mixer.SetMute(sc.ID, sc.Mute)
		}
	}
	return nil
}

func transitionOf(name string) compositor.Transition {
	if name == compositor.Fade {
		return compositor.Transition{Kind: compositor.Fade, Duration: compositor.DefaultFade}
	}
	return compositor.Transition{Kind: compositor.Cut}
}
