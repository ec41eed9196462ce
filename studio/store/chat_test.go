package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

var chatT0 = time.Date(2025, 5, 1, 19, 0, 0, 0, time.UTC)

func TestChatWriteReadBack(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	big := strings.Repeat("x", 64<<10)
	huge := strings.Repeat("é", MaxChatText) // 2 bytes a rune: cut inside must not split one
	msgs := []ChatMessage{
		{Show: "s1", Platform: "twitch", MessageID: "m1", User: "u1", Display: "Anna", Badges: []string{"subscriber", "buyer"},
			Loyalty: 3, Text: "is it silk?", SentAt: chatT0, Action: "allow", Queues: []string{"question"}, Shown: true,
			Emotes: []ChatEmote{{ID: "25", Start: 0, End: 4}}, AccountCreated: chatT0.Add(-time.Hour)},
		{Show: "s1", Platform: "twitch", MessageID: "m2", User: "u2", Text: "send 1 \xff BTC", SentAt: chatT0.Add(time.Second),
			Action: "block", Rules: []string{"scam"}, Reasons: []string{`phrase "send"`}},
		{Show: "s1", Platform: "twitch", MessageID: "m3", User: "u2", Text: big, SentAt: chatT0.Add(2 * time.Second),
			Action: "hold", Rules: []string{"length"}, Queues: []string{"held"}},
		{Show: "s1", Platform: "twitch", MessageID: "m4", User: "u2", Text: huge, SentAt: chatT0.Add(3 * time.Second), Action: "hold"},
	}
	res := []ChatResolution{{Show: "s1", MessageID: "m3", Verdict: "denied", Moderator: "mod", At: chatT0.Add(time.Minute)}}
	if err := db.WriteChat(ctx, msgs, res); err != nil {
		t.Fatal(err)
	}
	if n, err := db.ChatCount(ctx, "s1"); err != nil || n != len(msgs) {
		t.Fatalf("count %d %v, want %d", n, err, len(msgs))
	}
	m1, err := db.ChatMessageByID(ctx, "s1", "twitch", "m1")
	if err != nil {
		t.Fatal(err)
	}
	if m1.Display != "Anna" || !slices.Equal(m1.Badges, []string{"subscriber", "buyer"}) || m1.Loyalty != 3 ||
		!slices.Equal(m1.Queues, []string{"question"}) || !m1.Shown || len(m1.Emotes) != 1 ||
		!m1.SentAt.Equal(chatT0) || !m1.AccountCreated.Equal(chatT0.Add(-time.Hour)) || len(m1.Rules) != 0 {
		t.Errorf("read back %+v", m1)
	}
	m2, _ := db.ChatMessageByID(ctx, "s1", "twitch", "m2")
	if m2.Text != "send 1 \xff BTC" || m2.Action != "block" || m2.Rules[0] != "scam" {
		t.Errorf("invalid UTF-8 must come back byte for byte: %q %+v", m2.Text, m2)
	}
	m3, _ := db.ChatMessageByID(ctx, "s1", "twitch", "m3")
	if m3.Text != big || m3.TextBytes != len(big) || m3.Verdict != "denied" {
		t.Errorf("64 KiB message: %d bytes back of %d, verdict %q", len(m3.Text), m3.TextBytes, m3.Verdict)
	}
	m4, _ := db.ChatMessageByID(ctx, "s1", "twitch", "m4")
	if len(m4.Text) > MaxChatText || !strings.HasPrefix(huge, m4.Text) || m4.TextBytes != len(huge) || !strings.HasSuffix(m4.Text, "é") {
		t.Errorf("an over-long message is cut on a rune to at most %d bytes: got %d, text_bytes %d", MaxChatText, len(m4.Text), m4.TextBytes)
	}
	if _, err := db.ChatMessageByID(ctx, "s1", "twitch", "nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing message: %v", err)
	}
}

func TestChatUserCard(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	var msgs []ChatMessage
	for i, show := range []string{"s1", "s1", "s2", "s3", "s3", "s3"} {
		msgs = append(msgs, ChatMessage{Show: show, Platform: "relay", MessageID: fmt.Sprint(i), User: "v12",
			Display: fmt.Sprint("anna", i), Text: fmt.Sprint("msg ", i), SentAt: chatT0.Add(time.Duration(i) * time.Hour), Action: "allow"})
	}
	msgs = append(msgs, ChatMessage{Show: "s3", Platform: "relay", MessageID: "x", User: "v13", Text: "other", SentAt: chatT0, Action: "allow"})
	if err := db.WriteChat(ctx, msgs, nil); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if err := db.AddChatPurchase(ctx, "s1", "relay", "v12", "GZ-PUR-S", 1, chatT0); err != nil {
			t.Fatal(err)
		}
	}
	u, err := db.ChatUser(ctx, "relay", "v12", "s3", 2)
	if err != nil {
		t.Fatal(err)
	}
	if u.Shows != 3 || u.Messages != 6 || u.Purchases != 2 || u.Display != "anna5" || len(u.ThisShow) != 2 ||
		u.ThisShow[0].Text != "msg 5" || len(u.PastShows) != 2 || u.PastShows[0].Show != "s2" || u.PastShows[1].Messages != 2 ||
		!u.FirstSeen.Equal(chatT0) || !u.LastSeen.Equal(chatT0.Add(5*time.Hour)) {
		t.Errorf("card %+v", u)
	}
	regs, err := db.ChatRegulars(ctx, "relay", "s3")
	if err != nil {
		t.Fatal(err)
	}
	if regs["v12"] != (ChatLoyalty{Shows: 2, Purchases: 2}) || regs["v13"] != (ChatLoyalty{}) {
		t.Errorf("regulars %+v: v12 wrote in 2 other shows and bought twice; v13 is new", regs)
	}
}

func TestChatAuditLog(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	ban, err := db.LogChatAction(ctx, ChatAction{Show: "s1", At: chatT0, Moderator: "mia", Action: "ban",
		Platform: "irc", User: "spammer", Reason: "spam"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.LogChatAction(ctx, ChatAction{Show: "s1", At: chatT0, Action: "ban"}); err == nil {
		t.Error("an action without a moderator was logged")
	}
	unban, err := db.LogChatAction(ctx, ChatAction{Show: "s1", At: chatT0.Add(time.Minute), Moderator: "tom",
		Action: "unban", Platform: "irc", User: "spammer", Undoes: ban})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.LogChatAction(ctx, ChatAction{Show: "s1", At: chatT0, Moderator: "tom", Action: "unban", Undoes: ban}); !errors.Is(err, ErrNotFound) {
		t.Errorf("undoing twice: %v, want ErrNotFound", err)
	}
	a, err := db.ChatActionByID(ctx, ban)
	if err != nil {
		t.Fatal(err)
	}
	if a.UndoneBy != unban || a.Moderator != "mia" || a.Result != "ok" || !a.At.Equal(chatT0) {
		t.Errorf("ban row %+v", a)
	}
	log, err := db.ChatActions(ctx, "s1", 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(log) != 2 || log[0].ID != unban || log[0].Undoes != ban {
		t.Errorf("log %+v: the failed undo must have left no row", log)
	}
	hist, err := db.ChatUserActions(ctx, "irc", "spammer", 10)
	if err != nil || len(hist) != 2 {
		t.Errorf("user history %+v %v", hist, err)
	}
	if _, err := db.ChatActionByID(ctx, 999); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing action: %v", err)
	}
}
