package chatstore

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/vitrina-live/vitrina/studio/chat"
	"github.com/vitrina-live/vitrina/studio/store"
)

// TestBadInputPersisted: every hostile text is stored as received (the
// first 64 KiB of a longer one, with its real length), whatever the
// pipeline decided, and reads back byte for byte.
func TestBadInputPersisted(t *testing.T) {
	db := openDB(t)
	sink, err := Open(Config{DB: db, Show: "bad", Logger: quiet()})
	if err != nil {
		t.Fatal(err)
	}
	p := chat.New(chat.Config{Sink: sink, Logger: quiet()})
	texts := map[string]string{
		"64 KB":         strings.Repeat("lorem ipsum dolor ", 64<<10/18),
		"64 KiB exact":  strings.Repeat("a", 64<<10),
		"10 MB":         strings.Repeat("x y ", 10<<20/4),
		"10 MB runes":   strings.Repeat("ж", 5<<20),
		"invalid utf-8": "hello \xff\xfe\xfd world \xc3\x28",
		"zalgo":         "h̷̢̛̛̟̘̞̗̗̱̟̙̬̼̭̘̟̓̈́̋̿͊̈́̈́̈́̀̏̓̚͝e̶̡̛̗̞̥̲̫̮̗̖̠̪͔̿̃̉̈́́̄̓̀̔͝ĺ̵̡̛̜̣̘̪̖͙̞̠̱͍̈̓̊̎̋̾̓͋̀̔l̷̨̛̛̗̟̗̜͔͖̣̫͋̋̈́͐͋̾̈́͘o̸̧̨̢̗̤͈̘̯̻̫͊̋͒̈́͒̈́̓̏͑̚",
		"rtl override":  "click \u202emoc.live-kcab\u202c now",
		"controls":      "hi\x00\x01\x02\x1b[31mred\x1b[0m\x7f",
		"nul only":      "\x00\x00\x00",
		"empty":         "",
		"surrogates":    "\xed\xa0\x80",
		"emoji":         strings.Repeat("😂", 16<<10),
	}
	for name, text := range texts {
		p.Process(chat.Message{ID: name, Platform: chat.PlatformYouTube, User: "u", Display: "\u202eevil\x00", Text: text, Time: t0})
	}
	if err := sink.Close(); err != nil {
		t.Fatal(err)
	}
	for name, text := range texts {
		got, err := db.ChatMessageByID(context.Background(), "bad", chat.PlatformYouTube, name)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		want := text
		if len(want) > store.MaxChatText {
			want = text[:store.MaxChatText]
			if utf8.ValidString(text) {
				for !utf8.ValidString(want) {
					want = want[:len(want)-1]
				}
			}
		}
		if got.Text != want || got.TextBytes != len(text) || got.Display != "\u202eevil\x00" {
			t.Errorf("%s: stored %d bytes (text_bytes %d), want %d of %d as received", name, len(got.Text), got.TextBytes, len(want), len(text))
		}
	}
	if st := sink.Stats(); st.Written != uint64(len(texts)) || st.Dropped != 0 {
		t.Errorf("stats %+v", st)
	}
}

// TestActionsAudited: actions taken through chat.Actions land in the
// store's audit log with the moderator and the time, undo links both
// ways, and the user card reads the show's messages, past shows, loyalty
// and moderation history.
func TestActionsAudited(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	// A past show: the user wrote twice and bought once.
	past, _ := Open(Config{DB: db, Show: "show-1", Logger: quiet()})
	pp := chat.New(chat.Config{Sink: past, Logger: quiet()})
	for _, text := range []string{"hello!", "is it linen?"} {
		pp.Process(chat.Message{Platform: chat.PlatformRelay, User: "v12", Display: "anna", Text: text, Time: t0})
	}
	past.Close()
	if err := db.AddChatPurchase(ctx, "show-1", chat.PlatformRelay, "v12", "GZ-PUR-S", 1, t0); err != nil {
		t.Fatal(err)
	}

	sink, _ := Open(Config{DB: db, Show: "show-2", Logger: quiet()})
	defer sink.Close()
	now := t0.Add(24 * time.Hour)
	p := chat.New(chat.Config{Sink: sink, Logger: quiet(), Now: func() time.Time { return now }})
	regs, err := LoadRegulars(ctx, db, "show-2", chat.PlatformRelay)
	if err != nil {
		t.Fatal(err)
	}
	m := chat.Message{ID: "1190", Platform: chat.PlatformRelay, User: "v12", Display: "anna", Text: "MINE MINE", Time: now}
	regs.Badge(&m)
	if m.Badges.Loyalty != 1 || !m.Badges.Buyer {
		t.Errorf("regular's badges %+v: one past show, a buyer", m.Badges)
	}
	p.Process(m)
	audit := &Audit{DB: db, Show: "show-2"}
	acts, err := chat.NewActions(chat.ActionsConfig{Pipeline: p, Audit: audit, Logger: quiet(),
		Cards: &Cards{DB: db, Show: "show-2", Sink: sink}, Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	to, _ := acts.Timeout(ctx, "mia", chat.Author(m), 5*time.Minute, "caps") // no relay connector here: local
	if _, err := acts.Undo(ctx, "tom", to.ID); err != nil && !errors.Is(err, chat.ErrNoConnector) {
		t.Fatal(err)
	}
	if _, err := acts.Undo(ctx, "tom", to.ID); !errors.Is(err, chat.ErrNotUndoable) {
		t.Errorf("undid a timeout twice: %v", err)
	}
	if _, err := acts.Pin(ctx, "mia", m, "yes!"); err != nil {
		t.Fatal(err)
	}
	log, err := audit.Log(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(log) != 3 || log[2].Action != chat.ActTimeout || log[2].Moderator != "mia" || !log[2].Time.Equal(now) ||
		log[2].Duration != 5*time.Minute || log[2].UndoneBy != log[1].ID || log[1].Moderator != "tom" ||
		log[0].Action != chat.ActPin || log[0].Text != "yes!" || !strings.HasPrefix(log[2].Result, "local: ") {
		t.Errorf("audit log %+v", log)
	}
	card, err := acts.Card(ctx, chat.UserRef{Platform: chat.PlatformRelay, User: "v12"})
	if err != nil {
		t.Fatal(err)
	}
	if card.User.Display != "anna" || len(card.ThisShow) != 1 || card.ThisShow[0].Message.Text != "MINE MINE" ||
		!card.ThisShow[0].Message.Badges.Buyer || len(card.Past) != 1 || card.Past[0].Messages != 2 ||
		card.Loyalty.Shows != 2 || card.Loyalty.Messages != 3 || card.Loyalty.Purchases != 1 || !card.Loyalty.FirstSeen.Equal(t0) || len(card.Actions) != 3 || card.Banned {
		t.Errorf("card %+v", card)
	}
}
