package studio

import (
	"context"
	"fmt"
)

// SetMute mutes or unmutes one audio source in the program mix.
func (s *Studio) SetMute(ctx context.Context, id string, mute bool) error {
	return s.do(ctx, func() error {
		if !s.hasAudio(id) {
			return fmt.Errorf("%w: no audio source %q", ErrBadInput, id)
		}
		s.mixer.SetMute(id, mute)
		s.events.publish(Event{Kind: EventAudio, Subject: id, State: fmt.Sprintf("mute=%v", mute)})
		s.log.Info("audio", "source", id, "mute", mute)
		return nil
	})
}

// SetGain sets one audio source's gain in dB.
func (s *Studio) SetGain(ctx context.Context, id string, dB float64) error {
	return s.do(ctx, func() error {
		if !s.hasAudio(id) {
			return fmt.Errorf("%w: no audio source %q", ErrBadInput, id)
		}
		s.mixer.SetGain(id, dB)
		s.events.publish(Event{Kind: EventAudio, Subject: id, State: fmt.Sprintf("gain=%.1fdB", dB)})
		return nil
	})
}

// Levels returns each audio source's current level for the meters.
func (s *Studio) Levels() map[string]float64 { return s.mixer.Levels() }

// Sources lists the show's sources: id, kind, and whether it has video or
// audio, for the scene bar and the mixer strip.
func (s *Studio) Sources() []SourceInfo {
	out := make([]SourceInfo, 0, len(s.sources))
	for _, src := range s.sources {
		in := src.Info()
		out = append(out, SourceInfo{ID: in.ID, Kind: string(in.Kind), Video: in.HasVideo, Audio: in.HasAudio})
	}
	return out
}

// SourceInfo describes one source for the GUI.
type SourceInfo struct {
	ID, Kind     string
	Video, Audio bool
}

func (s *Studio) hasAudio(id string) bool {
	for _, src := range s.sources {
		if in := src.Info(); in.ID == id && in.HasAudio {
			return true
		}
	}
	return false
}
