package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/big"
	"strings"
	"time"
)

// AddGiveawayEntrants enters users into a show's giveaway. Entrants are the
// buyers, or the commenters who used the giveaway's keyword; source says
// which ("buyer", "keyword:WIN"). A user already entered keeps one entry
// and their first source: entering twice never doubles a chance. Blank
// names are skipped. A 'giveaway' event counts the new entrants.
func (db *DB) AddGiveawayEntrants(ctx context.Context, showID int64, giveaway string, users []string, source string) error {
	if giveaway == "" {
		return fmt.Errorf("store: giveaway entrants: %w: no giveaway name", ErrBadGiveaway)
	}
	at := time.Now()
	err := db.Write(ctx, func(tx *sql.Tx) error {
		s, err := loadShow(ctx, tx, "WHERE id = ?", showID)
		if err != nil {
			return fmt.Errorf("show %d: %w", showID, err)
		}
		st, err := tx.PrepareContext(ctx, `INSERT OR IGNORE INTO giveaway_entrants(show_id, giveaway, user, source, added_at)
			VALUES (?, ?, ?, ?, ?)`)
		if err != nil {
			return err
		}
		defer st.Close()
		var added int64
		for _, u := range users {
			if u = strings.TrimSpace(u); u == "" {
				continue
			}
			res, err := st.ExecContext(ctx, showID, giveaway, u, source, at.UnixMilli())
			if err != nil {
				return err
			}
			n, _ := res.RowsAffected()
			added += n
		}
		if added == 0 {
			return nil // nothing changed, so no event
		}
		return insertEvent(ctx, tx, ShowEvent{ShowID: showID, At: at, Offset: at.Sub(s.StartedAt), Kind: KindGiveaway,
			Data: jsonOf(map[string]any{"action": "entrants", "giveaway": giveaway, "source": source, "added": added})})
	})
	if err != nil {
		return fmt.Errorf("store: giveaway %q entrants: %w", giveaway, err)
	}
	return nil
}

// DrawGiveaway draws up to winners distinct winners with crypto/rand, each
// eligible entrant equally likely. Winners of the giveaway's earlier draws
// are not eligible, so a re-draw for a winner who never answered picks
// someone new. The draw and its snapshot of the eligible entrants are
// stored (giveaway_draws) and announced as a 'giveaway' event in the same
// transaction, so no draw can be made and then quietly dropped. Fewer
// eligible entrants than winners makes them all winners.
func (db *DB) DrawGiveaway(ctx context.Context, showID int64, giveaway string, winners int) ([]string, error) {
	if giveaway == "" || winners < 1 {
		return nil, fmt.Errorf("store: draw: %w: want a giveaway name and at least one winner (got %q, %d)",
			ErrBadGiveaway, giveaway, winners)
	}
	at := time.Now()
	var won []string
	err := db.Write(ctx, func(tx *sql.Tx) error {
		s, err := loadShow(ctx, tx, "WHERE id = ?", showID)
		if err != nil {
			return fmt.Errorf("show %d: %w", showID, err)
		}
		entrants, err := eligibleEntrants(ctx, tx, showID, giveaway)
		if err != nil {
			return err
		}
		if len(entrants) == 0 {
			return ErrNoEntrants
		}
		if won, err = drawFrom(entrants, winners); err != nil {
			return err
		}
		sum := EntrantsSHA256(entrants)
		res, err := tx.ExecContext(ctx, `INSERT INTO giveaway_draws(show_id, giveaway, drawn_at, entrant_count,
			entrants_sha256, entrants, winners) VALUES (?, ?, ?, ?, ?, ?, ?)`, showID, giveaway, at.UnixMilli(),
			len(entrants), sum, string(jsonOf(entrants)), string(jsonOf(won)))
		if err != nil {
			return err
		}
		drawID, err := res.LastInsertId()
		if err != nil {
			return err
		}
		return insertEvent(ctx, tx, ShowEvent{ShowID: showID, At: at, Offset: at.Sub(s.StartedAt), Kind: KindGiveaway,
			Data: jsonOf(map[string]any{"action": "draw", "giveaway": giveaway, "draw": drawID, "winners": won,
				"entrants": len(entrants), "entrants_sha256": sum})})
	})
	if err != nil {
		return nil, fmt.Errorf("store: draw giveaway %q: %w", giveaway, err)
	}
	return won, nil
}

// eligibleEntrants lists the entrants who have not won this giveaway yet,
// sorted bytewise (SQLite's BINARY collation, Go's string order), the order
// the audit hash is taken in.
func eligibleEntrants(ctx context.Context, tx *sql.Tx, showID int64, giveaway string) ([]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT user FROM giveaway_entrants WHERE show_id = ?1 AND giveaway = ?2
		AND user NOT IN (SELECT j.value FROM giveaway_draws d, json_each(d.winners) j
			WHERE d.show_id = ?1 AND d.giveaway = ?2)
		ORDER BY user`, showID, giveaway)
	if err != nil {
		return nil, err
	}
	var out []string
	for rows.Next() {
		var u string
		if err := rows.Scan(&u); err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, u)
	}
	return out, closeRows(rows, "entrants")
}

// drawFrom picks n of entrants (all when there are fewer) with a partial
// Fisher-Yates shuffle driven by crypto/rand: unbiased, since rand.Int
// draws uniformly below its bound, and unpredictable to anyone who knows
// the list.
func drawFrom(entrants []string, n int) ([]string, error) {
	pool := append([]string(nil), entrants...)
	n = min(n, len(pool))
	for i := range n {
		j, err := rand.Int(rand.Reader, big.NewInt(int64(len(pool)-i)))
		if err != nil {
			return nil, fmt.Errorf("random: %w", err)
		}
		k := i + int(j.Int64())
		pool[i], pool[k] = pool[k], pool[i]
	}
	return pool[:n], nil
}

// EntrantsSHA256 is the audit hash of an entrant list: SHA-256 of the
// names, sorted, joined by "\n", in hex. Anyone holding the snapshot can
// recompute it and see that the list was not changed after the draw.
func EntrantsSHA256(sorted []string) string {
	h := sha256.Sum256([]byte(strings.Join(sorted, "\n")))
	return hex.EncodeToString(h[:])
}

// GiveawayDraw is one stored draw, for an audit.
type GiveawayDraw struct {
	ID             int64
	ShowID         int64
	Giveaway       string
	At             time.Time
	Entrants       []string // eligible at the draw, sorted
	EntrantsSHA256 string
	Winners        []string // in the order drawn
}

// GiveawayDraws lists a show's draws in the order they were made.
func (db *DB) GiveawayDraws(ctx context.Context, showID int64) ([]GiveawayDraw, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT id, giveaway, drawn_at, entrants_sha256, entrants, winners
		FROM giveaway_draws WHERE show_id = ? ORDER BY id`, showID)
	if err != nil {
		return nil, fmt.Errorf("store: giveaway draws: %w", err)
	}
	var out []GiveawayDraw
	for rows.Next() {
		d := GiveawayDraw{ShowID: showID}
		var at int64
		var entrants, winners string
		if err := rows.Scan(&d.ID, &d.Giveaway, &at, &d.EntrantsSHA256, &entrants, &winners); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: giveaway draws: %w", err)
		}
		d.At = time.UnixMilli(at)
		if err := json.Unmarshal([]byte(entrants), &d.Entrants); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: giveaway draw %d: %w", d.ID, err)
		}
		if err := json.Unmarshal([]byte(winners), &d.Winners); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: giveaway draw %d: %w", d.ID, err)
		}
		out = append(out, d)
	}
	return out, closeRows(rows, "giveaway draws")
}
