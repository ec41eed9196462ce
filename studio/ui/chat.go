package ui

import (
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// Tabs of the chat pane, in order.
const (
	TabAll = iota
	TabHeld
	TabQuestions
	TabWant
)

// chatKeep is how many messages each tab keeps: a moderator scrolls back a
// few minutes, not the whole show (the store keeps everything).
const chatKeep = 500

// ChatPane is the moderation pane: the unified feed, the Held, Questions
// and Want-it tabs with their counts, actions on the selected message, a
// user card, and a strip of the products viewers ask about.
type ChatPane struct {
	Tabs     *container.AppTabs
	Lists    [4]*chatList
	Interest *widget.Label
	Approve  *widget.Button
	Delete   *widget.Button
	Timeout  *widget.Button
	Ban      *widget.Button
	UserCard *widget.Button
	// Pin puts the selected message on the program with an answer, Unpin
	// takes it off, Reply answers in the chat (chat_respond.go).
	Pin, Unpin, Reply *widget.Button
	Box               fyne.CanvasObject
	// ProductName names a product ref (SKU or handle) in the interest
	// strip; nil shows the ref.
	ProductName func(ref string) string

	feed     ChatFeed
	pinner   CommentPinner // the engine's overlay, when the feed cannot pin
	run      Commands
	win      func() fyne.Window
	counts   [4]int // every message each tab ever took, for its title
	interest map[string]int
	lat      *latency

	mu      sync.Mutex
	pending []ChatMessage
	// kick asks for flushPending on the UI goroutine; the window's pacer
	// does it in the same repaint as the preview.
	kick func()

	stop       func()
	done       chan struct{}
	dirty      [4]bool   // lists changed while their tab was hidden
	titlesDue  bool      // counts changed since the titles were last set
	titlesAt   time.Time // when they were
	titleEvery time.Duration
	listAt     time.Time // when the open list was last redrawn
	listEvery  time.Duration
	afterFlush func(n int) // tests wait on it
}

// NewChatPane builds the pane over feed; with a nil feed it says that no
// chat is connected. lat, when set, receives each message's delay from
// Received to the open list being redrawn with it.
func NewChatPane(feed ChatFeed, run Commands, win func() fyne.Window, lat *latency) *ChatPane {
	p := &ChatPane{feed: feed, run: run.orDefault(), win: win, interest: map[string]int{}, lat: lat,
		titleEvery: 250 * time.Millisecond, listEvery: 100 * time.Millisecond}
	p.kick = newPacer(0, p.flushPending).kick
	for i := range p.Lists {
		p.Lists[i] = newChatList(p, i)
	}
	p.Tabs = container.NewAppTabs()
	for i := range p.Lists {
		p.Tabs.Append(container.NewTabItem(p.tabTitle(i), p.Lists[i].list))
	}
	p.Tabs.OnSelected = func(*container.TabItem) {
		if i := p.Tabs.SelectedIndex(); i >= 0 && p.dirty[i] {
			p.dirty[i] = false
			p.Lists[i].refresh(nil)
		}
		p.updateButtons()
	}
	p.Interest = widget.NewLabel("")
	p.Interest.Truncation = fyne.TextTruncateEllipsis
	p.Approve = widget.NewButton(tr("Approve"), func() { p.ActOnSelected(ChatApprove) })
	p.Delete = widget.NewButton(tr("Delete"), func() { p.ActOnSelected(ChatDelete) })
	p.Timeout = widget.NewButton(tr("Timeout"), func() { p.ActOnSelected(ChatTimeout) })
	p.Ban = widget.NewButton(tr("Ban"), func() { p.ActOnSelected(ChatBan) })
	p.Ban.Importance = widget.DangerImportance
	p.UserCard = widget.NewButton(tr("User"), p.ShowUserCard)
	p.Pin = widget.NewButton(tr("Pin"), func() { p.AskPin() })
	p.Unpin = widget.NewButton(tr("Unpin"), p.UnpinComment)
	p.Reply = widget.NewButton(tr("Reply"), func() { p.AskReply() })
	actions := container.NewGridWithColumns(4, p.Approve, p.Delete, p.Timeout, p.Ban, p.UserCard, p.Pin, p.Unpin, p.Reply)
	head := widget.NewLabelWithStyle(tr("Chat"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	if feed == nil {
		head.SetText(tr("Chat") + " — " + tr("no chat connected yet"))
	}
	p.updateInterest()
	p.updateButtons()
	p.Box = container.NewBorder(container.NewVBox(head, p.Interest), actions, nil, nil, p.Tabs)
	return p
}

func (p *ChatPane) tabTitle(i int) string {
	switch i {
	case TabHeld: // waiting for a moderator, not all ever held
		return tr("Held ({{.N}})", map[string]any{"N": len(p.Lists[i].msgs)})
	case TabQuestions:
		return tr("Questions ({{.N}})", map[string]any{"N": p.counts[i]})
	case TabWant:
		return tr("Want it ({{.N}})", map[string]any{"N": p.counts[i]})
	}
	return tr("All")
}

// Start follows the feed until Stop.
func (p *ChatPane) Start() {
	if p.feed == nil {
		return
	}
	ch, stop := p.feed.Messages()
	p.stop, p.done = stop, make(chan struct{})
	go func() {
		defer close(p.done)
		for m := range ch {
			if m.Received.IsZero() {
				m.Received = time.Now()
			}
			// One hand-over per batch: at 1,000 messages a second the UI
			// goroutine updates the lists once per frame, not 1,000 times.
			p.mu.Lock()
			p.pending = append(p.pending, m)
			p.mu.Unlock()
			p.kick()
		}
	}()
}

// Stop ends the feed subscription.
func (p *ChatPane) Stop() {
	if p.stop != nil {
		p.stop()
		<-p.done
		p.stop = nil
	}
}

// flushPending applies what the feed has sent since the last flush; it
// runs on the UI goroutine.
func (p *ChatPane) flushPending() {
	p.mu.Lock()
	batch := p.pending
	p.pending = nil
	p.mu.Unlock()
	if len(batch) > 0 {
		p.flush(batch)
	}
}

func (p *ChatPane) flush(batch []ChatMessage) {
	p.Add(batch...)
	if p.afterFlush != nil {
		p.afterFlush(len(batch))
	}
}

// Add puts messages in their tabs; it runs on the UI goroutine.
func (p *ChatPane) Add(msgs ...ChatMessage) {
	if len(msgs) == 0 {
		return
	}
	for _, m := range msgs {
		for _, tab := range tabsOf(m) {
			p.Lists[tab].push(m)
			p.counts[tab]++
			p.dirty[tab] = true
		}
		if m.Action != "block" {
			for _, sku := range m.Products {
				p.interest[sku]++
			}
		}
	}
	p.titlesDue = true
	p.Settle(time.Now())
}

// Settle shows what Add took in: the open tab's list at most ten times a
// second, the tab counts and the interest strip four times. Nobody reads a
// chat faster, and redrawing a list for every message of a busy one would
// take the UI goroutine's time from the preview. The window calls it every
// frame, so the last change always shows.
func (p *ChatPane) Settle(now time.Time) {
	if open := p.Tabs.SelectedIndex(); open >= 0 && p.dirty[open] && now.Sub(p.listAt) >= p.listEvery {
		p.dirty[open], p.listAt = false, now
		p.Lists[open].refresh(p.lat)
	}
	if !p.titlesDue || now.Sub(p.titlesAt) < p.titleEvery {
		return
	}
	p.titlesDue, p.titlesAt = false, now
	changed := false
	for i := range p.Lists {
		if title := p.tabTitle(i); p.Tabs.Items[i].Text != title {
			p.Tabs.Items[i].Text = title
			changed = true
		}
	}
	if changed {
		p.Tabs.Refresh()
	}
	p.updateInterest()
}

// tabsOf is where a message shows: held ones only in Held, blocked ones
// nowhere, allowed ones in All and their queues' tabs.
func tabsOf(m ChatMessage) []int {
	switch m.Action {
	case "block":
		return nil
	case "hold":
		return []int{TabHeld}
	}
	tabs := []int{TabAll}
	for _, q := range m.Queues {
		switch q {
		case "question":
			tabs = append(tabs, TabQuestions)
		case "want":
			tabs = append(tabs, TabWant)
		case "held":
			return []int{TabHeld}
		}
	}
	return tabs
}

// Count is the number in a tab's title: messages waiting in Held, all
// taken for the others.
func (p *ChatPane) Count(tab int) int {
	if tab == TabHeld {
		return len(p.Lists[tab].msgs)
	}
	return p.counts[tab]
}
