package chat

import (
	"slices"
	"strings"
	"testing"
	"time"
)

var t0 = time.Date(2025, 5, 1, 19, 0, 0, 0, time.UTC)

// TestRules checks each rule family on one message from a fresh user.
func TestRules(t *testing.T) {
	tests := []struct {
		name   string
		text   string
		action Action
		rules  []string
	}{
		{"plain chat", "love the colour!", Allow, nil},
		{"question with a price", "is it 34.99 with shipping?", Allow, nil},
		{"blocked term", "kys", Block, []string{"blocked_terms"}},
		{"scam phrase", "Elon Musk is doubling all BTC", Block, []string{"scam"}},
		{"crypto with send", "send 0.1 ETH get 1 back", Block, []string{"scam"}},
		{"prize with contact", "you won a prize, message me on telegram", Block, []string{"scam"}},
		{"money with contact", "earn 500 per day, whatsapp me", Block, []string{"scam"}},
		{"money with link", "earn 500 per day at cash.xyz", Block, []string{"scam", "links"}},
		{"chinese scam", "比特币翻倍，加我微信", Block, []string{"scam"}},
		{"russian scam", "Удвою ваши биткоины, пишите в телеграм", Block, []string{"scam"}},
		{"link", "look at bit.ly/abc", Hold, []string{"links"}},
		{"obfuscated link", "cheap at bags dot com", Hold, []string{"links"}},
		{"self promo", "check out my channel", Hold, []string{"self_promo"}},
		{"weak promo cues together", "subscribe and follow for more", Hold, []string{"self_promo"}},
		{"one weak cue", "just subscribed!", Allow, nil},
		{"phone", "call +7 912 345 67 89", Hold, []string{"phone"}},
		{"caps", "THIS IS THE WORST SHOW I HAVE EVER SEEN IN MY WHOLE LIFE, NOBODY BUY ANYTHING HERE", Hold, []string{"caps"}},
		{"short caps", "OMG I NEED THIS", Allow, nil},
		{"repeated character", "aaaaaaaaaaaaaaaaaaaaaa", Hold, []string{"repeats"}},
		{"repeated word", strings.Repeat("buy ", 12), Hold, []string{"repeats"}},
		{"zalgo", "h" + strings.Repeat("\u0336", 12) + "i", Hold, []string{"repeats"}},
		{"emoji flood", strings.Repeat("😂", 25), Hold, []string{"repeats", "emoji_flood"}},
		{"mixed emoji flood", strings.Repeat("😂🔥😍", 8), Hold, []string{"emoji_flood"}},
		{"a few emoji", "😍😍😍😍😍", Allow, nil},
		{"too long", strings.Repeat("lorem ipsum ", 50), Hold, []string{"repeats", "length"}},
		// Round 4: the families of public comment spam.
		{"phishing with a lure", "send me your card details to get your prize", Block, []string{"scam"}},
		{"impersonation with contact", "I'm the shop manager, dm me", Block, []string{"scam"}},
		{"asking a price is not phishing", "what's your phone number? I want to order by phone", Allow, nil},
		{"promotion cue with an invitation", "10k followers in a week, dm me", Hold, []string{"self_promo"}},
		{"a platform's name is not an invitation", "is there a telegram channel for the shop?", Allow, nil},
		{"spelt-out sentence", "s u b s c r i b e   t o   m y   c h a n n e l", Hold, []string{"self_promo"}},
		{"a shop word is not respelt", "checkout is not working", Allow, nil},
		{"generator", "free robux generator no human verification", Block, []string{"scam"}},
		{"music self promo", "upcoming rapper here, check out my mixtape", Hold, []string{"self_promo"}},
		{"a favourite song", "this is my song 😍 i rap along every morning", Allow, nil},
		{"a buyer's gift card", "where do I enter the gift card code?", Allow, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := New(Config{})
			d := p.Process(Message{User: "u", Text: tt.text, Time: t0})
			if d.Action != tt.action || !slices.Equal(d.Rules, tt.rules) {
				t.Errorf("%q: %s %v (%v), want %s %v", tt.text, d.Action, d.Rules, d.Reasons, tt.action, tt.rules)
			}
			if len(d.Rules) != len(d.Reasons) {
				t.Errorf("rules %v and reasons %v differ in length", d.Rules, d.Reasons)
			}
		})
	}
}

// TestBypass: the broadcaster bypasses everything, moderators and buyers
// the soft rules only.
func TestBypass(t *testing.T) {
	soft := "check out my channel bit.ly/x"
	hard := "send 0.1 ETH get 1 ETH back"
	tests := []struct {
		name   string
		badges Badges
		text   string
		action Action
	}{
		{"viewer soft", Badges{}, soft, Hold},
		{"subscriber soft", Badges{Subscriber: true, Loyalty: 5}, soft, Hold},
		{"moderator soft", Badges{Moderator: true}, soft, Allow},
		{"buyer soft", Badges{Buyer: true}, soft, Allow},
		{"broadcaster soft", Badges{Broadcaster: true}, soft, Allow},
		{"moderator hard", Badges{Moderator: true}, hard, Block},
		{"buyer hard", Badges{Buyer: true}, hard, Block},
		{"broadcaster hard", Badges{Broadcaster: true}, hard, Allow},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := New(Config{}).Process(Message{User: "u", Badges: tt.badges, Text: tt.text, Time: t0})
			if d.Action != tt.action {
				t.Errorf("%+v %q: %s %v, want %s", tt.badges, tt.text, d.Action, d.Rules, tt.action)
			}
		})
	}
}

