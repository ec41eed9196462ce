package chat

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"
)

// These actions stay in the studio: no platform call, but each is written
// to the audit log and announced with an ActionEvent like the others.

// Pin puts a message on the program's overlay with the host's answer
// (which may be empty). It replaces any pinned message. The engine draws
// it when it hears the ActPin event (ActionEvent.Pin). Undo unpins.
func (a *Actions) Pin(ctx context.Context, mod string, m Message, answer string) (ActionEvent, error) {
	// Everything drawn on the program is made safe: a name with an RLO or
	// a 64 KB answer must not reach the overlay as is.
	pin := &Pin{MessageID: m.ID, Platform: m.Platform, User: m.User, Display: displayName(m),
		Text: DisplayText(m.Text), Answer: DisplayText(strings.TrimSpace(answer)), By: mod}
	e := msgEntry(ActPin, mod, m)
	e.Text = pin.Answer
	return a.run(ctx, step{entry: e, ev: ActionEvent{Message: m, User: Author(m), Pin: pin},
		local: func() {
			pin.At = a.now()
			a.mu.Lock()
			a.pinned = pin
			a.mu.Unlock()
		}})
}

// Unpin takes the pinned message off the overlay.
func (a *Actions) Unpin(ctx context.Context, mod string) (ActionEvent, error) {
	return a.unpin(ctx, mod, 0)
}

func (a *Actions) unpin(ctx context.Context, mod string, undoes int64) (ActionEvent, error) {
	a.mu.Lock()
	was := a.pinned
	a.mu.Unlock()
	e := AuditEntry{Action: ActUnpin, Moderator: mod, Undoes: undoes}
	ev := ActionEvent{}
	if was != nil {
		e.Platform, e.User, e.MessageID = was.Platform, was.User, was.MessageID
		ev.User = UserRef{Platform: was.Platform, User: was.User, Display: was.Display}
	}
	return a.run(ctx, step{entry: e, ev: ev, local: func() {
		a.mu.Lock()
		a.pinned = nil
		a.mu.Unlock()
	}})
}

// Pinned is the message on the overlay now, or nil.
func (a *Actions) Pinned() *Pin {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.pinned == nil {
		return nil
	}
	p := *a.pinned
	return &p
}

// MarkAnswered takes a question out of the Questions queue (the pane
// hears ActAnswer), with the answer the host gave, if any. Undo puts it
// back.
func (a *Actions) MarkAnswered(ctx context.Context, mod string, m Message, answer string) (ActionEvent, error) {
	e := msgEntry(ActAnswer, mod, m)
	e.Text = strings.TrimSpace(answer)
	return a.run(ctx, step{entry: e, ev: ActionEvent{Message: m, User: Author(m)}})
}

// maxTermRunes bounds a term added from the pane: a term is a word or a
// phrase, and a pasted 64 KB message would only slow every match.
const maxTermRunes = 200

// displayName is the author's name made safe for the overlay, their user
// id when the platform gave no name.
func displayName(m Message) string {
	if d := DisplayText(m.Display); strings.TrimSpace(d) != "" {
		if r := []rune(d); len(r) > 64 {
			d = string(r[:64])
		}
		return d
	}
	return DisplayText(m.User)
}

// BlockTerm adds term to the show's blocked terms, from message m (the
// pane offers SuggestTerm(m) to edit). Later messages that match are
// blocked by the blocked_terms rule. Undo removes it.
func (a *Actions) BlockTerm(ctx context.Context, mod string, m Message, term string) (ActionEvent, error) {
	term = strings.TrimSpace(term)
	if utf8.RuneCountInString(term) > maxTermRunes {
		return ActionEvent{}, fmt.Errorf("%w: a term of more than %d characters", ErrBadAction, maxTermRunes)
	}
	if term == "" || compilePattern(term, skeletonMode) == nil {
		return ActionEvent{}, fmt.Errorf("%w: term %q has nothing to match", ErrBadAction, term)
	}
	if !a.cfg.Pipeline.termsOn {
		return ActionEvent{}, fmt.Errorf("%w: blocked_terms is disabled, so %q would block nothing", ErrRuleOff, term)
	}
	e := msgEntry(ActBlockTerm, mod, m)
	e.Term = term
	var err error
	ev, rerr := a.run(ctx, step{entry: e, ev: ActionEvent{Message: m, User: Author(m), Term: term},
		local: func() { err = a.cfg.Pipeline.BlockTerm(term) }})
	if err != nil {
		return ev, err // checked above; only a race with a rules change gets here
	}
	return ev, rerr
}

// UnblockTerm removes a term added during the show.
func (a *Actions) UnblockTerm(ctx context.Context, mod, term string) (ActionEvent, error) {
	return a.unblockTerm(ctx, mod, term, 0)
}

func (a *Actions) unblockTerm(ctx context.Context, mod, term string, undoes int64) (ActionEvent, error) {
	e := AuditEntry{Action: ActUnblockTerm, Moderator: mod, Term: term, Undoes: undoes}
	return a.run(ctx, step{entry: e, ev: ActionEvent{Term: term},
		local: func() { a.cfg.Pipeline.UnblockTerm(term) }})
}

// SuggestTerm proposes a blocked term from a message for the moderator to
// edit: its first few words as folded for matching (so look-alikes and
// leetspeak are already undone), without glob characters.
func SuggestTerm(m Message) string {
	n := Normalize(m.Text)
	var words []string
	for _, w := range n.Words {
		if w = strings.Trim(w, "*?"); w != "" {
			words = append(words, w)
		}
		if len(words) == 4 {
			break
		}
	}
	s := strings.Join(words, " ")
	if r := []rune(s); len(r) > 60 {
		s = strings.TrimSpace(string(r[:60]))
	}
	return s
}

// Approve lets a held message into the pane (the AutoMod "allow"); the
// pipeline records the resolution in the store. Not undoable: the viewers
// have seen it.
func (a *Actions) Approve(ctx context.Context, mod, id string) (ActionEvent, error) {
	return a.settle(ctx, mod, id, ActApprove)
}

// Deny keeps a held message out for good. Not undoable.
func (a *Actions) Deny(ctx context.Context, mod, id string) (ActionEvent, error) {
	return a.settle(ctx, mod, id, ActDeny)
}

func (a *Actions) settle(ctx context.Context, mod, id string, kind ActionKind) (ActionEvent, error) {
	if strings.TrimSpace(mod) == "" {
		return ActionEvent{}, fmt.Errorf("%w: %s: the moderator's name is required", ErrBadAction, kind)
	}
	settle := a.cfg.Pipeline.Approve
	if kind == ActDeny {
		settle = a.cfg.Pipeline.Deny
	}
	it, err := settle(id, mod)
	if err != nil {
		return ActionEvent{}, err
	}
	return a.run(ctx, step{entry: msgEntry(kind, mod, it.Message), ev: ActionEvent{Message: it.Message, User: Author(it.Message)}})
}
