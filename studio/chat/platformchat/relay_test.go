package platformchat

import (
	"context"
	"errors"
	"log/slog"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/vitrina-live/vitrina/studio/chat"
	"github.com/vitrina-live/vitrina/studio/output"
	"github.com/vitrina-live/vitrina/studio/platform"
)

// Chat from the viewer page reaches the pipeline as chat.Message, and each
// moderator action reaches the viewers as the protocol event, against the
// real relay.
func TestRelayChatAndModeration(t *testing.T) {
	r, k, anna := startRoom(t)
	bob := joinAs(t, r.url(), "bob")
	ctx := context.Background()

	ack := anna.sayOK(t, "is it silk?")
	m := k.message(t, "is it silk?")
	if m.Platform != chat.PlatformRelay || m.User != anna.c.Welcome.Viewer || m.Display != "anna" ||
		!strings.HasSuffix(m.ID, ":"+strconv.FormatUint(ack.Seq, 10)) || m.Time.IsZero() {
		t.Errorf("message %+v (seq %d)", m, ack.Seq)
	}
	p := chat.New(chat.Config{Logger: slog.New(slog.DiscardHandler)})
	acts, err := chat.NewActions(chat.ActionsConfig{Pipeline: p, Moderators: map[string]chat.Moderator{chat.PlatformRelay: k.c},
		Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}

	// Reply: a host line answering the seq, control characters dropped.
	if _, err := acts.Reply(ctx, "mia", m, "yes,\x07 100% silk"); err != nil {
		t.Fatal(err)
	}
	env := anna.expect(t, platform.TypeChatMessage)
	for env.From == nil || env.From.Role != platform.RoleHost {
		env = anna.expect(t, platform.TypeChatMessage)
	}
	if cm, _ := platform.Payload[platform.ChatMessage](env); cm.Text != "yes, 100% silk" || cm.ReplyTo != ack.Seq {
		t.Errorf("reply as the viewer saw it: %+v", cm)
	}
	if own := k.message(t, "yes, 100% silk"); !own.Badges.Broadcaster {
		t.Errorf("our own reply came back without the broadcaster badge: %+v", own)
	}

	// Delete: the viewers drop the line.
	if _, err := acts.Delete(ctx, "mia", m, "spam"); err != nil {
		t.Fatal(err)
	}
	if d, _ := platform.Payload[platform.ChatDelete](anna.expect(t, platform.TypeChatDelete)); d.MessageID != ack.Seq {
		t.Errorf("delete as the viewer saw it: %+v", d)
	}
	if e := k.event(t, Deleted); e.MessageID != m.ID {
		t.Errorf("delete event %+v", e)
	}

	// Timeout: refused for its length; lifted, the viewer may write again.
	if _, err := acts.Timeout(ctx, "mia", chat.Author(m), 5*time.Minute, "caps"); err != nil {
		t.Fatal(err)
	}
	Enforce(p, k.event(t, TimedOut))
	if _, refused := anna.say(t, "hello?"); refused == nil || refused.Code != platform.CodeTimedOut || refused.RetryAfterMS < 200000 {
		t.Errorf("a timed-out viewer: %+v", refused)
	}
	if _, ok := p.Restricted(chat.PlatformRelay, m.User, time.Now()); !ok {
		t.Error("the timeout seen on the relay was not enforced in the pipeline")
	}
	if _, err := acts.LiftTimeout(ctx, "mia", chat.Author(m)); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(5 * time.Second); ; {
		_, refused := anna.say(t, "thanks!")
		if refused == nil {
			break
		}
		if refused.Code != platform.CodeTimedOut || time.Now().After(deadline) {
			t.Fatalf("after the lift: %+v", refused)
		}
		// The lift is a one-second timeout: wait what the relay says.
		time.Sleep(time.Duration(refused.RetryAfterMS+10) * time.Millisecond)
	}

	// Ban: refused for the show; the protocol has no unban.
	bobUser := chat.UserRef{Platform: chat.PlatformRelay, User: bob.c.Welcome.Viewer, Display: "bob"}
	if _, err := acts.Ban(ctx, "mia", bobUser, "spam"); err != nil {
		t.Fatal(err)
	}
	if _, refused := bob.say(t, "let me in"); refused == nil || refused.Code != platform.CodeBanned {
		t.Errorf("a banned viewer: %+v", refused)
	}
	ev, err := acts.Unban(ctx, "mia", bobUser)
	if !errors.Is(err, chat.ErrUnsupported) || !ev.Local {
		t.Errorf("unban on the relay: %v %+v; want ErrUnsupported, applied locally", err, ev)
	}
	// A user that is not a viewer: the relay refuses it as invalid.
	if _, err := acts.Ban(ctx, "mia", chat.UserRef{Platform: chat.PlatformRelay, User: "host"}, ""); !errors.Is(err, chat.ErrUnsupported) {
		t.Errorf("banning the host: %v", err)
	}
}

// After a network cut the connector resumes where it stopped: what viewers
// wrote meanwhile arrives once, in order, and nothing before it again.
func TestRelayReconnectResumes(t *testing.T) {
	r, k, anna := startRoom(t)
	anna.sayOK(t, "before the cut")
	before := k.message(t, "before the cut")

	r.ln.cut()
	k.waitState(t, output.Reconnecting)
	bob := joinAs(t, r.url(), "bob") // anna's socket went with the cut
	for _, text := range []string{"while you were away 1", "while you were away 2"} {
		bob.sayOK(t, text)
	}
	k.retry <- time.Now()
	k.waitState(t, output.Live)
	bob.sayOK(t, "after")
	var got []string
	for len(got) == 0 || got[len(got)-1] != "after" {
		select {
		case m := <-k.msgs:
			got = append(got, m.Text)
			if m.ID == before.ID {
				t.Errorf("%q came again after the reconnect", m.Text)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("after the reconnect got %q", got)
		}
	}
	if want := "while you were away 1|while you were away 2|after"; strings.Join(got, "|") != want {
		t.Errorf("after the reconnect %q, want %q", got, want)
	}
}

// A relay that restarts numbers its seqs from 1 again: the connector comes
// back, names messages by the new run, and refuses to delete a message of
// the old run by a seq that now means another one.
func TestRelayRestart(t *testing.T) {
	r, k, anna := startRoom(t)
	anna.say(t, "first run")
	old := k.message(t, "first run")

	addr := r.addr
	r.stop()
	k.waitState(t, output.Reconnecting)
	r2 := startRelay(t, addr)
	k.retry <- time.Now()
	k.waitState(t, output.Live)
	anna2 := joinAs(t, r2.url(), "anna")
	anna2.say(t, "second run")
	m := k.message(t, "second run")
	if m.ID == old.ID || strings.Split(m.ID, ":")[0] == strings.Split(old.ID, ":")[0] {
		t.Errorf("ids %q and %q: the new run must have its own", old.ID, m.ID)
	}
	if err := k.c.Delete(context.Background(), old); !errors.Is(err, chat.ErrUnsupported) {
		t.Errorf("deleting a message of the old run: %v", err)
	}
	if err := k.c.Delete(context.Background(), m); err != nil {
		t.Errorf("deleting a message of this run: %v", err)
	}
}

// A refused token is not retried.
func TestRelayBadToken(t *testing.T) {
	r := startRelay(t, "")
	host := hostClient(t, r.url(), "wrong")
	c := New(host, slog.New(slog.DiscardHandler))
	err := host.Run(context.Background(), func() { t.Error("live with a wrong token") })
	if !errors.Is(err, output.ErrPermanent) || !errors.Is(err, platform.ErrUnauthorized) || strings.Contains(err.Error(), "wrong") {
		t.Errorf("a wrong token: %v", err)
	}
	if _, err := c.Send(context.Background(), platform.ChatMessage{Text: "x"}); !errors.Is(err, ErrNotConnected) {
		t.Errorf("send while not connected: %v", err)
	}
}
