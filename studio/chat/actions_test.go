package chat

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeModerator records what the actions asked of the platform.
type fakeModerator struct {
	mu    sync.Mutex
	calls []string
	fail  map[string]error // by method
}

func (f *fakeModerator) do(call string, method string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, call)
	return f.fail[method]
}

func (f *fakeModerator) Delete(_ context.Context, m Message) error {
	return f.do("delete "+m.ID, "delete")
}
func (f *fakeModerator) Timeout(_ context.Context, u UserRef, d time.Duration, _ string) error {
	return f.do(fmt.Sprintf("timeout %s %v", u.User, d), "timeout")
}
func (f *fakeModerator) LiftTimeout(_ context.Context, u UserRef) error {
	return f.do("lift "+u.User, "lift")
}
func (f *fakeModerator) Ban(_ context.Context, u UserRef, _ string) error {
	return f.do("ban "+u.User, "ban")
}
func (f *fakeModerator) Unban(_ context.Context, u UserRef) error {
	return f.do("unban "+u.User, "unban")
}
func (f *fakeModerator) Reply(_ context.Context, text string, m Message) error {
	return f.do("reply "+m.ID+" "+text, "reply")
}

func (f *fakeModerator) Calls() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.calls...)
}

type actionsFixture struct {
	p      *Pipeline
	a      *Actions
	mod    *fakeModerator
	audit  *MemoryAudit
	events []ActionEvent
	now    time.Time
}

