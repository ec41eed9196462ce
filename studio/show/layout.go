package show

// IDs lists the sources a layout shows, in the order its kind places them:
// single [main], pip [main inset], side-by-side [main second], grid sources.
func (l Layout) IDs() []string {
	switch l.Kind {
	case "single":
		return []string{l.Main}
	case "pip":
		return []string{l.Main, l.Inset}
	case "side-by-side":
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
	need := map[string]string{"single": "main", "pip": "main and inset", "side-by-side": "main and second"}
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
	return nil
}
