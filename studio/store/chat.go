package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// MaxChatText is the most of one message's text the store keeps. Platforms
// cap chat at 200–500 characters, so only abuse is longer; a 64 KiB message
// is kept whole, a 10 MB one is cut here (text_bytes keeps its length).
const MaxChatText = 64 << 10

// ChatMessage is one chat message and the moderation decision on it, as
// stored. The store keeps its own row types, so it does not import
// studio/chat (which must stay free of SQLite); studio/chat/chatstore maps
// between the two.
type ChatMessage struct {
	Show      string
	Platform  string
	MessageID string
	Channel   string
	User      string
	Display   string
	Badges    []string // moderator, subscriber, broadcaster, buyer, first
	Loyalty   int
	Text      string
	TextBytes int // length as received; Text may be cut to MaxChatText
	Emotes    []ChatEmote
	SentAt    time.Time
	// AccountCreated is zero when the platform did not say.
	AccountCreated time.Time
	Action         string // allow, hold, block
	Rules          []string
	Reasons        []string
	Queues         []string
	Products       []string
	Shown          bool
	// Verdict is read back only: the end of a held message, if it had one.
	Verdict string
}

// ChatEmote is an emote's rune offsets in the text, both inclusive.
type ChatEmote struct {
	ID    string `json:"id"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// ChatResolution is the end of a held message.
type ChatResolution struct {
	Show      string
	MessageID string
	Verdict   string // approved, denied, expired
	Moderator string
	At        time.Time
}

const (
	insChatMessage = `INSERT INTO chat_messages(show, platform, message_id, channel, user_id, display, badges,
		loyalty, text, text_bytes, emotes, sent_at, account_created, action, rules, reasons, queues, products, shown)
		VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`
	insChatResolution = `INSERT INTO chat_resolutions(show, message_id, verdict, moderator, at) VALUES (?,?,?,?,?)`
)

// WriteChat stores a batch of messages and resolutions in one transaction:
// one commit per batch is what lets a 10,000 messages a second flood be
// kept (a commit per message would cap it at the disk's sync rate).
// Messages go first, so a resolution never precedes its message.
func (db *DB) WriteChat(ctx context.Context, msgs []ChatMessage, res []ChatResolution) error {
	if len(msgs) == 0 && len(res) == 0 {
		return nil
	}
	return db.Write(ctx, func(tx *sql.Tx) error {
		if len(msgs) > 0 {
			st, err := tx.PrepareContext(ctx, insChatMessage)
			if err != nil {
				return fmt.Errorf("store: prepare chat message: %w", err)
			}
			defer st.Close()
			for i := range msgs {
				if _, err := st.ExecContext(ctx, chatMessageArgs(&msgs[i])...); err != nil {
					return fmt.Errorf("store: chat message %s: %w", msgs[i].MessageID, err)
				}
			}
		}
		if len(res) > 0 {
			st, err := tx.PrepareContext(ctx, insChatResolution)
			if err != nil {
				return fmt.Errorf("store: prepare chat resolution: %w", err)
			}
			defer st.Close()
			for _, r := range res {
				if _, err := st.ExecContext(ctx, r.Show, r.MessageID, r.Verdict, r.Moderator, r.At.UnixMilli()); err != nil {
					return fmt.Errorf("store: chat resolution %s: %w", r.MessageID, err)
				}
			}
		}
		return nil
	})
}

func chatMessageArgs(m *ChatMessage) []any {
	text := m.Text
	if len(text) > MaxChatText {
		text = text[:MaxChatText]
		// Cut on a rune boundary when the text is valid UTF-8; invalid
		// bytes are kept as received either way.
		for k := 0; k < utf8.UTFMax && len(text) > 0 && !utf8.RuneStart(m.Text[len(text)]); k++ {
			text = text[:len(text)-1]
		}
	}
	n := m.TextBytes
	if n == 0 {
		n = len(m.Text)
	}
	var created any
	if !m.AccountCreated.IsZero() {
		created = m.AccountCreated.UnixMilli()
	}
	emotes := "[]"
	if len(m.Emotes) > 0 {
		emotes = jsonText(m.Emotes)
	}
	return []any{m.Show, m.Platform, m.MessageID, m.Channel, m.User, m.Display, strings.Join(m.Badges, ","),
		m.Loyalty, text, n, emotes, m.SentAt.UnixMilli(), created, m.Action,
		jsonList(m.Rules), jsonList(m.Reasons), jsonList(m.Queues), jsonList(m.Products), m.Shown}
}

// jsonList encodes a list of strings; nil is "[]", so a column never
// holds null.
func jsonList(s []string) string {
	if len(s) == 0 {
		return "[]"
	}
	return jsonText(s)
}

func jsonText(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return "[]" // []string and []ChatEmote always encode
	}
	return string(b)
}

// ChatCount counts the stored messages of a show.
func (db *DB) ChatCount(ctx context.Context, show string) (int, error) {
	var n int
	if err := db.r.QueryRowContext(ctx, "SELECT COUNT(*) FROM chat_messages WHERE show = ?", show).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: count chat: %w", err)
	}
	return n, nil
}

// ChatMessageByID returns a stored message of a show by its platform id.
func (db *DB) ChatMessageByID(ctx context.Context, show, platform, id string) (ChatMessage, error) {
	rows, err := db.r.QueryContext(ctx, selChatMessage+` WHERE m.show = ? AND m.platform = ? AND m.message_id = ?
		ORDER BY m.id DESC LIMIT 1`, show, platform, id)
	if err != nil {
		return ChatMessage{}, fmt.Errorf("store: chat message %s: %w", id, err)
	}
	ms, err := scanChatMessages(rows)
	if err != nil {
		return ChatMessage{}, err
	}
	if len(ms) == 0 {
		return ChatMessage{}, fmt.Errorf("%w: chat message %s/%s", ErrNotFound, platform, id)
	}
	return ms[0], nil
}
