package ui

import (
	"context"
	"time"

	"github.com/vitrina-live/vitrina/studio"
	"github.com/vitrina-live/vitrina/studio/media"
	"github.com/vitrina-live/vitrina/studio/output"
	"github.com/vitrina-live/vitrina/studio/show"
)

// The panes drive the engine through these small interfaces, one per pane,
// so each pane's tests need only a fake of what that pane uses. The real
// engine, *studio.Studio, satisfies all of them that it has built today.

// Switcher is what the scene bar uses: the sources, and cuts and layouts.
type Switcher interface {
	Sources() []studio.SourceInfo
	SetLayout(ctx context.Context, l show.Layout, transition string) error
	SetMain(ctx context.Context, id, transition string) error
}

// Mixer is what the audio strip uses.
type Mixer interface {
	Sources() []studio.SourceInfo
	// Levels returns each audio source's peak in dBFS since the last call.
	Levels() map[string]float64
	SetMute(ctx context.Context, id string, mute bool) error
	SetGain(ctx context.Context, id string, dB float64) error
}

// Outputs is what the destinations panel uses.
type Outputs interface {
	Destinations() []output.Status
	StartDestination(ctx context.Context, id string) error
	StopDestination(ctx context.Context, id string) error
}

// DestinationAdder adds a destination to the running show, off air; the
// secret is held in memory only. *studio.Studio has it.
type DestinationAdder interface {
	AddDestination(ctx context.Context, d show.Destination, secret string) error
}

// DestinationChanger edits and removes destinations of the running show
// and lists them as a show file names them (no keys); *studio.Studio has
// it. Without it the rows have no Edit and Remove.
type DestinationChanger interface {
	UpdateDestination(ctx context.Context, id string, d show.Destination, secret string) error
	RemoveDestination(ctx context.Context, id string) error
	DestinationSettings() []show.Destination
}

// Recorder stops the show's recording and starts it again in a new file
// (show-2.mkv next to show.mkv); *studio.Studio is one. Without it the
// recording row has no Stop recording / Start recording button.
type Recorder interface {
	StopRecording(ctx context.Context) error
	StartRecording(ctx context.Context) error
}

// DestinationSaver keeps the show's destinations, as the window changed
// them, for its next run; *studio.SavedDestinations is one.
type DestinationSaver interface {
	Save(now []show.Destination) error
}

// KeyStore keeps stream keys by name; *keys.Store is one.
type KeyStore interface {
	Set(name, secret string) error
	Where() string
}

// Previewer hands the program preview to the window.
type Previewer interface {
	Preview(size media.Size, fps int) (<-chan *media.Frame, func())
}

// Engine is everything the window needs from a running show.
type Engine interface {
	Switcher
	Mixer
	Outputs
	Previewer
	Canvaser
	Subscribe() (<-chan studio.Event, func())
	Stats() studio.Stats
}

// Program is an engine the window also runs: Run plays the show until ctx
// ends, as `vitrina run --headless` does.
type Program interface {
	Engine
	Run(ctx context.Context) error
}

// Seller puts products and offers on air. The engine's selling commands
// (studio/selling.go) have these signatures; until they are built into the
// package the rundown pane shows its controls disabled.
type Seller interface {
	Pin(ctx context.Context, ref string) error
	Unpin(ctx context.Context) error
	StartFlashSale(ctx context.Context, ref string, priceMinor int64, stock int, d time.Duration) error
	DropPromo(ctx context.Context, code, discount string, valid, showFor time.Duration) error
}

// Rundown is the show's products in running order (the catalog store).
type Rundown interface {
	Products() []show.Product
}

// HostNotes is what a Rundown may also know: the notes and FAQ of a product,
// shown to the host only, never on air.
type HostNotes interface {
	Notes(ref string) (notes string, faq []string)
}

// ChatMessage is one message as the moderation pane shows it: the message,
// the pipeline's verdict and the queues it went to. It is the pane's own
// shape so that the pane does not move with studio/chat while that is built;
// an adapter from chat.Message and chat.Decision fills it.
type ChatMessage struct {
	ID       string
	Platform string // relay, twitch, youtube, irc, local
	User     string // stable user id
	Display  string // display name
	Badges   []string
	Text     string // already made safe for display (chat.Decision.Display)
	Time     time.Time
	Action   string   // allow, hold, block
	Queues   []string // question, want, mention, held
	Products []string // SKUs the message asks about
	Rules    []string // why it was held or blocked
	// Received is when the engine handed it over; the pane measures its
	// own delay from here.
	Received time.Time
}

// name is who wrote the message: the display name, or the user id.
func (m ChatMessage) name() string {
	if m.Display != "" {
		return m.Display
	}
	return m.User
}

// ChatAction is a moderator's action on one message.
type ChatAction string

const (
	ChatApprove ChatAction = "approve" // release a held message
	ChatDelete  ChatAction = "delete"
	ChatTimeout ChatAction = "timeout" // 10 minutes
	ChatBan     ChatAction = "ban"
)

// ChatFeed is the moderated chat: the pane subscribes to messages and sends
// actions back.
type ChatFeed interface {
	Messages() (<-chan ChatMessage, func())
	Act(ctx context.Context, msg ChatMessage, a ChatAction) error
}

// EventSelling is the event kind the selling commands will publish (pinned
// product, sale started or ended); the rundown pane follows it.
const EventSelling studio.EventKind = "selling"

// Commands runs one engine command off the UI goroutine, with a deadline,
// and shows its error to the user. Commands block until the engine loop
// takes them, so they never run on the UI goroutine.
type Commands func(cmd func(ctx context.Context) error)

// commandTimeout bounds a command: an engine that has stopped never answers.
const commandTimeout = 10 * time.Second

func (c Commands) orDefault() Commands {
	if c != nil {
		return c
	}
	return func(cmd func(ctx context.Context) error) {
		go func() {
			ctx, cancel := context.WithTimeout(context.Background(), commandTimeout)
			defer cancel()
			_ = cmd(ctx)
		}()
	}
}
