package irc

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/vitrina-live/vitrina/studio/chat"
)

// Message maps a Chat event to the pipeline's message. Twitch gives a
// stable user-id tag and a display name; plain IRC only the nick, which
// then is the user.
func (e Event) Message(platform string) chat.Message {
	m := chat.Message{ID: e.ID, Platform: platform, Channel: e.Channel, User: e.User, Display: e.Display,
		Text: e.Text, Time: e.Time}
	if e.UserID != "" {
		m.User = e.UserID
	}
	_, m.Badges.Moderator = e.Badges["moderator"]
	_, m.Badges.Subscriber = e.Badges["subscriber"]
	_, m.Badges.Broadcaster = e.Badges["broadcaster"]
	if _, founder := e.Badges["founder"]; founder {
		m.Badges.Subscriber = true
	}
	for _, em := range e.Emotes {
		m.Emotes = append(m.Emotes, chat.Emote{ID: em.ID, Start: em.Start, End: em.End})
	}
	return m
}

// Platform names the client's platform: Twitch when it talks to Twitch's
// servers, plain IRC otherwise.
func (c *Client) Platform() string {
	if strings.Contains(strings.ToLower(c.Addr), "twitch.tv") {
		return chat.PlatformTwitch
	}
	return chat.PlatformIRC
}

// Enforce applies a ban, timeout or unban seen in the channel (another
// moderator's, or ours echoed back) to the pipeline, so the pane keeps the
// user out as the server does.
func Enforce(p *chat.Pipeline, platform string, e Event) {
	user := e.User
	if e.UserID != "" {
		user = e.UserID
	}
	switch {
	case user == "":
	case e.Kind == Clear && e.Duration > 0:
		p.Restrict(platform, user, e.Time.Add(e.Duration))
	case e.Kind == Clear, e.Kind == Ban:
		p.Restrict(platform, user, time.Time{})
	case e.Kind == Unban:
		p.Unrestrict(platform, user)
	}
}

// Moderator is the IRC connection's chat.Moderator. On plain IRC, with
// channel operator rights: a ban is MODE +b and KICK, a timeout a ban
// lifted after the time. Deleting one message is not possible on IRC, and
// Twitch takes its moderation through the Helix API: both are
// chat.ErrUnsupported, and the studio applies them locally only.
type Moderator struct{ C *Client }

var _ chat.Moderator = Moderator{}

// nick is who an action names: IRC acts by nick, and on Twitch the user
// is the numeric id while the login is the display name in lower case.
func nick(u chat.UserRef) string {
	if u.Display != "" && strings.Trim(u.User, "0123456789") == "" {
		return strings.ToLower(u.Display)
	}
	return u.User
}

func (m Moderator) Delete(context.Context, chat.Message) error {
	return fmt.Errorf("%w: IRC cannot delete one message", chat.ErrUnsupported)
}

func (m Moderator) Timeout(_ context.Context, u chat.UserRef, d time.Duration, reason string) error {
	return wrap(m.C.Timeout(nick(u), d, reason))
}

func (m Moderator) LiftTimeout(_ context.Context, u chat.UserRef) error {
	return wrap(m.C.Unban(nick(u)))
}

func (m Moderator) Ban(_ context.Context, u chat.UserRef, reason string) error {
	return wrap(m.C.Ban(nick(u), reason))
}

func (m Moderator) Unban(_ context.Context, u chat.UserRef) error { return wrap(m.C.Unban(nick(u))) }

// maxSay keeps a reply inside one IRC line (512 bytes with the command,
// the channel and the server's prefix).
const maxSay = 400

// Reply says the text in the channel, addressed to the author, cut to
// one line.
func (m Moderator) Reply(_ context.Context, text string, to chat.Message) error {
	if name := to.Display; name != "" {
		text = "@" + name + " " + text
	}
	text = strings.ToValidUTF8(text, "")
	if len(text) > maxSay {
		text = text[:maxSay]
		for !utf8.ValidString(text) {
			text = text[:len(text)-1]
		}
	}
	return wrap(m.C.Say(text))
}

// wrap marks this package's "not possible here" as the chat package's, so
// the actions know the platform refused and the studio acted alone.
func wrap(err error) error {
	if errors.Is(err, ErrUnsupported) {
		return fmt.Errorf("%w: %w", chat.ErrUnsupported, err)
	}
	return err
}
