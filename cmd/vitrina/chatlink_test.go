package main

import (
	"context"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/vitrina-live/vitrina/studio/media/mediatest"
)

// A show with an IRC [[chat]]: a viewer's question is triaged and stored;
// a ban through the control API kicks and bans on the server and keeps the
// user's messages out; a pin puts the message on the program.
func TestChatLinkAgainstNgircd(t *testing.T) {
	port := mediatest.StartNgircd(t).Port
	body := strings.SplitN(sellingShow, "[[cue]]", 2)[0]
	body = strings.Replace(body, `title = "Selling cues"`, `title = "Chat show"`, 1)
	body += fmt.Sprintf("\n[[chat]]\nkind = \"irc\"\nserver = \"127.0.0.1:%d\"\nchannel = \"#shop\"\nnick = \"vitrina\"\n", port)
	dir, data := showFolder(t, body, sellingCatalog), t.TempDir()
	s, api := runControlled(t, dir, data, nil, "--for", "2m", "--record", filepath.Join(dir, "show.mkv"))
	moderate := func(body string) {
		t.Helper()
		api.post("moderate", body)
	}
	// First in the channel: ngircd makes the studio its operator.
	s.waitFor(t, 0, 30*time.Second, "chat connection", "state=live")
	s.waitFor(t, 0, 30*time.Second, "program started")

	buyer := mediatest.JoinIRC(t, port, "buyer", "#shop")
	spammer := mediatest.JoinIRC(t, port, "spammer", "#shop")
	buyer.Say("#shop", "is the blue one in size M?")
	i, _ := s.waitFor(t, 0, 15*time.Second, "chat: triaged", "user=buyer", "queues=question")
	line := s.lineAt(i)
	id := regexp.MustCompile(`id=(\S+)`).FindStringSubmatch(line)
	if id == nil {
		t.Fatalf("no id in %q", line)
	}

	spammer.Say("#shop", "is shipping free?")
	s.waitFor(t, 0, 15*time.Second, "chat: triaged", "user=spammer")
	moderate(`{"action":"ban","user":"spammer","reason":"spam","moderator":"anna"}`)
	spammer.Expect(t, "MODE #shop +b spammer")
	spammer.Expect(t, "KICK #shop spammer")
	banned, _ := s.waitFor(t, 0, 10*time.Second, "chat action", "action=ban", "result=ok")
	spammer.Say("#shop", "why was I kicked?")
	buyer.Say("#shop", "I want it! +1")
	s.waitFor(t, banned, 15*time.Second, "chat: triaged", "user=buyer", "queues=want")
	if n := s.count("chat: triaged", "user=spammer"); n != 1 {
		t.Errorf("the banned user's messages were triaged %d times, want once (before the ban)", n)
	}

	moderate(fmt.Sprintf(`{"action":"pin","message_id":%q,"reason":"yes, in M and L"}`, id[1]))
	s.waitFor(t, 0, 10*time.Second, "overlay=pinned_comment")
	moderate(`{"action":"unpin"}`)
	s.waitFor(t, 0, 10*time.Second, "overlay off", "overlay=pinned_comment")

	log := s.stop(t, 30*time.Second)
	if !strings.Contains(log, "chat summary") || !strings.Contains(log, "questions=2") || !strings.Contains(log, "want_it=1") {
		t.Errorf("no summary with 2 questions and 1 want-it:\n%s", log)
	}

	ctx := context.Background()
	db := openStore(t, data)
	m, err := db.ChatMessageByID(ctx, "Chat show", "irc", id[1])
	if err != nil {
		t.Fatalf("the question is not in the store: %v", err)
	}
	if m.Text != "is the blue one in size M?" || m.User != "buyer" {
		t.Errorf("stored %q by %q", m.Text, m.User)
	}
	acts, err := db.ChatActions(ctx, "Chat show", 10)
	if err != nil {
		t.Fatal(err)
	}
	var sawBan bool
	for _, a := range acts {
		if a.Action == "ban" && a.User == "spammer" && a.Moderator == "anna" {
			sawBan = true
		}
	}
	if !sawBan {
		t.Errorf("no ban by anna in the audit log: %+v", acts)
	}
}