// TestStatefulRules sends a sequence of messages and checks the last one.
func TestStatefulRules(t *testing.T) {
	type msg struct {
		user, text string
		at         time.Duration
	}
	tests := []struct {
		name   string
		msgs   []msg
		action Action
		rule   string
	}{
		{"slow mode", []msg{{"a", "1", 0}, {"a", "2", 1}, {"a", "3", 2}, {"a", "4", 3}, {"a", "5", 4}, {"a", "6", 5}}, Hold, "rate"},
		{"slow mode window passed", []msg{{"a", "1", 0}, {"a", "2", 1}, {"a", "3", 2}, {"a", "4", 3}, {"a", "5", 4}, {"a", "6", 11}}, Allow, ""},
		{"same user repeats", []msg{{"a", "Is it silk?", 0}, {"a", "is it SILK???", 5}}, Hold, "duplicate"},
		{"same user repeats later", []msg{{"a", "is it silk?", 0}, {"a", "is it silk?", 40}}, Allow, ""},
		{"raid across users", []msg{{"a", "best shop ever, everyone go buy now", 0}, {"b", "best shop ever, everyone go buy now", 1}, {"c", "Best shop ever everyone go buy now!!", 2}}, Hold, "duplicate"},
		{"crowd of +1", []msg{{"a", "+1", 0}, {"b", "+1", 1}, {"c", "+1", 2}, {"d", "+1", 3}}, Allow, ""},
		{"raid outside the window", []msg{{"a", "best shop ever, everyone go buy now", 0}, {"b", "best shop ever, everyone go buy now", 1}, {"c", "best shop ever, everyone go buy now", 90}}, Allow, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := New(Config{})
			var d Decision
			for _, m := range tt.msgs {
				d = p.Process(Message{User: m.user, Text: m.text, Time: t0.Add(m.at * time.Second)})
			}
			if d.Action != tt.action || (tt.rule != "" && !d.Fired(tt.rule)) {
				t.Errorf("last: %s %v %v, want %s by %q", d.Action, d.Rules, d.Reasons, tt.action, tt.rule)
			}
		})
	}
}

func TestNewUser(t *testing.T) {
	rs := DefaultRules()
	p := New(Config{Rules: rs})
	young := p.Process(Message{User: "a", Text: "hello", Time: t0, AccountCreated: t0.Add(-time.Hour)})
	old := p.Process(Message{User: "b", Text: "hello", Time: t0, AccountCreated: t0.Add(-72 * time.Hour)})
	unknown := p.Process(Message{User: "c", Text: "hello", Time: t0})
	if !young.Fired("new_user") || old.Fired("new_user") || unknown.Fired("new_user") {
		t.Errorf("account age: young %v, old %v, unknown %v", young.Rules, old.Rules, unknown.Rules)
	}

	rs.NewUser.FirstMessage = true
	p = New(Config{Rules: rs})
	first := p.Process(Message{User: "a", Text: "hello", Time: t0})
	second := p.Process(Message{User: "a", Text: "hello again", Time: t0.Add(time.Minute)})
	regular := p.Process(Message{User: "r", Text: "hello", Time: t0, Badges: Badges{Loyalty: 3}})
	if !first.Fired("new_user") || second.Fired("new_user") || regular.Fired("new_user") {
		t.Errorf("first message: first %v, second %v, regular %v", first.Rules, second.Rules, regular.Rules)
	}
}

func TestRuleActionsConfigurable(t *testing.T) {
	rs := DefaultRules()
	rs.Links.Action = Block
	rs.Scam.Action = Allow // a dry run: recorded, not acted on
	rs.Caps.Enabled = false
	p := New(Config{Rules: rs})
	if d := p.Process(Message{User: "a", Text: "bit.ly/x", Time: t0}); d.Action != Block {
		t.Errorf("links with action block: %s", d.Action)
	}
	if d := p.Process(Message{User: "b", Text: "send 1 btc", Time: t0}); d.Action != Allow || !d.Fired("scam") {
		t.Errorf("scam with action allow: %s %v", d.Action, d.Rules)
	}
	caps := "THIS IS THE WORST SHOW I HAVE EVER SEEN IN MY WHOLE LIFE, NOBODY BUY ANYTHING HERE"
	if d := p.Process(Message{User: "c", Text: caps, Time: t0}); d.Fired("caps") {
		t.Errorf("caps off but fired")
	}
}
