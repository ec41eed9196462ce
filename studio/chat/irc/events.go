package irc

import (
	"strconv"
	"strings"
	"time"
)

// EventKind says what an IRC line meant for the chat.
type EventKind string

const (
	Chat      EventKind = "chat"      // a message (PRIVMSG, /me included)
	Delete    EventKind = "delete"    // one message removed (Twitch CLEARMSG)
	Clear     EventKind = "clear"     // a user timed out or banned, or the whole chat cleared (CLEARCHAT)
	Room      EventKind = "room"      // the room's modes changed (ROOMSTATE: slow, followers-only, ...)
	Notice    EventKind = "notice"    // a server notice, with Twitch's msg-id when there is one
	Kick      EventKind = "kick"      // someone was kicked (plain IRC's ban is KICK + MODE +b)
	Ban       EventKind = "ban"       // MODE +b on the channel
	Unban     EventKind = "unban"     // MODE -b
	Reconnect EventKind = "reconnect" // the server asks us to reconnect (Twitch RECONNECT)
)

// Emote is one emote in a message's text, as rune offsets (inclusive).
type Emote struct {
	ID         string
	Start, End int
}

// Event is one thing that happened in the channel.
type Event struct {
	Kind     EventKind
	Channel  string
	ID       string // the message's id (Twitch's id tag); empty on plain IRC
	User     string // login / nick
	UserID   string
	Display  string
	Text     string
	Action   bool              // a /me message
	Badges   map[string]string // badge → version: moderator/1, subscriber/12, broadcaster/1
	Emotes   []Emote
	Time     time.Time
	TargetID string        // Delete: the message removed
	Duration time.Duration // Clear: a timeout's length; 0 with a User is a permanent ban
	Room     map[string]string
	NoticeID string
	Mask     string // Ban/Unban: the ban mask
}

// Interpret reads one line as a chat event; ok is false for lines that are
// protocol only (PING, numerics, JOIN ...).
func Interpret(l Line, now time.Time) (e Event, ok bool) {
	e = Event{Channel: l.Param(0), Time: now, User: strings.ToLower(l.Nick()), Display: l.Nick()}
	tag := func(k string) string { return l.Tags[k] }
	if ts, err := strconv.ParseInt(tag("tmi-sent-ts"), 10, 64); err == nil {
		e.Time = time.UnixMilli(ts)
	}
	switch l.Command {
	case "PRIVMSG":
		e.Kind, e.ID, e.UserID, e.Text = Chat, tag("id"), tag("user-id"), l.Param(1)
		if d := tag("display-name"); d != "" {
			e.Display = d
		}
		if strings.HasPrefix(e.Text, "\x01ACTION ") && strings.HasSuffix(e.Text, "\x01") {
			e.Action, e.Text = true, e.Text[8:len(e.Text)-1]
		}
		e.Badges = parseBadges(tag("badges"))
		e.Emotes = parseEmotes(tag("emotes"))
	case "CLEARMSG":
		e.Kind, e.TargetID, e.User, e.Text = Delete, tag("target-msg-id"), tag("login"), l.Param(1)
	case "CLEARCHAT":
		e.Kind, e.User, e.Display = Clear, strings.ToLower(l.Param(1)), l.Param(1)
		e.UserID = tag("target-user-id")
		if secs, err := strconv.Atoi(tag("ban-duration")); err == nil {
			e.Duration = time.Duration(secs) * time.Second
		}
	case "ROOMSTATE":
		e.Kind, e.Room, e.User, e.Display = Room, l.Tags, "", ""
	case "NOTICE":
		e.Kind, e.NoticeID, e.Text = Notice, tag("msg-id"), l.Param(1)
	case "KICK":
		e.Kind, e.User, e.Display, e.Text = Kick, strings.ToLower(l.Param(1)), l.Param(1), l.Param(2)
	case "MODE":
		if !strings.HasPrefix(e.Channel, "#") || len(l.Params) < 3 {
			return e, false
		}
		switch l.Param(1) {
		case "+b":
			e.Kind = Ban
		case "-b":
			e.Kind = Unban
		default:
			return e, false
		}
		e.Mask = l.Param(2)
		e.User = strings.ToLower(strings.TrimSuffix(e.Mask, "!*@*"))
	case "RECONNECT":
		e.Kind = Reconnect
	default:
		return e, false
	}
	return e, true
}

// parseBadges reads "moderator/1,subscriber/12".
func parseBadges(s string) map[string]string {
	if s == "" {
		return nil
	}
	out := map[string]string{}
	for _, b := range strings.Split(s, ",") {
		name, ver, _ := strings.Cut(b, "/")
		if name != "" {
			out[name] = ver
		}
	}
	return out
}

// parseEmotes reads "25:0-4,12-16/1902:6-10".
func parseEmotes(s string) []Emote {
	var out []Emote
	for _, group := range strings.Split(s, "/") {
		id, ranges, ok := strings.Cut(group, ":")
		if !ok {
			continue
		}
		for _, r := range strings.Split(ranges, ",") {
			a, b, ok := strings.Cut(r, "-")
			start, err1 := strconv.Atoi(a)
			end, err2 := strconv.Atoi(b)
			if ok && err1 == nil && err2 == nil && start <= end {
				out = append(out, Emote{ID: id, Start: start, End: end})
			}
		}
	}
	return out
}
