package show

import (
	"errors"
	"strings"
	"testing"
)

func TestChatEntries(t *testing.T) {
	irc := "\n[[chat]]\nkind = \"irc\"\nserver = \"irc.example.org:6697\"\nchannel = \"#shop\"\nnick = \"vitrina\"\ntls = true\ntoken_env = \"IRC_PASS\"\n"
	f, err := Load(writeShow(t, goodShow+irc))
	if err != nil {
		t.Fatal(err)
	}
	want := Chat{Kind: "irc", Server: "irc.example.org:6697", Channel: "#shop", Nick: "vitrina", TLS: true, TokenEnv: "IRC_PASS"}
	if len(f.Chat) != 1 || f.Chat[0] != want {
		t.Errorf("chat %+v, want %+v", f.Chat, want)
	}
	if f, err = Load(writeShow(t, goodShow)); err != nil || len(f.Chat) != 0 {
		t.Errorf("a show without [[chat]]: %+v, %v", f.Chat, err)
	}
	const base = "server = \"irc.example.org:6667\"\nchannel = \"#shop\"\nnick = \"vitrina\"\n"
	for _, c := range []struct{ name, table, want string }{
		{"no kind", base, `chat 1: kind is missing`},
		{"unknown kind", "kind = \"slack\"\n" + base, `chat 1: kind "slack": want "irc"`},
		{"no port", "kind = \"irc\"\nserver = \"irc.example.org\"\nchannel = \"#shop\"\nnick = \"v\"", `chat 1: server "irc.example.org": want host:port`},
		{"bad port", "kind = \"irc\"\nserver = \"irc.example.org:99999\"\nchannel = \"#shop\"\nnick = \"v\"", `port "99999"`},
		{"no channel", "kind = \"irc\"\nserver = \"h:6667\"\nnick = \"v\"", `chat 1: channel ""`},
		{"channel without #", "kind = \"irc\"\nserver = \"h:6667\"\nchannel = \"shop\"\nnick = \"v\"", `chat 1: channel "shop"`},
		{"channel with a space", "kind = \"irc\"\nserver = \"h:6667\"\nchannel = \"#a b\"\nnick = \"v\"", `chat 1: channel "#a b"`},
		{"no nick", "kind = \"irc\"\nserver = \"h:6667\"\nchannel = \"#shop\"", `chat 1: nick ""`},
		{"nick with a digit first", "kind = \"irc\"\nserver = \"h:6667\"\nchannel = \"#shop\"\nnick = \"1v\"", `chat 1: nick "1v"`},
		{"bad env name", "kind = \"irc\"\n" + base + "token_env = \"A B\"", `chat 1: token_env "A B"`},
		{"bad key name", "kind = \"irc\"\n" + base + "key_name = \"a/b\"", `chat 1: key_name "a/b"`},
		{"both", "kind = \"irc\"\n" + base + "key_name = \"irc\"\ntoken_env = \"T\"", "chat 1: give key_name or token_env, not both"},
		{"typo", "kind = \"irc\"\n" + base + "password = \"secret\"", "unknown key chat.password"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Load(writeShow(t, goodShow+"\n[[chat]]\n"+c.table+"\n"))
			if !errors.Is(err, ErrBadShow) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("got %v, want ErrBadShow with %q", err, c.want)
			}
		})
	}
	twice := goodShow + irc + strings.Replace(irc, "#shop", "#SHOP", 1)
	if _, err := Load(writeShow(t, twice)); !errors.Is(err, ErrBadShow) || !strings.Contains(err.Error(), "chat 2:") {
		t.Errorf("the same channel twice: %v", err)
	}
}
