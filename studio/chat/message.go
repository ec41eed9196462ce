package chat

import "time"

// Platform names where a message came from. Connectors may use others.
const (
	PlatformRelay   = "relay"   // our shopping platform's event channel
	PlatformTwitch  = "twitch"  // IRC with Twitch tags
	PlatformIRC     = "irc"     // plain IRC
	PlatformYouTube = "youtube" // YouTube Live Chat
	PlatformLocal   = "local"   // `vitrina chat check`, tests
)

// Message is one chat message, the same shape for every platform, so that
// rules, queues and the store never care where it came from.
type Message struct {
	ID       string // the platform's id; the pipeline assigns one when empty
	Platform string
	Channel  string
	User     string // the platform's stable user id (or login when it has none)
	Display  string // display name, as the platform shows it
	Badges   Badges
	Text     string // exactly as received: stored as is, never rewritten
	Emotes   []Emote
	Time     time.Time // when it was sent; zero means "now"
	// AccountCreated is when the user's account was created, when the
	// platform tells us (zero when it does not); the new-user rule uses it.
	AccountCreated time.Time
}

// Badges are what we know of the user. They decide who bypasses which
// rules (see rules.go).
type Badges struct {
	Moderator   bool
	Subscriber  bool
	Broadcaster bool
	// Buyer: the user bought something from this shop before (from the
	// store). Known buyers are trusted like regulars.
	Buyer bool
	// Loyalty is the number of past shows the user was seen in; 0 is a
	// first-time viewer.
	Loyalty int
	// FirstMessage is the platform saying this is the user's first message
	// in the channel ever (Twitch's first-msg tag).
	FirstMessage bool
}

// Emote is an emote in the text as rune offsets, both inclusive (Twitch's
// emotes tag uses the same convention).
type Emote struct {
	ID         string
	Start, End int
}

// Action is what the pipeline does with a message.
type Action string

const (
	Allow Action = "allow" // shown in the pane (subject to the display rate)
	Hold  Action = "hold"  // kept out of the pane until a moderator approves it
	Block Action = "block" // never shown; still stored
)

// severity orders actions so the strictest verdict wins.
func (a Action) severity() int {
	switch a {
	case Block:
		return 2
	case Hold:
		return 1
	}
	return 0
}

// Queue names a triage queue.
const (
	QueueQuestion = "question"
	QueueWant     = "want"
	QueueMention  = "mention"
	QueueHeld     = "held"
)

// Decision is the pipeline's verdict on one message.
type Decision struct {
	// ID is the message's id: the platform's, or the one the pipeline
	// assigned (Approve and Deny take it).
	ID     string
	Action Action
	// Rules are the names of every rule that fired, in rule order. An
	// allowed message usually has none; a held or blocked one always has
	// at least one, so a moderator can always see why.
	Rules []string
	// Reasons says, for each entry of Rules, what matched (the term, the
	// domain, the count), for the moderator and the audit log.
	Reasons []string
	// Queues the message belongs to: question, want, mention, held.
	Queues []string
	// Products are the refs (SKUs) of products the message mentions.
	Products []string
	// Display is the text made safe for the pane: bidi overrides and
	// control characters removed, combining-mark stacks capped, length
	// capped. Message.Text keeps the original.
	Display string
	// Shown is false when the display rate limiter kept an allowed message
	// out of the pane (it is still stored and counted), and for every held
	// or blocked message.
	Shown bool
}

// InQueue reports whether the decision put the message in queue q.
func (d Decision) InQueue(q string) bool {
	for _, x := range d.Queues {
		if x == q {
			return true
		}
	}
	return false
}

// Fired reports whether rule name fired.
func (d Decision) Fired(name string) bool {
	for _, x := range d.Rules {
		if x == name {
			return true
		}
	}
	return false
}
