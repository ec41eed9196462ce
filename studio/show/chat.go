package show

import (
	"net"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Chat is one [[chat]] entry: a chat room the show reads and moderates.
//   - kind = "irc": plain IRC, or Twitch's IRC gateway (server, channel,
//     nick, tls; the server password, when it wants one, such as Twitch's
//     "oauth:…", from token_env or key_name).
//   - kind = "platform": the viewer page's chat on the shopping platform's
//     relay, over the show's [platform] socket (no fields of its own).
//   - kind = "youtube": a YouTube live chat, by live_chat_id or by the
//     broadcast's video_id; the OAuth access token from token_env or
//     key_name.
//
// Secrets come from the environment or the key store, never from the file.
type Chat struct {
	Kind    string `toml:"kind"`    // "irc", "platform" or "youtube"
	Server  string `toml:"server"`  // irc: host:port, such as irc.libera.chat:6697
	Channel string `toml:"channel"` // irc: "#shop"
	Nick    string `toml:"nick"`    // irc
	TLS     bool   `toml:"tls"`     // irc
	// LiveChatID or VideoID name a YouTube chat (youtube).
	LiveChatID string `toml:"live_chat_id"`
	VideoID    string `toml:"video_id"`
	// TokenEnv or KeyName name the server password (irc, optional) or the
	// OAuth token (youtube, required).
	TokenEnv string `toml:"token_env"`
	KeyName  string `toml:"key_name"`
}

// Chat kinds.
const (
	ChatIRC      = "irc"
	ChatPlatform = "platform"
	ChatYouTube  = "youtube"
)

// Name is how logs and errors name the entry: its kind and what it reads.
func (c Chat) Name() string {
	switch c.Kind {
	case ChatPlatform:
		return "platform"
	case ChatYouTube:
		if c.LiveChatID != "" {
			return "youtube " + c.LiveChatID
		}
		return "youtube video " + c.VideoID
	}
	return c.Kind + " " + c.Server + " " + c.Channel
}

var (
	liveChatIDPattern = regexp.MustCompile(`^[A-Za-z0-9_=.-]{1,200}$`)
	videoIDPattern    = regexp.MustCompile(`^[A-Za-z0-9_-]{11}$`)
)

func (f *File) validateChat() error {
	seen := map[string]bool{}
	for i, c := range f.Chat {
		if err := validateChat(i, c); err != nil {
			return err
		}
		at := "chat " + strconv.Itoa(i+1)
		if c.Kind == ChatPlatform && !f.Platform.Enabled() {
			return bad("%s: kind \"platform\" reads the chat over the show's [platform] socket: add a [platform] table with events and token_env", at)
		}
		key := strings.ToLower(c.Server + " " + c.Channel)
		switch c.Kind {
		case ChatPlatform:
			key = "platform"
		case ChatYouTube:
			key = "youtube " + c.LiveChatID + " " + c.VideoID
		}
		if seen[key] {
			return bad("%s: %s is already in the show", at, c.Name())
		}
		seen[key] = true
	}
	return nil
}

func validateChat(i int, c Chat) error {
	at := "chat " + strconv.Itoa(i+1)
	var err error
	switch c.Kind {
	case ChatIRC:
		err = validateIRC(at, c)
	case ChatPlatform:
		err = onlyFields(at, c, nil)
	case ChatYouTube:
		err = validateYouTube(at, c)
	case "":
		return bad("%s: kind is missing: want \"irc\", \"platform\" or \"youtube\"", at)
	default:
		return bad("%s: kind %q: want \"irc\", \"platform\" or \"youtube\"", at, c.Kind)
	}
	if err != nil {
		return err
	}
	return validateTokenRef(at, c.TokenEnv, c.KeyName)
}

// validateTokenRef checks how a [[chat]] entry or the [platform] table
// names its secret: token_env an environment variable's name, key_name a
// key store name, at most one of them.
func validateTokenRef(at, tokenEnv, keyName string) error {
	if tokenEnv != "" && !envPattern.MatchString(tokenEnv) {
		return bad("%s: token_env %q is not an environment variable name", at, tokenEnv)
	}
	if keyName != "" {
		if !keyNamePattern.MatchString(keyName) {
			return bad("%s: key_name %q: use letters, digits, '.', '_' or '-' (at most 64)", at, keyName)
		}
		if tokenEnv != "" {
			return bad("%s: give key_name or token_env, not both", at)
		}
	}
	return nil
}

func validateIRC(at string, c Chat) error {
	if err := onlyFields(at, c, []string{"server", "channel", "nick", "tls", "token_env", "key_name"}); err != nil {
		return err
	}
	host, port, err := net.SplitHostPort(c.Server)
	if err != nil || host == "" {
		return bad("%s: server %q: want host:port, such as irc.example.org:6697", at, c.Server)
	}
	if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 {
		return bad("%s: server %q: port %q is not a port number", at, c.Server, port)
	}
	if len(c.Channel) < 2 || len(c.Channel) > 50 || !strings.ContainsRune("#&", rune(c.Channel[0])) ||
		strings.ContainsAny(c.Channel, " ,\x07\r\n\x00") {
		return bad("%s: channel %q: want a channel name such as #shop", at, c.Channel)
	}
	if !validNick(c.Nick) {
		return bad("%s: nick %q: want 1 to 30 letters, digits or []\\`_^{|}-, not starting with a digit or '-'", at, c.Nick)
	}
	return nil
}

func validateYouTube(at string, c Chat) error {
	if err := onlyFields(at, c, []string{"live_chat_id", "video_id", "token_env", "key_name"}); err != nil {
		return err
	}
	switch {
	case c.LiveChatID == "" && c.VideoID == "":
		return bad("%s: youtube needs live_chat_id, or video_id (the broadcast's, to look its chat up)", at)
	case c.LiveChatID != "" && c.VideoID != "":
		return bad("%s: give live_chat_id or video_id, not both", at)
	case c.LiveChatID != "" && !liveChatIDPattern.MatchString(c.LiveChatID):
		return bad("%s: live_chat_id %q is not a YouTube live chat id", at, c.LiveChatID)
	case c.VideoID != "" && !videoIDPattern.MatchString(c.VideoID):
		return bad("%s: video_id %q: want the 11 characters after watch?v=", at, c.VideoID)
	case c.TokenEnv == "" && c.KeyName == "":
		return bad("%s: youtube needs the OAuth access token: name it with token_env or key_name", at)
	}
	return nil
}

// onlyFields refuses a field the entry's kind does not use, so a platform
// entry with a server, say, is not silently read as something else.
func onlyFields(at string, c Chat, allowed []string) error {
	for _, f := range []struct {
		name string
		set  bool
	}{{"server", c.Server != ""}, {"channel", c.Channel != ""}, {"nick", c.Nick != ""}, {"tls", c.TLS},
		{"live_chat_id", c.LiveChatID != ""}, {"video_id", c.VideoID != ""},
		{"token_env", c.TokenEnv != ""}, {"key_name", c.KeyName != ""}} {
		if !f.set {
			continue
		}
		if !slices.Contains(allowed, f.name) {
			return bad("%s: %s is not a field of kind %q", at, f.name, c.Kind)
		}
	}
	return nil
}

// validNick follows RFC 2812's nickname, with the length servers allow today.
func validNick(n string) bool {
	if n == "" || len(n) > 30 {
		return false
	}
	for i, r := range n {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', strings.ContainsRune("[]\\`_^{|}", r):
		case i > 0 && (r >= '0' && r <= '9' || r == '-'):
		default:
			return false
		}
	}
	return true
}
