package show

import (
	"errors"
	"strings"
	"testing"
)

func TestPlatformTable(t *testing.T) {
	ok := goodShow + "\n[platform]\nevents = \"wss://relay.example/show/events\"\ntoken_env = \"RELAY_TOKEN\"\n"
	f, err := Load(writeShow(t, ok))
	if err != nil {
		t.Fatal(err)
	}
	if !f.Platform.Enabled() || f.Platform.TokenEnv != "RELAY_TOKEN" || f.Platform.Room() != "wss://relay.example/show/events" {
		t.Errorf("platform %+v, room %q", f.Platform, f.Platform.Room())
	}
	if f, err = Load(writeShow(t, goodShow)); err != nil || f.Platform.Enabled() {
		t.Errorf("a show without [platform]: %+v, %v", f.Platform, err)
	}
	for _, c := range []struct{ name, table, want string }{
		{"no events", `token_env = "T"`, "platform: events is missing"},
		{"http scheme", "events = \"http://127.0.0.1:8080/show/events\"\ntoken_env = \"T\"", `platform: events scheme "http": want ws:// or wss://`},
		{"not a URL", "events = \"ws://\"\ntoken_env = \"T\"", `platform: events "ws://" is not a valid URL`},
		{"credentials in the URL", "events = \"ws://u:p@127.0.0.1/show/events\"\ntoken_env = \"T\"", "platform: events: put no credentials in the URL"},
		{"token in the query", "events = \"ws://127.0.0.1/show/events?token=x\"\ntoken_env = \"T\"", "platform: events: put no credentials in the URL"},
		{"no token", `events = "ws://127.0.0.1/show/events"`, "platform: name the host token with token_env or key_name"},
		{"bad env name", "events = \"ws://127.0.0.1/show/events\"\ntoken_env = \"A B\"", `platform: token_env "A B" is not an environment variable name`},
		{"bad key name", "events = \"ws://127.0.0.1/show/events\"\nkey_name = \"a/b\"", `platform: key_name "a/b"`},
		{"both", "events = \"ws://127.0.0.1/show/events\"\nkey_name = \"relay\"\ntoken_env = \"T\"", "platform: give key_name or token_env, not both"},
		{"typo", "events = \"ws://127.0.0.1/show/events\"\ntoken = \"secret\"", "unknown key platform.token"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Load(writeShow(t, goodShow+"\n[platform]\n"+c.table+"\n"))
			if !errors.Is(err, ErrBadShow) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("got %v, want ErrBadShow with %q", err, c.want)
			}
		})
	}
}
