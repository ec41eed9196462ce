package chat

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// TestBadInput: hostile texts are processed, decided and stored, and the
// display text is safe.
func TestBadInput(t *testing.T) {
	tests := []struct {
		name   string
		text   string
		action Action
		rule   string
	}{
		{"64 KB of text", strings.Repeat("lorem ipsum dolor ", 64<<10/18), Hold, "length"},
		{"64 KB of one letter", strings.Repeat("a", 64<<10), Hold, "repeats"},
		{"64 KB of emoji", strings.Repeat("😂", 16<<10), Hold, "emoji_flood"},
		{"10 MB of text", strings.Repeat("x y ", 10<<20/4), Hold, "length"},
		{"invalid utf-8", "hello \xff\xfe\xfd world \xc3\x28", Allow, ""},
		{"invalid utf-8 scam", "send \xff 1 BTC", Block, "scam"},
		{"only invalid bytes", "\xff\xfe\xfd", Allow, ""},
		{"zalgo", "h̷̢̛̛̟̘̞̗̗̱̟̙̬̼̭̘̟̓̈́̋̿͊̈́̈́̈́̀̏̓̚͝e̶̡̛̗̞̥̲̫̮̗̖̠̪͔̿̃̉̈́́̄̓̀̔͝ĺ̵̡̛̜̣̘̪̖͙̞̠̱͍̈̓̊̎̋̾̓͋̀̔l̷̨̛̛̗̟̗̜͔͖̣̫͋̋̈́͐͋̾̈́͘o̸̧̨̢̗̤͈̘̯̻̫͊̋͒̈́͒̈́̓̏͑̚", Hold, "repeats"},
		{"rtl override", "click \u202emoc.live-kcab\u202c now", Hold, "links"},
		{"rtl override innocent", "\u202eolleh", Allow, ""},
		{"control characters", "hi\x00\x01\x02\x1b[31mred\x1b[0m\x7f", Allow, ""},
		{"nul only", "\x00\x00\x00", Allow, ""},
		{"empty", "", Allow, ""},
		{"whitespace", " \t\n\r ", Allow, ""},
		{"lone surrogate bytes", "\xed\xa0\x80", Allow, ""},
		{"noncharacters", "\uFFFE\uFFFF\U0010FFFF", Allow, ""},
		{"combining only", strings.Repeat("\u0301", 100), Hold, "repeats"},
		{"deep nfkd expansion", strings.Repeat("\uFDFA", 2000), Hold, "length"},
		{"huge mention", "@" + strings.Repeat("a", 100000), Hold, "length"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sink := &MemorySink{}
			p := New(Config{Sink: sink})
			start := time.Now()
			d := p.Process(Message{User: "u", Text: tt.text, Time: t0})
			if el := time.Since(start); el > 2*time.Second {
				t.Errorf("took %v", el)
			}
			if d.Action != tt.action || (tt.rule != "" && !d.Fired(tt.rule)) {
				t.Errorf("%s %v %v, want %s by %q", d.Action, d.Rules, d.Reasons, tt.action, tt.rule)
			}
			if !utf8.ValidString(d.Display) || strings.ContainsAny(d.Display, "\x00\x1b\u202e\u202c") {
				t.Errorf("display text not safe: %q", d.Display)
			}
			if n := utf8.RuneCountInString(d.Display); n > DisplayMaxRunes+1 {
				t.Errorf("display text %d runes", n)
			}
			recs := sink.Records()
			if len(recs) != 1 || recs[0].Message.Text != tt.text {
				t.Errorf("the original text must be stored as received")
			}
		})
	}
}

