package show

import (
	"net"
	"strconv"
	"strings"
)

// Chat is one [[chat]] entry: a chat room the show reads and moderates.
// Only kind = "irc" exists so far (plain IRC, or Twitch's IRC gateway).
// The password, when the server wants one (Twitch's "oauth:…"), comes
// from the environment or the key store, never from the file.
type Chat struct {
	Kind    string `toml:"kind"`    // "irc"
	Server  string `toml:"server"`  // host:port, such as irc.libera.chat:6697
	Channel string `toml:"channel"` // "#shop"
	Nick    string `toml:"nick"`
	TLS     bool   `toml:"tls"`
	// TokenEnv or KeyName name the server password; both may be empty.
	TokenEnv string `toml:"token_env"`
	KeyName  string `toml:"key_name"`
}

// Name is how logs and errors name the entry: kind, server and channel.
func (c Chat) Name() string { return c.Kind + " " + c.Server + " " + c.Channel }

func (f *File) validateChat() error {
	seen := map[string]bool{}
	for i, c := range f.Chat {
		if err := validateChat(i, c); err != nil {
			return err
		}
		key := strings.ToLower(c.Server + " " + c.Channel)
		if seen[key] {
			return bad("chat %d: %s %s is already in the show", i+1, c.Server, c.Channel)
		}
		seen[key] = true
	}
	return nil
}

func validateChat(i int, c Chat) error {
	at := "chat " + strconv.Itoa(i+1)
	switch c.Kind {
	case "irc":
	case "":
		return bad("%s: kind is missing: want \"irc\"", at)
	default:
		return bad("%s: kind %q: want \"irc\"", at, c.Kind)
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
	if c.TokenEnv != "" && !envPattern.MatchString(c.TokenEnv) {
		return bad("%s: token_env %q is not an environment variable name", at, c.TokenEnv)
	}
	if c.KeyName != "" {
		if !keyNamePattern.MatchString(c.KeyName) {
			return bad("%s: key_name %q: use letters, digits, '.', '_' or '-' (at most 64)", at, c.KeyName)
		}
		if c.TokenEnv != "" {
			return bad("%s: give key_name or token_env, not both", at)
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
