package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// ChatUser is what the store knows of one chat user: the moderator's user
// card. Loyalty counts every show, this one included.
type ChatUser struct {
	Platform, User string
	Display        string        // the latest display name seen
	ThisShow       []ChatMessage // this show's messages, newest first
	PastShows      []ChatVisit   // other shows, newest first
	Shows          int           // shows with at least one message, this one included
	Messages       int           // messages in every show
	Purchases      int           // orders (chat_purchases rows)
	FirstSeen      time.Time     // zero when never seen
	LastSeen       time.Time
}

// ChatVisit is one show a user wrote in.
type ChatVisit struct {
	Show        string
	First, Last time.Time
	Messages    int
}

// selChatMessage reads a message with the verdict of its latest
// resolution (” when it was never held, or is held still).
const selChatMessage = `SELECT m.show, m.platform, m.message_id, m.channel, m.user_id, m.display, m.badges,
	m.loyalty, m.text, m.text_bytes, m.emotes, m.sent_at, m.account_created, m.action, m.rules, m.reasons,
	m.queues, m.products, m.shown,
	COALESCE((SELECT r.verdict FROM chat_resolutions r WHERE r.show = m.show AND r.message_id = m.message_id
		ORDER BY r.id DESC LIMIT 1), '')
	FROM chat_messages m`

func scanChatMessages(rows *sql.Rows) ([]ChatMessage, error) {
	defer rows.Close()
	var out []ChatMessage
	for rows.Next() {
		var m ChatMessage
		var badges, emotes, rules, reasons, queues, products string
		var sent int64
		var created sql.NullInt64
		if err := rows.Scan(&m.Show, &m.Platform, &m.MessageID, &m.Channel, &m.User, &m.Display, &badges,
			&m.Loyalty, &m.Text, &m.TextBytes, &emotes, &sent, &created, &m.Action, &rules, &reasons,
			&queues, &products, &m.Shown, &m.Verdict); err != nil {
			return nil, fmt.Errorf("store: read chat message: %w", err)
		}
		if badges != "" {
			m.Badges = strings.Split(badges, ",")
		}
		m.SentAt = time.UnixMilli(sent)
		if created.Valid {
			m.AccountCreated = time.UnixMilli(created.Int64)
		}
		// The columns were written by WriteChat as JSON; a row that does
		// not decode reads as empty lists rather than failing the card.
		json.Unmarshal([]byte(emotes), &m.Emotes)
		for _, f := range []struct {
			col string
			dst *[]string
		}{{rules, &m.Rules}, {reasons, &m.Reasons}, {queues, &m.Queues}, {products, &m.Products}} {
			json.Unmarshal([]byte(f.col), f.dst)
		}
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: read chat messages: %w", err)
	}
	return out, nil
}

// ChatUser builds a user's card: up to limit of their messages in show,
// the other shows they wrote in, and loyalty. All in one read snapshot,
// so the counts agree with the lists.
func (db *DB) ChatUser(ctx context.Context, platform, user, show string, limit int) (ChatUser, error) {
	u := ChatUser{Platform: platform, User: user}
	err := db.Read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, selChatMessage+` WHERE m.platform = ? AND m.user_id = ? AND m.show = ?
			ORDER BY m.sent_at DESC, m.id DESC LIMIT ?`, platform, user, show, limit)
		if err != nil {
			return fmt.Errorf("store: user messages: %w", err)
		}
		if u.ThisShow, err = scanChatMessages(rows); err != nil {
			return err
		}
		visits, err := tx.QueryContext(ctx, `SELECT show, MIN(sent_at), MAX(sent_at), COUNT(*) FROM chat_messages
			WHERE platform = ? AND user_id = ? GROUP BY show ORDER BY MAX(sent_at) DESC`, platform, user)
		if err != nil {
			return fmt.Errorf("store: user shows: %w", err)
		}
		defer visits.Close()
		for visits.Next() {
			var v ChatVisit
			var first, last int64
			if err := visits.Scan(&v.Show, &first, &last, &v.Messages); err != nil {
				return fmt.Errorf("store: user shows: %w", err)
			}
			v.First, v.Last = time.UnixMilli(first), time.UnixMilli(last)
			u.Shows++
			u.Messages += v.Messages
			if u.FirstSeen.IsZero() || v.First.Before(u.FirstSeen) {
				u.FirstSeen = v.First
			}
			if v.Last.After(u.LastSeen) {
				u.LastSeen = v.Last
			}
			if v.Show != show {
				u.PastShows = append(u.PastShows, v)
			}
		}
		if err := visits.Err(); err != nil {
			return fmt.Errorf("store: user shows: %w", err)
		}
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM chat_purchases WHERE platform = ? AND user_id = ?`,
			platform, user).Scan(&u.Purchases); err != nil {
			return fmt.Errorf("store: user purchases: %w", err)
		}
		err = tx.QueryRowContext(ctx, `SELECT display FROM chat_messages WHERE platform = ? AND user_id = ?
			ORDER BY sent_at DESC, id DESC LIMIT 1`, platform, user).Scan(&u.Display)
		if err != nil && err != sql.ErrNoRows {
			return fmt.Errorf("store: user name: %w", err)
		}
		return nil
	})
	return u, err
}

// ChatLoyalty is what a show needs to know of its regulars before it
// starts: per user, the past shows they wrote in and whether they bought.
type ChatLoyalty struct {
	Shows     int
	Purchases int
}

// ChatRegulars returns, for every user of platform seen in a show other
// than show or with a purchase, their loyalty: one query at the start of a
// show, so the pipeline's badges (Loyalty, Buyer) need no lookup per
// message.
func (db *DB) ChatRegulars(ctx context.Context, platform, show string) (map[string]ChatLoyalty, error) {
	out := map[string]ChatLoyalty{}
	err := db.Read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT user_id, COUNT(DISTINCT show) FROM chat_messages
			WHERE platform = ? AND show <> ? AND user_id <> '' GROUP BY user_id`, platform, show)
		if err != nil {
			return fmt.Errorf("store: regulars: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var user string
			var l ChatLoyalty
			if err := rows.Scan(&user, &l.Shows); err != nil {
				return fmt.Errorf("store: regulars: %w", err)
			}
			out[user] = l
		}
		if err := rows.Err(); err != nil {
			return fmt.Errorf("store: regulars: %w", err)
		}
		buyers, err := tx.QueryContext(ctx, `SELECT user_id, COUNT(*) FROM chat_purchases WHERE platform = ? GROUP BY user_id`, platform)
		if err != nil {
			return fmt.Errorf("store: buyers: %w", err)
		}
		defer buyers.Close()
		for buyers.Next() {
			var user string
			var n int
			if err := buyers.Scan(&user, &n); err != nil {
				return fmt.Errorf("store: buyers: %w", err)
			}
			l := out[user]
			l.Purchases = n
			out[user] = l
		}
		return buyers.Err()
	})
	return out, err
}

// AddChatPurchase records an order by a chat user (a confirmed claim), for
// loyalty and the Buyer badge.
func (db *DB) AddChatPurchase(ctx context.Context, show, platform, user, sku string, quantity int, at time.Time) error {
	if quantity < 1 {
		quantity = 1
	}
	return db.Write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO chat_purchases(show, platform, user_id, sku, quantity, at)
			VALUES (?,?,?,?,?,?)`, show, platform, user, sku, quantity, at.UnixMilli()); err != nil {
			return fmt.Errorf("store: chat purchase: %w", err)
		}
		return nil
	})
}
