// Package irc is the chat connector for IRC: plain servers (ngircd, Libera)
// and Twitch chat, whose IRCv3 tags carry message ids, badges, emotes and
// its moderation events. It parses lines into Events and sends the few
// commands a moderator's actions need; reconnects are the output handler's.
package irc

import (
	"strings"
)

// Line is one IRC protocol line, split into its parts.
type Line struct {
	Tags    map[string]string // IRCv3 message tags, unescaped
	Prefix  string            // nick!user@host or a server name
	Command string            // PRIVMSG, PING, 001, ...
	Params  []string          // the trailing parameter is the last one
}

// Nick is the nickname part of the prefix.
func (l Line) Nick() string {
	nick, _, _ := strings.Cut(l.Prefix, "!")
	return nick
}

// Param returns parameter i, or "" when there are fewer.
func (l Line) Param(i int) string {
	if i < len(l.Params) {
		return l.Params[i]
	}
	return ""
}

// maxLine bounds what one line may cost: IRC allows 512 bytes plus 8191 of
// tags; anything longer is cut rather than trusted.
const maxLine = 16 << 10

// Parse splits a line (without its CRLF). It never fails: a malformed line
// gives whatever parts could be read, and an empty Command.
func Parse(s string) Line {
	if len(s) > maxLine {
		s = s[:maxLine]
	}
	var l Line
	if strings.HasPrefix(s, "@") {
		var tags string
		tags, s, _ = strings.Cut(s[1:], " ")
		l.Tags = parseTags(tags)
		s = strings.TrimLeft(s, " ")
	}
	if strings.HasPrefix(s, ":") {
		l.Prefix, s, _ = strings.Cut(s[1:], " ")
		s = strings.TrimLeft(s, " ")
	}
	l.Command, s, _ = strings.Cut(s, " ")
	l.Command = strings.ToUpper(l.Command)
	for s != "" {
		s = strings.TrimLeft(s, " ")
		if strings.HasPrefix(s, ":") {
			l.Params = append(l.Params, s[1:])
			break
		}
		var p string
		p, s, _ = strings.Cut(s, " ")
		if p != "" {
			l.Params = append(l.Params, p)
		}
	}
	return l
}

func parseTags(s string) map[string]string {
	tags := map[string]string{}
	for _, kv := range strings.Split(s, ";") {
		if kv == "" {
			continue
		}
		k, v, _ := strings.Cut(kv, "=")
		tags[k] = unescapeTag(v)
	}
	return tags
}

// unescapeTag undoes IRCv3's tag value escaping: \: ; \s space, \\ \, \r
// and \n; a lone backslash at the end is dropped, as the spec says.
func unescapeTag(v string) string {
	if !strings.Contains(v, `\`) {
		return v
	}
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		c := v[i]
		if c != '\\' {
			b.WriteByte(c)
			continue
		}
		i++
		if i == len(v) {
			break
		}
		switch v[i] {
		case ':':
			b.WriteByte(';')
		case 's':
			b.WriteByte(' ')
		case 'r':
			b.WriteByte('\r')
		case 'n':
			b.WriteByte('\n')
		default:
			b.WriteByte(v[i])
		}
	}
	return b.String()
}
