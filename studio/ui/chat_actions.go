package ui

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// current is the open tab's list.
func (p *ChatPane) current() *chatList {
	i := p.Tabs.SelectedIndex()
	if i < 0 || i >= len(p.Lists) {
		i = TabAll
	}
	return p.Lists[i]
}

// Selected is the message selected in the open tab.
func (p *ChatPane) Selected() (ChatMessage, bool) {
	l := p.current()
	if l.selected < 0 || l.selected >= len(l.msgs) {
		return ChatMessage{}, false
	}
	return l.msgs[l.selected], true
}

// Move selects the next (+1) or previous (-1) message in the open tab, as
// the J and K keys do; with none selected it starts from the newest.
func (p *ChatPane) Move(step int) {
	l := p.current()
	if len(l.msgs) == 0 {
		return
	}
	i := l.selected
	if i < 0 {
		i = len(l.msgs)
	}
	i = max(0, min(len(l.msgs)-1, i+step))
	l.list.Select(i)
}

// ActOnSelected applies a moderator action to the selected message and
// updates the tabs once the chat has done it.
func (p *ChatPane) ActOnSelected(a ChatAction) {
	m, ok := p.Selected()
	if !ok || p.feed == nil {
		return
	}
	if a == ChatApprove && m.Action != "hold" {
		return
	}
	p.run(func(ctx context.Context) error {
		if err := p.feed.Act(ctx, m, a); err != nil {
			return fmt.Errorf("%s: %w", a, err)
		}
		fyne.Do(func() { p.applied(m, a) })
		return nil
	})
}

func (p *ChatPane) applied(m ChatMessage, a ChatAction) {
	switch a {
	case ChatApprove:
		p.Lists[TabHeld].remove(func(x ChatMessage) bool { return x.ID == m.ID })
		m.Action = "allow"
		p.Add(m)
	case ChatDelete:
		for _, l := range p.Lists {
			l.remove(func(x ChatMessage) bool { return x.ID == m.ID })
		}
	case ChatTimeout, ChatBan:
		for _, l := range p.Lists {
			l.remove(func(x ChatMessage) bool { return x.User == m.User && x.Platform == m.Platform })
		}
	}
	p.titlesDue, p.titlesAt, p.listAt = true, time.Time{}, time.Time{}
	p.Settle(time.Now())
	p.updateButtons()
}

func (p *ChatPane) updateButtons() {
	m, ok := p.Selected()
	for _, b := range []*widget.Button{p.Delete, p.Timeout, p.Ban, p.UserCard} {
		setEnabled(b, ok && p.feed != nil)
	}
	setEnabled(p.Approve, ok && p.feed != nil && m.Action == "hold")
	setEnabled(p.Pin, ok && p.canPin())
	setEnabled(p.Unpin, p.canPin())
	setEnabled(p.Reply, ok && p.responder() != nil)
}

func setEnabled(b *widget.Button, on bool) {
	if on && b.Disabled() {
		b.Enable()
	} else if !on && !b.Disabled() {
		b.Disable()
	}
}

// updateInterest shows the products viewers ask about most.
func (p *ChatPane) updateInterest() {
	type kv struct {
		sku string
		n   int
	}
	var top []kv
	for sku, n := range p.interest {
		top = append(top, kv{sku, n})
	}
	sort.Slice(top, func(i, j int) bool {
		if top[i].n != top[j].n {
			return top[i].n > top[j].n
		}
		return top[i].sku < top[j].sku
	})
	var parts []string
	for _, e := range top[:min(5, len(top))] {
		name := e.sku
		if p.ProductName != nil {
			name = p.ProductName(e.sku)
		}
		parts = append(parts, fmt.Sprintf("%s ×%d", name, e.n))
	}
	text := tr("Asked about: {{.List}}", map[string]any{"List": "—"})
	if len(parts) > 0 {
		text = tr("Asked about: {{.List}}", map[string]any{"List": strings.Join(parts, "  ·  ")})
	}
	if p.Interest.Text != text {
		p.Interest.SetText(text)
	}
}

// Interest is how many messages asked about each product.
func (p *ChatPane) InterestIn(sku string) int { return p.interest[sku] }

// ShowUserCard shows who sent the selected message: badges, platform, and
// their recent messages here, with Timeout and Ban.
func (p *ChatPane) ShowUserCard() {
	m, ok := p.Selected()
	if !ok || p.win == nil {
		return
	}
	var recent []string
	total := 0
	for _, l := range p.Lists[:TabQuestions] { // All and Held hold every shown message once
		for _, x := range l.msgs {
			if x.User == m.User && x.Platform == m.Platform {
				total++
				recent = append(recent, x.Text)
			}
		}
	}
	if len(recent) > 5 {
		recent = recent[len(recent)-5:]
	}
	name := m.name()
	info := widget.NewLabel(tr("{{.Platform}} user {{.User}} · {{.N}} messages in this show",
		map[string]any{"Platform": m.Platform, "User": m.User, "N": total}))
	badges := widget.NewLabel(badgeText(m.Badges))
	lines := widget.NewLabel("• " + strings.Join(recent, "\n• "))
	lines.Wrapping = fyne.TextWrapWord
	var d dialog.Dialog
	timeout := widget.NewButton(tr("Timeout"), func() { d.Hide(); p.ActOnSelected(ChatTimeout) })
	ban := widget.NewButton(tr("Ban"), func() { d.Hide(); p.ActOnSelected(ChatBan) })
	ban.Importance = widget.DangerImportance
	body := container.NewVBox(info, badges, lines, container.NewHBox(timeout, ban))
	d = dialog.NewCustom(name, tr("Close"), body, p.win())
	d.Resize(fyne.NewSize(420, 300))
	d.Show()
}

// firstName names a product ref by the first of names that knows it (an
// answer that is neither "" nor ref itself), else by the ref.
func firstName(names ...func(ref string) string) func(ref string) string {
	return func(ref string) string {
		for _, n := range names {
			if n == nil {
				continue
			}
			if s := n(ref); s != "" && s != ref {
				return s
			}
		}
		return ref
	}
}
