package show

import (
	"net/url"
	"strings"
)

// Platform is the shopping platform's event socket: the relay room the
// show's pins, sales, stock and promo codes go to, and claims come from.
// The host token comes from the environment or the key store, like a
// destination's.
type Platform struct {
	// Events is the room's event socket, ws:// or wss://, such as
	// ws://127.0.0.1:8080/show/events.
	Events   string `toml:"events"`
	TokenEnv string `toml:"token_env"`
	// KeyName names a token stored with `vitrina keys set NAME`.
	KeyName string `toml:"key_name"`
}

// Enabled tells whether the show has a [platform] table.
func (p Platform) Enabled() bool { return p.Events != "" }

// Room is the event socket's URL without credentials or query: the name
// the studio's outbox keeps the room's events under.
func (p Platform) Room() string {
	u, err := url.Parse(p.Events)
	if err != nil {
		return p.Events
	}
	u.User, u.RawQuery, u.Fragment = nil, "", ""
	return u.String()
}

func (f *File) validatePlatform() error {
	p := f.Platform
	if p == (Platform{}) {
		return nil
	}
	if p.Events == "" {
		return bad("platform: events is missing: the relay room's event socket, such as ws://127.0.0.1:8080/show/events")
	}
	u, err := url.Parse(p.Events)
	if err != nil || u.Host == "" {
		return bad("platform: events %q is not a valid URL", p.Events)
	}
	if u.Scheme != "ws" && u.Scheme != "wss" {
		return bad("platform: events scheme %q: want ws:// or wss://", u.Scheme)
	}
	if u.User != nil || strings.Contains(u.RawQuery, "token") {
		return bad("platform: events: put no credentials in the URL; name them with token_env or key_name")
	}
	if err := validateTokenRef("platform", p.TokenEnv, p.KeyName); err != nil {
		return err
	}
	if p.TokenEnv == "" && p.KeyName == "" {
		return bad("platform: name the host token with token_env or key_name")
	}
	return nil
}
