package studio

import (
	"errors"
	"fmt"
	"image"

	"github.com/vitrina-live/vitrina/studio/capture"
	"github.com/vitrina-live/vitrina/studio/compositor"
	"github.com/vitrina-live/vitrina/studio/media"
	"github.com/vitrina-live/vitrina/studio/show"
)

// ErrBadInput wraps every error caused by what the user asked for (a show
// file, a missing media file) rather than by the machine.
var ErrBadInput = errors.New("bad input")

// ErrEnded is returned by a command sent after the show has ended.
var ErrEnded = errors.New("the show has ended")

// buildSources creates and initializes every source of the show, and hands
// the video ones to the canvas and the audio ones to the mixer.
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
			s.canvas.AddSource(sc.ID, v)
			view := compositor.SourceView{Fit: compositor.Fit(sc.Fit)}
			if len(sc.Crop) == 4 {
				view.Crop = image.Rect(sc.Crop[0], sc.Crop[1], sc.Crop[0]+sc.Crop[2], sc.Crop[1]+sc.Crop[3])
			}
			s.canvas.SetView(sc.ID, view)
		}
		if a, ok := src.(media.AudioSource); ok && src.Info().HasAudio {
			s.mixer.Add(sc.ID, a)
			s.mixer.SetGain(sc.ID, sc.GainDB)
			s.mixer.SetMute(sc.ID, sc.Mute)
		}
	}
	return nil
}

// layoutOf converts the show file's layout to the compositor's.
func layoutOf(l show.Layout) compositor.Layout {
	return compositor.Layout{
		Kind:    compositor.LayoutKind(l.Kind),
		Sources: l.IDs(),
		PiP:     compositor.PiPConfig{Corner: l.Corner, Scale: l.Scale},
	}
}

func transitionOf(name string) compositor.Transition {
	if name == compositor.Fade {
		return compositor.Transition{Kind: compositor.Fade, Duration: compositor.DefaultFade}
	}
	return compositor.Transition{Kind: compositor.Cut}
}
