package ui

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// Pinning a viewer's message on the program, and replying in the chat,
// from the chat pane.

// ChatResponder is what a ChatFeed may also do: pin a message on the
// program with the host's answer and take it off (through the chat's
// actions, which log it and call the engine's PinComment), and reply in
// the chat of the message's platform through its moderator.
type ChatResponder interface {
	Pin(ctx context.Context, m ChatMessage, answer string) error
	Unpin(ctx context.Context) error
	Reply(ctx context.Context, m ChatMessage, text string) error
}

// CommentPinner is the engine's pinned-comment overlay (*studio.Studio):
// the pane pins with it when the feed cannot.
type CommentPinner interface {
	PinComment(ctx context.Context, user, text, answer string) error
	UnpinComment(ctx context.Context) error
}

// ChatDialog asks for a line of text about the selected message: the
// answer shown under a pinned message, or a reply.
type ChatDialog struct {
	Text       *widget.Entry
	OK, Cancel *widget.Button
	dlg        dialog.Dialog
}

func (p *ChatPane) responder() ChatResponder {
	r, _ := p.feed.(ChatResponder)
	return r
}

func (p *ChatPane) canPin() bool { return p.responder() != nil || p.pinner != nil }

// ask opens a ChatDialog over the window; nil without a window.
func (p *ChatPane) ask(title, hint, ok string, optional bool, done func(string)) *ChatDialog {
	if p.win == nil || p.win() == nil {
		return nil
	}
	d := &ChatDialog{Text: widget.NewEntry()}
	d.Text.SetPlaceHolder(hint)
	submit := func() {
		text := strings.TrimSpace(d.Text.Text)
		if text == "" && !optional {
			return
		}
		d.dlg.Hide()
		done(text)
	}
	d.Text.OnSubmitted = func(string) { submit() }
	d.OK = widget.NewButton(ok, submit)
	d.OK.Importance = widget.HighImportance
	d.Cancel = widget.NewButton(tr("Cancel"), func() { d.dlg.Hide() })
	body := container.NewBorder(nil, container.NewCenter(container.NewHBox(d.Cancel, d.OK)), nil, nil, d.Text)
	d.dlg = dialog.NewCustomWithoutButtons(title, body, p.win())
	d.dlg.Resize(fyne.NewSize(460, 0))
	d.dlg.Show()
	p.win().Canvas().Focus(d.Text)
	return d
}

// AskPin asks for an optional answer, then pins the selected message on
// the program with it.
func (p *ChatPane) AskPin() *ChatDialog {
	m, ok := p.Selected()
	if !ok || !p.canPin() {
		return nil
	}
	return p.ask(tr("Pin on the program"), tr("Your answer (optional)"), tr("Pin"), true,
		func(answer string) { p.PinMessage(m, answer) })
}

// PinMessage puts m on the program with the host's answer ("" for none),
// replacing the one pinned before.
func (p *ChatPane) PinMessage(m ChatMessage, answer string) {
	if r := p.responder(); r != nil {
		p.run(func(ctx context.Context) error { return wrapAct("pin", r.Pin(ctx, m, answer)) })
		return
	}
	if p.pinner == nil {
		return
	}
	user := m.name()
	p.run(func(ctx context.Context) error { return wrapAct("pin", p.pinner.PinComment(ctx, user, m.Text, answer)) })
}

// UnpinComment takes the pinned message off the program.
func (p *ChatPane) UnpinComment() {
	if r := p.responder(); r != nil {
		p.run(func(ctx context.Context) error { return wrapAct("unpin", r.Unpin(ctx)) })
	} else if p.pinner != nil {
		p.run(func(ctx context.Context) error { return wrapAct("unpin", p.pinner.UnpinComment(ctx)) })
	}
}

// AskReply asks for a reply and posts it in the chat the selected message
// came from.
func (p *ChatPane) AskReply() *ChatDialog {
	m, ok := p.Selected()
	if !ok || p.responder() == nil {
		return nil
	}
	return p.ask(tr("Reply to {{.User}}", map[string]any{"User": m.name()}), tr("Your reply, posted in the chat"), tr("Send"), false,
		func(text string) { p.ReplyTo(m, text) })
}

// ReplyTo posts text in m's chat, answering m.
func (p *ChatPane) ReplyTo(m ChatMessage, text string) {
	if r := p.responder(); r != nil && strings.TrimSpace(text) != "" {
		p.run(func(ctx context.Context) error { return wrapAct("reply", r.Reply(ctx, m, text)) })
	}
}

func wrapAct(what string, err error) error {
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}
