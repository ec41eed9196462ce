package irc

import (
	"testing"
	"time"
)

// Lines as Twitch sends them (from its IRC guide), through Parse and
// Interpret.
func TestTwitchLines(t *testing.T) {
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	cases := []struct {
		name, line string
		check      func(t *testing.T, e Event)
	}{
		{"message with badges and emotes",
			`@badge-info=subscriber/8;badges=moderator/1,subscriber/6;color=#0D4200;display-name=RonniDavis;emotes=25:0-4,12-16/1902:6-10;id=b34ccfc7-4977-403a-8a94-33c6bac34fb8;mod=1;tmi-sent-ts=1507246572675;user-id=1337 :ronnidavis!ronnidavis@ronnidavis.tmi.twitch.tv PRIVMSG #shop :Kappa Keepo Kappa`,
			func(t *testing.T, e Event) {
				if e.Kind != Chat || e.ID != "b34ccfc7-4977-403a-8a94-33c6bac34fb8" || e.Display != "RonniDavis" || e.User != "ronnidavis" || e.UserID != "1337" {
					t.Errorf("%+v", e)
				}
				if e.Text != "Kappa Keepo Kappa" || e.Badges["moderator"] != "1" || e.Badges["subscriber"] != "6" || len(e.Emotes) != 3 {
					t.Errorf("text %q badges %v emotes %v", e.Text, e.Badges, e.Emotes)
				}
				if !e.Time.Equal(time.UnixMilli(1507246572675)) {
					t.Errorf("time %v, want the tmi-sent-ts", e.Time)
				}
			}},
		{"/me with an escaped tag",
			`@display-name=Ana\sMaria;id=1 :ana!ana@x PRIVMSG #shop :` + "\x01ACTION waves\x01",
			func(t *testing.T, e Event) {
				if !e.Action || e.Text != "waves" || e.Display != "Ana Maria" {
					t.Errorf("%+v", e)
				}
			}},
		{"one message deleted",
			`@login=spammer;room-id=;target-msg-id=abc-123;tmi-sent-ts=1642720582342 :tmi.twitch.tv CLEARMSG #shop :buy followers`,
			func(t *testing.T, e Event) {
				if e.Kind != Delete || e.TargetID != "abc-123" || e.User != "spammer" {
					t.Errorf("%+v", e)
				}
			}},
		{"timeout", `@ban-duration=600;room-id=12345678;target-user-id=87654321;tmi-sent-ts=1642715756806 :tmi.twitch.tv CLEARCHAT #shop :ronni`,
			func(t *testing.T, e Event) {
				if e.Kind != Clear || e.User != "ronni" || e.Duration != 10*time.Minute || e.UserID != "87654321" {
					t.Errorf("%+v", e)
				}
			}},
		{"permanent ban", `@room-id=12345678;target-user-id=87654321;tmi-sent-ts=1642715695392 :tmi.twitch.tv CLEARCHAT #shop :ronni`,
			func(t *testing.T, e Event) {
				if e.Kind != Clear || e.User != "ronni" || e.Duration != 0 {
					t.Errorf("%+v", e)
				}
			}},
		{"whole chat cleared", `@room-id=12345678;tmi-sent-ts=1642715695392 :tmi.twitch.tv CLEARCHAT #shop`,
			func(t *testing.T, e Event) {
				if e.Kind != Clear || e.User != "" {
					t.Errorf("%+v", e)
				}
			}},
		{"slow mode", `@emote-only=0;followers-only=10;r9k=0;room-id=1;slow=30;subs-only=0 :tmi.twitch.tv ROOMSTATE #shop`,
			func(t *testing.T, e Event) {
				if e.Kind != Room || e.Room["slow"] != "30" || e.Room["followers-only"] != "10" {
					t.Errorf("%+v", e)
				}
			}},
		{"notice", `@msg-id=msg_banned :tmi.twitch.tv NOTICE #shop :You are permanently banned from talking in shop.`,
			func(t *testing.T, e Event) {
				if e.Kind != Notice || e.NoticeID != "msg_banned" {
					t.Errorf("%+v", e)
				}
			}},
		{"reconnect", `:tmi.twitch.tv RECONNECT`, func(t *testing.T, e Event) {
			if e.Kind != Reconnect {
				t.Errorf("%+v", e)
			}
		}},
		{"plain IRC ban", `:host!host@127.0.0.1 MODE #shop +b spammer!*@*`, func(t *testing.T, e Event) {
			if e.Kind != Ban || e.User != "spammer" {
				t.Errorf("%+v", e)
			}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e, ok := Interpret(Parse(c.line), now)
			if !ok {
				t.Fatalf("not an event: %q", c.line)
			}
			c.check(t, e)
		})
	}
}

// Malformed lines never panic and give no event.
func TestMalformedLines(t *testing.T) {
	for _, line := range []string{"", "@", ":", "@a=b", ": PRIVMSG", "@;;; :x", string(make([]byte, 100000)), "PRIVMSG", "@k=\\ :a PRIVMSG #c :\xff\xfe"} {
		l := Parse(line)
		Interpret(l, time.Now())
	}
	if got := unescapeTag(`a\:b\sc\\d\`); got != `a;b c\d` {
		t.Errorf("unescape = %q", got)
	}
}