func newActionsFixture(t *testing.T) *actionsFixture {
	t.Helper()
	f := &actionsFixture{mod: &fakeModerator{fail: map[string]error{}}, audit: &MemoryAudit{}, now: t0}
	clock := func() time.Time { return f.now }
	f.p = New(Config{Now: clock, Logger: slog.New(slog.DiscardHandler)})
	var err error
	f.a, err = NewActions(ActionsConfig{Pipeline: f.p, Moderators: map[string]Moderator{PlatformTwitch: f.mod},
		Audit: f.audit, Now: clock, Logger: slog.New(slog.DiscardHandler), OnEvent: func(e ActionEvent) { f.events = append(f.events, e) }})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func (f *actionsFixture) say(user, text string) Decision {
	return f.p.Process(Message{Platform: PlatformTwitch, User: user, Display: strings.ToUpper(user), Text: text, Time: f.now})
}

func TestActionsBanTimeoutAndUndo(t *testing.T) {
	f := newActionsFixture(t)
	ctx := context.Background()
	spam := Message{ID: "m1", Platform: PlatformTwitch, User: "spammer", Text: "hi"}
	ban, err := f.a.Ban(ctx, "mia", Author(spam), "spam")
	if err != nil || ban.Local {
		t.Fatalf("ban: %v (local %v)", err, ban.Local)
	}
	if d := f.say("spammer", "I am back"); d.Action != Block || !d.Fired("banned") || d.Shown {
		t.Errorf("a banned user's message: %+v, want blocked by \"banned\"", d)
	}
	if d := f.say("buyer", "I am fine"); d.Action != Allow {
		t.Errorf("another user: %+v", d)
	}
	if _, err := f.a.Undo(ctx, "tom", ban.ID); err != nil {
		t.Fatal(err)
	}
	if d := f.say("spammer", "hello again"); d.Action != Allow {
		t.Errorf("after the unban: %+v", d)
	}
	if _, err := f.a.Undo(ctx, "tom", ban.ID); !errors.Is(err, ErrNotUndoable) {
		t.Errorf("undoing twice: %v", err)
	}

	to, err := f.a.Timeout(ctx, "mia", UserRef{Platform: PlatformTwitch, User: "shouter"}, 0, "caps")
	if err != nil || to.Duration != DefaultTimeout {
		t.Fatalf("timeout: %v %+v", err, to)
	}
	if d := f.say("shouter", "hey"); !d.Fired("timed_out") || d.Action != Block {
		t.Errorf("timed out: %+v", d)
	}
	f.now = f.now.Add(DefaultTimeout + time.Second)
	if d := f.say("shouter", "hey again"); d.Action != Allow {
		t.Errorf("after the timeout ran out: %+v", d)
	}
	if _, err := f.a.Timeout(ctx, "mia", UserRef{Platform: PlatformTwitch, User: "shouter"}, time.Hour, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := f.a.UndoLast(ctx, "mia"); err != nil { // lifts the hour-long timeout
		t.Fatal(err)
	}
	if d := f.say("shouter", "thanks"); d.Action != Allow {
		t.Errorf("after Ctrl+Z: %+v", d)
	}

	want := []string{"ban spammer", "unban spammer", "timeout shouter 10m0s", "timeout shouter 1h0m0s", "lift shouter"}
	if got := f.mod.Calls(); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("platform calls %q, want %q", got, want)
	}
	log := f.audit.Entries()
	var kinds []string
	for _, e := range log {
		kinds = append(kinds, string(e.Action)+":"+e.Moderator+":"+e.Result)
		if e.Time.IsZero() {
			t.Errorf("entry %+v has no time", e)
		}
	}
	wantLog := "[ban:mia:ok unban:tom:ok timeout:mia:ok timeout:mia:ok lift_timeout:mia:ok]"
	if fmt.Sprint(kinds) != wantLog {
		t.Errorf("audit log %v, want %s", kinds, wantLog)
	}
	if log[0].UndoneBy != log[1].ID || log[1].Undoes != log[0].ID || log[3].UndoneBy != log[4].ID {
		t.Errorf("undo links: %+v", log)
	}
}

func TestActionsPlatformRefusals(t *testing.T) {
	f := newActionsFixture(t)
	ctx := context.Background()
	f.mod.fail["delete"] = fmt.Errorf("%w: plain IRC has no delete", ErrUnsupported)
	f.mod.fail["reply"] = errors.New("connection lost")
	m := Message{ID: "m7", Platform: PlatformTwitch, User: "anna", Text: "is it silk?"}

	ev, err := f.a.Delete(ctx, "mia", m, "")
	if !errors.Is(err, ErrUnsupported) || !ev.Local || ev.Kind != ActDelete {
		t.Errorf("delete on a platform without one: %v %+v; want the error and a local event", err, ev)
	}
	if _, err := f.a.Undo(ctx, "mia", ev.ID); !errors.Is(err, ErrNotUndoable) {
		t.Errorf("undo delete: %v", err)
	}
	n := len(f.events)
	if _, err := f.a.Reply(ctx, "mia", m, "yes, 100% silk"); err == nil {
		t.Error("a failed reply returned no error")
	}
	if len(f.events) != n {
		t.Error("a reply that was never posted was announced")
	}
	// A platform without a connector: the ban still keeps them out here.
	yt := UserRef{Platform: PlatformYouTube, User: "UC123"}
	if ev, err := f.a.Ban(ctx, "mia", yt, ""); !errors.Is(err, ErrNoConnector) || !ev.Local {
		t.Errorf("ban without a connector: %v %+v", err, ev)
	}
	if _, ok := f.p.Restricted(PlatformYouTube, "UC123", f.now); !ok {
		t.Error("the local ban did not apply")
	}
	if _, err := f.a.Ban(ctx, "", yt, ""); !errors.Is(err, ErrBadAction) {
		t.Errorf("an action without a moderator: %v", err)
	}
	results := map[ActionKind]string{}
	for _, e := range f.audit.Entries() {
		results[e.Action] = e.Result
	}
	if !strings.HasPrefix(results[ActDelete], "local: ") || !strings.HasPrefix(results[ActReply], "failed: ") ||
		!strings.HasPrefix(results[ActBan], "local: ") {
		t.Errorf("audit results %q", results)
	}
}

func TestActionsPinAnswerTermsHeld(t *testing.T) {
	f := newActionsFixture(t)
	ctx := context.Background()
	q := Message{ID: "q1", Platform: PlatformTwitch, User: "anna", Display: "Anna", Text: "is it \u202esilk?"}
	ev, err := f.a.Pin(ctx, "mia", q, "  yes, 100% silk ")
	if err != nil || ev.Pin == nil || ev.Pin.Answer != "yes, 100% silk" || ev.Pin.Display != "Anna" ||
		strings.Contains(ev.Pin.Text, "\u202e") || !ev.Local {
		t.Fatalf("pin: %v %+v", err, ev.Pin)
	}
	if p := f.a.Pinned(); p == nil || p.MessageID != "q1" {
		t.Errorf("pinned %+v", p)
	}
	if _, err := f.a.UndoLast(ctx, "mia"); err != nil {
		t.Fatal(err)
	}
	if f.a.Pinned() != nil || f.events[len(f.events)-1].Kind != ActUnpin {
		t.Errorf("undo pin: pinned %+v, last event %+v", f.a.Pinned(), f.events[len(f.events)-1])
	}
	ans, err := f.a.MarkAnswered(ctx, "mia", q, "")
	if err != nil || ans.Kind != ActAnswer || ans.Message.ID != "q1" {
		t.Errorf("answered: %v %+v", err, ans)
	}

	spam := Message{ID: "s1", Platform: PlatformTwitch, User: "x", Text: "Visit ЅНОРРY-DEALS now"}
	term := SuggestTerm(spam)
	if term != "visit shoppy deals now" {
		t.Errorf("suggested term %q", term)
	}
	if _, err := f.a.BlockTerm(ctx, "mia", spam, "shoppy*"); err != nil {
		t.Fatal(err)
	}
	if d := f.say("y", "great prices at sh0ppy"); d.Action != Block || !d.Fired("blocked_terms") {
		t.Errorf("after blocking the term: %+v %v", d, d.Reasons)
	}
	if _, err := f.a.BlockTerm(ctx, "mia", spam, " * "); !errors.Is(err, ErrBadAction) {
		t.Errorf("a term of only a wildcard: %v", err)
	}
	if _, err := f.a.UndoLast(ctx, "mia"); err != nil { // the term
		t.Fatal(err)
	}
	if d := f.say("z", "great prices at sh0ppy"); d.Action != Allow || len(f.p.LiveTerms()) != 0 {
		t.Errorf("after unblocking: %+v", d)
	}

	held := f.say("newbie", "look bit.ly/x")
	if _, err := f.a.Approve(ctx, "mia", held.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.a.Deny(ctx, "mia", held.ID); !errors.Is(err, ErrNotHeld) {
		t.Errorf("deny after approve: %v", err)
	}
	if len(f.mod.Calls()) != 0 {
		t.Errorf("studio-only actions called the platform: %q", f.mod.Calls())
	}
}

func TestBlockTermNeedsTheRule(t *testing.T) {
	rs := DefaultRules()
	rs.BlockedTerms.Enabled = false
	p := New(Config{Rules: rs})
	a, _ := NewActions(ActionsConfig{Pipeline: p})
	if _, err := a.BlockTerm(context.Background(), "mia", Message{}, "scam"); !errors.Is(err, ErrRuleOff) {
		t.Errorf("blocking a term with the rule off: %v", err)
	}
}

func TestShortcutsUnique(t *testing.T) {
	seen := map[string]ActionKind{}
	for _, s := range Shortcuts {
		if prev, ok := seen[s.String()]; ok {
			t.Errorf("%s bound to both %s and %s", s, prev, s.Action)
		}
		seen[s.String()] = s.Action
	}
	for _, a := range []ActionKind{ActDelete, ActTimeout, ActLiftTimeout, ActBan, ActUnban, ActPin, ActUnpin, ActReply,
		ActApprove, ActDeny, ActAnswer, ActBlockTerm, ActUnblockTerm, ActCard, ActUndo} {
		if _, ok := ShortcutFor(a); !ok {
			t.Errorf("%s has no key", a)
		}
	}
	if s, _ := ShortcutFor(ActDelete); s.Key != "Delete" {
		t.Errorf("delete is on %s, want the Delete key", s)
	}
}
