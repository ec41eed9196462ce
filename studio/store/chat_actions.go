package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// ChatAction is one row of the moderation audit log.
type ChatAction struct {
	ID        int64
	Show      string
	At        time.Time
	Moderator string
	Action    string // delete, timeout, lift_timeout, ban, unban, pin, unpin, reply, answer, block_term, unblock_term, approve, deny
	Platform  string
	User      string
	MessageID string
	Term      string
	Text      string
	Reason    string
	Duration  time.Duration
	Result    string // ok, local, or the error the platform gave
	Undoes    int64  // the action this one undoes; 0 for none
	UndoneBy  int64  // the action that undid this one; 0 while it stands
}

// LogChatAction appends an action to the audit log and returns its id. An
// undo (Undoes set) also marks the action it undoes, in the same
// transaction, so the log never shows one without the other.
func (db *DB) LogChatAction(ctx context.Context, a ChatAction) (int64, error) {
	if a.Moderator == "" {
		return 0, fmt.Errorf("store: chat action %s: the moderator is required", a.Action)
	}
	if a.Result == "" {
		a.Result = "ok"
	}
	var id int64
	err := db.Write(ctx, func(tx *sql.Tx) error {
		var undoes any
		if a.Undoes != 0 {
			undoes = a.Undoes
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO chat_actions(show, at, moderator, action, platform, user_id,
			message_id, term, text, reason, duration_ms, result, undoes) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`,
			a.Show, a.At.UnixMilli(), a.Moderator, a.Action, a.Platform, a.User, a.MessageID, a.Term, a.Text,
			a.Reason, a.Duration.Milliseconds(), a.Result, undoes)
		if err != nil {
			return fmt.Errorf("store: chat action %s: %w", a.Action, err)
		}
		if id, err = res.LastInsertId(); err != nil {
			return fmt.Errorf("store: chat action %s: %w", a.Action, err)
		}
		if a.Undoes != 0 {
			res, err := tx.ExecContext(ctx, `UPDATE chat_actions SET undone_by = ? WHERE id = ? AND undone_by IS NULL`, id, a.Undoes)
			if err != nil {
				return fmt.Errorf("store: mark chat action %d undone: %w", a.Undoes, err)
			}
			if n, _ := res.RowsAffected(); n != 1 {
				return fmt.Errorf("%w: chat action %d to undo (or it was undone already)", ErrNotFound, a.Undoes)
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return id, nil
}

const selChatAction = `SELECT id, show, at, moderator, action, platform, user_id, message_id, term, text, reason,
	duration_ms, result, COALESCE(undoes, 0), COALESCE(undone_by, 0) FROM chat_actions`

// ChatActionByID returns one action of the audit log.
func (db *DB) ChatActionByID(ctx context.Context, id int64) (ChatAction, error) {
	as, err := db.queryChatActions(ctx, selChatAction+" WHERE id = ?", id)
	if err != nil {
		return ChatAction{}, err
	}
	if len(as) == 0 {
		return ChatAction{}, fmt.Errorf("%w: chat action %d", ErrNotFound, id)
	}
	return as[0], nil
}

// ChatActions returns a show's audit log, newest first, at most limit rows.
func (db *DB) ChatActions(ctx context.Context, show string, limit int) ([]ChatAction, error) {
	return db.queryChatActions(ctx, selChatAction+" WHERE show = ? ORDER BY id DESC LIMIT ?", show, limit)
}

// ChatUserActions returns the actions taken on one user in every show,
// newest first: the user card's moderation history.
func (db *DB) ChatUserActions(ctx context.Context, platform, user string, limit int) ([]ChatAction, error) {
	return db.queryChatActions(ctx, selChatAction+" WHERE platform = ? AND user_id = ? ORDER BY id DESC LIMIT ?",
		platform, user, limit)
}

func (db *DB) queryChatActions(ctx context.Context, q string, args ...any) ([]ChatAction, error) {
	rows, err := db.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: chat actions: %w", err)
	}
	defer rows.Close()
	var out []ChatAction
	for rows.Next() {
		var a ChatAction
		var at, dur int64
		if err := rows.Scan(&a.ID, &a.Show, &at, &a.Moderator, &a.Action, &a.Platform, &a.User, &a.MessageID,
			&a.Term, &a.Text, &a.Reason, &dur, &a.Result, &a.Undoes, &a.UndoneBy); err != nil {
			return nil, fmt.Errorf("store: chat actions: %w", err)
		}
		a.At, a.Duration = time.UnixMilli(at), time.Duration(dur)*time.Millisecond
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: chat actions: %w", err)
	}
	return out, nil
}
