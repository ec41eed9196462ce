package studio

import (
	"context"
	"time"

	"github.com/vitrina-live/vitrina/studio/show"
)

type showCue struct {
	at  time.Duration
	do  string
	run func(ctx context.Context) error
}

// cues turns the show file's [[cue]] entries into engine commands. The show
// file validation already refused the kinds this engine cannot run yet.
func (s *Studio) cues() []showCue {
	var out []showCue
	for _, c := range s.cfg.Show.Cues {
		sc := showCue{at: c.AtDur, do: c.Do}
		switch c.Do {
		case "layout":
			l := show.Layout{Kind: c.Kind, Main: c.Main, Inset: c.Inset, Second: c.Second,
				Sources: c.Sources, Corner: c.Corner, Scale: c.Scale}
			sc.run = func(ctx context.Context) error { return s.SetLayout(ctx, l, c.Transition) }
		case "main":
			sc.run = func(ctx context.Context) error { return s.SetMain(ctx, c.Source, c.Transition) }
		default:
			continue
		}
		out = append(out, sc)
	}
	return out
}