// TestFlood sends 200,000 messages from 50,000 users at 10,000 messages a
// second of message time, and checks that memory stays bounded, the pane
// is rate-limited and every message reaches the sink.
func TestFlood(t *testing.T) {
	rs := DefaultRules()
	rs.Limits.MaxUsers = 10000
	rs.Limits.MaxHeld = 1000
	rs.Limits.MaxRecent = 5000
	sink := &CountingSink{}
	p := New(Config{Rules: rs, Sink: sink, Products: triageProducts})
	texts := []string{
		"sold!", "+1", "how much is the gauze shirt?", "check out my channel",
		"send 0.1 ETH get 1 ETH back", "bit.ly/%d", "love it %d", "хочу %d", "多少钱？", "%d",
		"best shop ever everyone go buy now %d", strings.Repeat("spam ", 200),
	}
	const total, users, perSecond = 200000, 50000, 10000
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	var shown int
	for i := 0; i < total; i++ {
		text := texts[i%len(texts)]
		if strings.Contains(text, "%d") {
			text = fmt.Sprintf(text, i%97)
		}
		d := p.Process(Message{Platform: PlatformTwitch, User: fmt.Sprint("u", (i*7919)%users), Text: text,
			Time: t0.Add(time.Duration(i) * time.Second / perSecond)})
		if d.Shown {
			shown++
		}
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	s := p.Stats()
	grew := int64(after.HeapAlloc) - int64(before.HeapAlloc)
	t.Logf("flood: %d messages from %d users; heap grew %.1f MB; users kept %d, held now %d, shown %d, suppressed %d",
		total, users, float64(grew)/(1<<20), s.Users, s.HeldNow, s.Shown, s.Suppressed)
	if s.Users > rs.Limits.MaxUsers || s.HeldNow > rs.Limits.MaxHeld {
		t.Errorf("state not bounded: %d users, %d held", s.Users, s.HeldNow)
	}
	if grew > 64<<20 {
		t.Errorf("heap grew %d MB under the flood, want under 64 MB", grew>>20)
	}
	// 20 s of message time at 20/s plus the burst.
	if maxShown := 20*20 + 40 + 1; shown > maxShown {
		t.Errorf("shown %d, want at most %d", shown, maxShown)
	}
	if rec, _ := sink.Counts(); rec != total || s.Messages != total {
		t.Errorf("sink got %d, stats %d, want %d: every message stored", rec, s.Messages, total)
	}
}

// TestBadInputActions: what a moderator takes from a hostile message (a
// pin for the overlay, a term, a reply) is bounded and safe.
func TestBadInputActions(t *testing.T) {
	p := New(Config{Logger: slog.New(slog.DiscardHandler)})
	mod := &fakeModerator{fail: map[string]error{}}
	a, _ := NewActions(ActionsConfig{Pipeline: p, Logger: slog.New(slog.DiscardHandler),
		Moderators: map[string]Moderator{PlatformTwitch: mod}})
	ctx := context.Background()
	evil := Message{ID: "m1", Platform: PlatformTwitch, User: "u1", Display: "\u202eeliF\x00" + strings.Repeat("z̷", 500),
		Text: "bad \xff\xfe " + strings.Repeat("h̷̢̛̛̟e̶̡̛̗", 2000) + "\u202egpj.exe"}
	ev, err := a.Pin(ctx, "mia", evil, strings.Repeat("answer ", 10000))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{ev.Pin.Display, ev.Pin.Text, ev.Pin.Answer} {
		if !utf8.ValidString(s) || strings.ContainsAny(s, "\x00\u202e") || utf8.RuneCountInString(s) > (DisplayMaxRunes+1)*(displayMaxMarks+1) {
			t.Errorf("pinned text not safe for the overlay: %d runes %q…", utf8.RuneCountInString(s), s[:min(len(s), 40)])
		}
	}
	if _, err := a.BlockTerm(ctx, "mia", evil, strings.Repeat("spam ", 64<<10/5)); !errors.Is(err, ErrBadAction) {
		t.Errorf("a 64 KB term: %v", err)
	}
	if s := SuggestTerm(evil); !utf8.ValidString(s) || utf8.RuneCountInString(s) > 60 {
		t.Errorf("suggested term %q", s)
	}
	// A zalgo term is folded like messages: it blocks the plain word.
	if _, err := a.BlockTerm(ctx, "mia", evil, "s̷̢p̶̡a̷m̸m̷y̶"); err != nil {
		t.Fatal(err)
	}
	if d := p.Process(Message{Platform: PlatformTwitch, User: "u2", Text: "so spammy", Time: t0}); !d.Fired("blocked_terms") {
		t.Errorf("the zalgo term did not match: %+v", d)
	}
}

// TestRestrictedBounded: a platform's ban wave (one CLEARCHAT per account)
// cannot grow the pipeline's memory without end.
func TestRestrictedBounded(t *testing.T) {
	p := New(Config{Logger: slog.New(slog.DiscardHandler)})
	for i := range maxRestricted + 100 {
		p.Restrict(PlatformTwitch, fmt.Sprint("u", i), time.Time{})
	}
	p.mu.Lock()
	n := len(p.restricted)
	p.mu.Unlock()
	if n > maxRestricted {
		t.Errorf("%d restrictions kept, the bound is %d", n, maxRestricted)
	}
	if _, ok := p.Restricted(PlatformTwitch, fmt.Sprint("u", maxRestricted+99), t0); !ok {
		t.Error("the newest ban was dropped")
	}
}
