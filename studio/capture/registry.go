package capture

import (
	"fmt"
	"maps"
	"slices"

	"github.com/vitrina-live/vitrina/studio/media"
)

// Spec is a source as the show file (or the GUI) describes it. Each kind
// reads the fields it needs and ignores the rest.
type Spec struct {
	ID     string
	Kind   media.SourceKind
	Device string // camera, mic: the label or ID `vitrina devices` prints
	Path   string // file, image
	Color  string // testpattern: background "#rrggbb"
	Label  string // testpattern: the big text
	Size   media.Size
	FPS    int
	Freq   float64 // tone
}

// constructors is the explicit registry of source kinds: adding a kind is
// one line here, visible in review, and nothing registers itself behind
// the engine's back from an init function.
var constructors = map[media.SourceKind]func(Spec) media.Source{
	media.KindCamera: func(s Spec) media.Source {
		return &Camera{ID: s.ID, Device: s.Device, Size: s.Size, FPS: s.FPS}
	},
	media.KindMic: func(s Spec) media.Source {
		return &Mic{ID: s.ID, Device: s.Device}
	},
	media.KindTestPattern: func(s Spec) media.Source {
		return &TestPattern{ID: s.ID, Size: s.Size, FPS: s.FPS, Color: s.Color, Label: s.Label}
	},
	media.KindFile: func(s Spec) media.Source {
		return &File{ID: s.ID, Path: s.Path}
	},
	media.KindImage: func(s Spec) media.Source {
		return &Image{ID: s.ID, Path: s.Path}
	},
	media.KindTone: func(s Spec) media.Source {
		return &Tone{ID: s.ID, Freq: s.Freq}
	},
	media.KindSilence: func(s Spec) media.Source {
		return &Silence{ID: s.ID}
	},
}

// New builds the source spec describes, not yet initialised: the caller
// runs Initialize, where devices are opened and files read.
func New(spec Spec) (media.Source, error) {
	build, ok := constructors[spec.Kind]
	if !ok {
		return nil, fmt.Errorf("capture: source %q: kind %q (want one of %v): %w", spec.ID, spec.Kind, Kinds(), ErrUnknownKind)
	}
	return build(spec), nil
}

// Kinds lists the source kinds New builds, sorted, for usage messages and
// the GUI's source menu.
func Kinds() []media.SourceKind {
	return slices.Sorted(maps.Keys(constructors))
}
