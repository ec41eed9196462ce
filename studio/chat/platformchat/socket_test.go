package platformchat

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/vitrina-live/vitrina/studio/chat"
	"github.com/vitrina-live/vitrina/studio/output"
	"github.com/vitrina-live/vitrina/studio/platform"
)

// The chat and the show's own events share the one host socket: what the
// show publishes through the outbox and what moderators send live reach
// the viewers in the order sent, none taken for a duplicate of another,
// and the room never sees a second host connection.
func TestRelayChatSharesTheHostSocket(t *testing.T) {
	_, k, anna := startRoom(t)
	ack := anna.sayOK(t, "how much?")
	m := k.message(t, "how much?")
	ctx := context.Background()

	// Host lines queued in the outbox, and a live delete and reply sent
	// while they may still be going out.
	const queued = 40
	for i := range queued {
		if _, err := k.host.Publish(ctx, platform.ChatMessage{Text: fmt.Sprintf("queued %d", i)}); err != nil {
			t.Fatal(err)
		}
	}
	if err := k.c.Delete(ctx, m); err != nil {
		t.Fatal(err)
	}
	if err := k.c.Reply(ctx, "49 euros", m); err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{"after 1", "after 2"} {
		if _, err := k.host.Publish(ctx, platform.ChatMessage{Text: text}); err != nil {
			t.Fatal(err)
		}
	}
	var got []string
	deleted := false
	for len(got) < queued+3 {
		env := anna.expect(t, "")
		switch env.Type {
		case platform.TypeChatMessage:
			if env.From != nil && env.From.Role == platform.RoleHost {
				cm, _ := platform.Payload[platform.ChatMessage](env)
				got = append(got, cm.Text)
			}
		case platform.TypeChatDelete:
			d, _ := platform.Payload[platform.ChatDelete](env)
			deleted = d.MessageID == ack.Seq
			if len(got) != queued {
				t.Errorf("the delete came after %d of the %d host lines queued before it", len(got), queued)
			}
		}
	}
	if !deleted {
		t.Error("the viewer never saw the delete")
	}
	want := []string{}
	for i := range queued {
		want = append(want, fmt.Sprintf("queued %d", i))
	}
	want = append(want, "49 euros", "after 1", "after 2")
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("the viewer saw the host's lines\n%q\nwant\n%q", got, want)
	}
	select {
	case s := <-k.states:
		t.Errorf("the host socket went %s: the chat must not open a second one", s)
	default:
	}
}

// A moderator's action while the socket is down fails at once, and is not
// sent later; the show's own events wait in the outbox and go after the
// reconnect.
func TestRelayActionWhileCut(t *testing.T) {
	r, k, anna := startRoom(t)
	anna.say(t, "spam spam")
	m := k.message(t, "spam spam")
	ctx := context.Background()

	r.ln.cut()
	k.waitState(t, output.Reconnecting)
	start := time.Now()
	if err := k.c.Delete(ctx, m); !errors.Is(err, ErrNotConnected) {
		t.Errorf("a delete while cut: %v, want ErrNotConnected", err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("a delete while cut took %v to fail", d)
	}
	if _, err := k.host.Publish(ctx, platform.ChatMessage{Text: "back soon"}); err != nil {
		t.Fatal(err)
	}
	bob := joinAs(t, r.url(), "bob")
	k.retry <- time.Now()
	k.waitState(t, output.Live)
	for {
		env := bob.expect(t, "")
		if env.Type == platform.TypeChatDelete {
			t.Fatal("the delete refused while cut was sent after the reconnect")
		}
		if env.Type == platform.TypeChatMessage {
			if cm, _ := platform.Payload[platform.ChatMessage](env); cm.Text == "back soon" {
				break
			}
		}
	}
	// Sent now, it goes.
	if err := k.c.Delete(ctx, m); err != nil {
		t.Fatal(err)
	}
	bob.expect(t, platform.TypeChatDelete)
}

// A second studio on the same room takes it over: the first one's host
// socket stops for good (no fight) and says why, and its chat actions
// fail at once.
func TestRelayHostReplaced(t *testing.T) {
	r := startRelay(t, "")
	k := startConnector(t, r.url())
	other := hostClient(t, r.url(), token)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	live := make(chan struct{})
	go func() { done <- other.Run(ctx, func() { close(live) }) }()
	t.Cleanup(func() { cancel(); <-done })
	<-live
	k.waitState(t, output.Failed)
	err := k.c.Ban(context.Background(), chat.UserRef{Platform: chat.PlatformRelay, User: "v1"}, "")
	if !errors.Is(err, ErrNotConnected) {
		t.Errorf("an action after the takeover: %v", err)
	}
	// The newer studio's socket works.
	if _, err := other.Send(context.Background(), platform.ChatMode{SlowModeS: 3}); err != nil {
		t.Errorf("the newer host's action: %v", err)
	}
}
