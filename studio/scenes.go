package studio

import (
	"context"
	"fmt"

	"github.com/vitrina-live/vitrina/studio/compositor"
	"github.com/vitrina-live/vitrina/studio/show"
)

// SetLayout changes the layout of every canvas, with a cut or a fade, in
// the same engine step, so the canvases switch on the same frame. Each
// canvas places the cells for its shape (on a vertical one, side-by-side
// stacks and the PiP inset keeps to the upper third). It runs on the engine
// loop, so it is safe from any goroutine while the show runs.
func (s *Studio) SetLayout(ctx context.Context, l show.Layout, transition string) error {
	return s.do(ctx, func() error { return s.setLayout(s.programs, l, transition) })
}

// SetCanvasLayout changes one canvas's layout; the others keep theirs.
func (s *Studio) SetCanvasLayout(ctx context.Context, canvas string, l show.Layout, transition string) error {
	p, err := s.program(canvas)
	if err != nil {
		return err
	}
	return s.do(ctx, func() error { return s.setLayout([]*program{p}, l, transition) })
}

// setLayout checks the layout once, before any canvas changes, so a bad
// one changes none of them.
func (s *Studio) setLayout(progs []*program, l show.Layout, transition string) error {
	for _, p := range progs {
		if err := p.layout(l).Validate(p.canvas.Has); err != nil {
			return fmt.Errorf("%w: %v", ErrBadInput, err)
		}
	}
	for _, p := range progs {
		if err := p.canvas.SetLayout(p.layout(l), transitionOf(transition)); err != nil {
			return fmt.Errorf("%w: %s%v", ErrBadInput, p.where, err)
		}
		s.events.publish(Event{Kind: EventLayout, Subject: l.Kind, Canvas: p.cfg.ID, State: fmt.Sprint(l.IDs())})
		p.log.Info("layout", "kind", l.Kind, "sources", l.IDs(), "transition", transition)
	}
	return nil
}

// SetMain puts another source in the main place of every canvas's layout
// (the top of a stack), keeping each canvas's own arrangement.
func (s *Studio) SetMain(ctx context.Context, id, transition string) error {
	return s.do(ctx, func() error { return s.setMain(s.programs, id, transition) })
}

// SetCanvasMain puts another source in the main place of one canvas.
func (s *Studio) SetCanvasMain(ctx context.Context, canvas, id, transition string) error {
	p, err := s.program(canvas)
	if err != nil {
		return err
	}
	return s.do(ctx, func() error { return s.setMain([]*program{p}, id, transition) })
}

func (s *Studio) setMain(progs []*program, id, transition string) error {
	with := func(p *program) compositor.Layout {
		l := p.canvas.Layout()
		if len(l.Sources) == 0 {
			l.Sources = []string{id}
		} else {
			l.Sources = append([]string{id}, l.Sources[1:]...)
		}
		return l
	}
	for _, p := range progs {
		if err := with(p).Validate(p.canvas.Has); err != nil {
			return fmt.Errorf("%w: %v", ErrBadInput, err)
		}
	}
	for _, p := range progs {
		l := with(p)
		if err := p.canvas.SetLayout(l, transitionOf(transition)); err != nil {
			return fmt.Errorf("%w: %s%v", ErrBadInput, p.where, err)
		}
		s.events.publish(Event{Kind: EventLayout, Subject: string(l.Kind), Canvas: p.cfg.ID, State: fmt.Sprint(l.Sources)})
	}
	s.log.Info("main source", "source", id, "transition", transition)
	return nil
}
