package chat

import (
	"container/list"
	"time"
)

// HeldItem is a message waiting in the held queue, the AutoMod-style
// review queue: a moderator approves it into the pane or denies it.
type HeldItem struct {
	Message  Message
	Decision Decision
	At       time.Time // when it was held
}

// heldQueue keeps held messages in arrival order, at most max of them.
// When full the oldest expires: it leaves the queue (the sink records the
// expiry) but stays stored, so nothing is lost.
type heldQueue struct {
	max   int
	order *list.List
	byID  map[string]*list.Element
}

func newHeldQueue(max int) *heldQueue {
	return &heldQueue{max: max, order: list.New(), byID: map[string]*list.Element{}}
}

// add queues an item and returns the one that expired to make room, if any.
func (h *heldQueue) add(it HeldItem) (expired *HeldItem) {
	if old, ok := h.byID[it.Message.ID]; ok {
		// A platform re-sending a message id replaces the earlier copy.
		h.order.Remove(old)
		delete(h.byID, it.Message.ID)
	}
	if h.order.Len() >= h.max {
		e := h.order.Front()
		x := e.Value.(*HeldItem)
		h.order.Remove(e)
		delete(h.byID, x.Message.ID)
		expired = x
	}
	h.byID[it.Message.ID] = h.order.PushBack(&it)
	return expired
}

// take removes and returns the held message with id.
func (h *heldQueue) take(id string) (HeldItem, bool) {
	e, ok := h.byID[id]
	if !ok {
		return HeldItem{}, false
	}
	h.order.Remove(e)
	delete(h.byID, id)
	return *e.Value.(*HeldItem), true
}

// items returns the held messages, oldest first.
func (h *heldQueue) items() []HeldItem {
	out := make([]HeldItem, 0, h.order.Len())
	for e := h.order.Front(); e != nil; e = e.Next() {
		out = append(out, *e.Value.(*HeldItem))
	}
	return out
}

func (h *heldQueue) len() int { return h.order.Len() }
