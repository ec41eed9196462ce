package chat

import (
	"context"
	"fmt"
	"slices"
	"sync"
)

// Undo takes back an action from the audit log, by its id: a timeout is
// lifted, a ban lifted, a pin taken down, an answered question put back, a
// blocked term removed. Delete, reply, approve and deny cannot be undone
// (ErrNotUndoable), nor can an action undone already. The undo is an
// action of its own in the log, pointing at the one it undoes.
func (a *Actions) Undo(ctx context.Context, mod string, id int64) (ActionEvent, error) {
	e, err := a.cfg.Audit.Entry(ctx, id)
	if err != nil {
		return ActionEvent{}, err
	}
	if e.UndoneBy != 0 {
		return ActionEvent{}, fmt.Errorf("%w: %s #%d was undone already (#%d)", ErrNotUndoable, e.Action, id, e.UndoneBy)
	}
	u := UserRef{Platform: e.Platform, User: e.User}
	switch e.Action {
	case ActTimeout:
		return a.liftTimeout(ctx, mod, u, id)
	case ActBan:
		return a.unban(ctx, mod, u, id)
	case ActPin:
		if p := a.Pinned(); p == nil || p.MessageID != e.MessageID || p.Platform != e.Platform {
			// Another message was pinned since: that one stays, and the
			// undo only records that this pin is over.
			return a.run(ctx, step{entry: AuditEntry{Action: ActUnpin, Moderator: mod, Platform: e.Platform,
				User: e.User, MessageID: e.MessageID, Undoes: id}})
		}
		return a.unpin(ctx, mod, id)
	case ActAnswer:
		m := Message{ID: e.MessageID, Platform: e.Platform, User: e.User}
		ue := msgEntry(ActUnanswer, mod, m)
		ue.Undoes = id
		return a.run(ctx, step{entry: ue, ev: ActionEvent{Message: m, User: u}})
	case ActBlockTerm:
		return a.unblockTerm(ctx, mod, e.Term, id)
	}
	return ActionEvent{}, fmt.Errorf("%w: %s", ErrNotUndoable, e.Action)
}

// UndoLast undoes the moderator's newest undoable action still standing
// (Ctrl+Z in the pane).
func (a *Actions) UndoLast(ctx context.Context, mod string) (ActionEvent, error) {
	for {
		id, ok := a.popUndo(mod)
		if !ok {
			return ActionEvent{}, fmt.Errorf("%w: %s has nothing left to undo", ErrNotUndoable, mod)
		}
		e, err := a.cfg.Audit.Entry(ctx, id)
		if err != nil {
			return ActionEvent{}, err
		}
		if e.UndoneBy == 0 {
			return a.Undo(ctx, mod, id)
		}
	}
}

// MemoryAudit is an AuditLog in memory, for tests and for `vitrina chat`
// runs without a store.
type MemoryAudit struct {
	mu      sync.Mutex
	entries []AuditEntry
}

func (m *MemoryAudit) Append(_ context.Context, e AuditEntry) (int64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if e.Undoes != 0 {
		i := int(e.Undoes) - 1
		if i < 0 || i >= len(m.entries) || m.entries[i].UndoneBy != 0 {
			return 0, fmt.Errorf("%w: audit entry %d to undo", ErrNotUndoable, e.Undoes)
		}
		m.entries[i].UndoneBy = int64(len(m.entries) + 1)
	}
	e.ID = int64(len(m.entries) + 1)
	m.entries = append(m.entries, e)
	return e.ID, nil
}

func (m *MemoryAudit) Entry(_ context.Context, id int64) (AuditEntry, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if id < 1 || int(id) > len(m.entries) {
		return AuditEntry{}, fmt.Errorf("%w: audit entry %d", ErrNotFound, id)
	}
	return m.entries[id-1], nil
}

// Entries returns the log, oldest first.
func (m *MemoryAudit) Entries() []AuditEntry {
	m.mu.Lock()
	defer m.mu.Unlock()
	return slices.Clone(m.entries)
}
