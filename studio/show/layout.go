package show

// IDs lists the sources a layout shows, in the order its kind places them:
// single and rail [main], pip [main inset], side-by-side and stack [main
// second] (stack: main on top), grid sources.
func (l Layout) IDs() []string {
	switch l.Kind {
	case "single", "rail":
		return []string{l.Main}
	case "pip":
		return []string{l.Main, l.Inset}
	case "side-by-side", "stack":
		return []string{l.Main, l.Second}
	case "grid":
		return l.Sources
	}
	return nil
}

func validateLayout(where string, l Layout, kinds map[string]string) error {
	if err := oneOf(where+".kind", l.Kind, layoutKinds); err != nil {
		return err
	}
	need := map[string]string{"single": "main", "rail": "main", "pip": "main and inset",
		"side-by-side": "main and second", "stack": "main (the top) and second"}
	ids := l.IDs()
	if l.Kind == "grid" {
		if len(ids) == 0 || len(ids) > 4 {
			return bad("%s.sources: a grid takes 1 to 4 sources, got %d", where, len(ids))
		}
	}
	for _, id := range ids {
		if id == "" {
			return bad("%s: kind %q needs %s", where, l.Kind, need[l.Kind])
		}
		if !hasVideo(kinds[id]) {
			return bad("%s: %q is not a video source of this show", where, id)
		}
	}
	if err := oneOf(where+".corner", l.Corner, corners); err != nil {
		return err
	}
	if l.Scale != 0 && (l.Scale < 0.05 || l.Scale > 0.9) {
		return bad("%s.scale: %g is out of range (0.05 to 0.9)", where, l.Scale)
	}
	if l.Rail != 0 && (l.Rail < 0.05 || l.Rail > 0.75) {
		return bad("%s.rail: %g is out of range (0.05 to 0.75 of the canvas height)", where, l.Rail)
	}
	return nil
}

// Layout is the layout a layout cue switches to.
func (c Cue) Layout() Layout {
	return Layout{Kind: c.Kind, Main: c.Main, Inset: c.Inset, Second: c.Second, Sources: c.Sources,
		Corner: c.Corner, Scale: c.Scale, Rail: c.Rail}
}
