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
		{"unknown kind", "kind = \"slack\"\n" + base, `chat 1: kind "slack": want "irc", "platform" or "youtube"`},
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

func TestChatPlatformAndYouTube(t *testing.T) {
	const platform = "\n[platform]\nevents = \"ws://127.0.0.1:8080/show/events\"\ntoken_env = \"HOST_TOKEN\"\n"
	const yt = "\n[[chat]]\nkind = \"youtube\"\nvideo_id = \"dQw4w9WgXcQ\"\nkey_name = \"youtube-oauth\"\n"
	f, err := Load(writeShow(t, goodShow+platform+"\n[[chat]]\nkind = \"platform\"\n"+yt))
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Chat) != 2 || f.Chat[0] != (Chat{Kind: "platform"}) ||
		f.Chat[1] != (Chat{Kind: "youtube", VideoID: "dQw4w9WgXcQ", KeyName: "youtube-oauth"}) {
		t.Errorf("chat %+v", f.Chat)
	}
	if f.Chat[0].Name() != "platform" || f.Chat[1].Name() != "youtube video dQw4w9WgXcQ" {
		t.Errorf("names %q, %q", f.Chat[0].Name(), f.Chat[1].Name())
	}
	for _, c := range []struct{ name, show, want string }{
		{"platform without [platform]", goodShow + "\n[[chat]]\nkind = \"platform\"\n",
			`chat 1: kind "platform" reads the chat over the show's [platform] socket`},
		{"platform with a server", goodShow + platform + "\n[[chat]]\nkind = \"platform\"\nserver = \"h:1\"\n",
			`chat 1: server is not a field of kind "platform"`},
		{"platform twice", goodShow + platform + "\n[[chat]]\nkind = \"platform\"\n\n[[chat]]\nkind = \"platform\"\n",
			"chat 2: platform is already in the show"},
		{"youtube without a chat", goodShow + "\n[[chat]]\nkind = \"youtube\"\ntoken_env = \"YT\"\n",
			"chat 1: youtube needs live_chat_id, or video_id"},
		{"youtube with both", goodShow + "\n[[chat]]\nkind = \"youtube\"\nlive_chat_id = \"Cg0KC2RRdzR3OVdnWGNR\"\nvideo_id = \"dQw4w9WgXcQ\"\ntoken_env = \"YT\"\n",
			"chat 1: give live_chat_id or video_id, not both"},
		{"youtube bad video", goodShow + "\n[[chat]]\nkind = \"youtube\"\nvideo_id = \"watch?v=x\"\ntoken_env = \"YT\"\n",
			`chat 1: video_id "watch?v=x": want the 11 characters`},
		{"youtube without a token", goodShow + "\n[[chat]]\nkind = \"youtube\"\nlive_chat_id = \"Cg0KC2RRdzR3OVdnWGNR\"\n",
			"chat 1: youtube needs the OAuth access token: name it with token_env or key_name"},
		{"youtube with a channel", goodShow + "\n[[chat]]\nkind = \"youtube\"\nlive_chat_id = \"Cg0KC2RRdzR3OVdnWGNR\"\ntoken_env = \"YT\"\nchannel = \"#x\"\n",
			`chat 1: channel is not a field of kind "youtube"`},
		{"irc with a video", goodShow + "\n[[chat]]\nkind = \"irc\"\nserver = \"h:6667\"\nchannel = \"#shop\"\nnick = \"v\"\nvideo_id = \"dQw4w9WgXcQ\"\n",
			`chat 1: video_id is not a field of kind "irc"`},
		{"youtube twice", goodShow + yt + yt, "chat 2: youtube video dQw4w9WgXcQ is already in the show"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Load(writeShow(t, c.show))
			if !errors.Is(err, ErrBadShow) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("got %v, want ErrBadShow with %q", err, c.want)
			}
		})
	}
}
